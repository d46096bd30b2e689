package org.capring.service.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: one drain of a service instance, from its start (the gate closed) to its end (in-flight zero, or the rest
 * cancelled or stuck), with its counts. A {@link DrainStartedEvent} marks the start at once, so that a recording
 * shows a drain that never ends.
 *
 * {@snippet :
 * DrainEvent drain = DrainEvent.begin("kv", 1);
 * ... // drain
 * drain.end(drained, cancelled, refused, stuck, contextsLeaked);
 * }
 */
@Name(DrainEvent.NAME)
@Label("Service Drain")
@Category({"capring", "Service"})
@Description("A service instance drained: calls in flight finished or were cancelled")
@StackTrace(false)
public final class DrainEvent extends Event {
    /** The event's JFR name. */
    public static final String NAME = "org.capring.service.Drain";

    @Label("Service")
    private String service;
    @Label("Instance")
    private int instance;
    @Label("Drained")
    @Description("Calls in flight at the start that finished within the grace period")
    private long drained;
    @Label("Cancelled")
    private long cancelled;
    @Label("Refused")
    @Description("Calls refused with SHUTTING_DOWN during the drain")
    private long refused;
    @Label("Stuck")
    private long stuck;
    @Label("Contexts Leaked")
    private long contextsLeaked;

    private DrainEvent() {
    }

    /**
     * Starts timing a drain and commits its {@link DrainStartedEvent}.
     *
     * @param service  the service
     * @param instance the instance being drained
     * @return the drain's event, to {@link #end} when it is over
     */
    public static DrainEvent begin(final String service, final int instance) {
        DrainStartedEvent.emit(service, instance);
        final DrainEvent event = new DrainEvent();
        event.service = service;
        event.instance = instance;
        event.begin();
        return event;
    }

    /**
     * Ends the drain and commits it, if enabled.
     *
     * @param drainedCalls   calls that finished within the grace period
     * @param cancelledCalls calls cancelled after it
     * @param refusedCalls   calls refused during the drain
     * @param stuckCalls     calls that ignored cancellation
     * @param leaked         call contexts still open at the end
     */
    public void end(final long drainedCalls, final long cancelledCalls, final long refusedCalls,
                    final long stuckCalls, final long leaked) {
        end();
        if (!shouldCommit()) {
            return;
        }
        drained = drainedCalls;
        cancelled = cancelledCalls;
        refused = refusedCalls;
        stuck = stuckCalls;
        contextsLeaked = leaked;
        commit();
    }
}
