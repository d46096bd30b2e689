package org.capring.service.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a service or one of its instances moved from one lifecycle state to another. */
@Name(LifecycleEvent.NAME)
@Label("Service Lifecycle")
@Category({"capring", "Service"})
@Description("A service (instance 0) or one of its instances changed lifecycle state")
@StackTrace(false)
public final class LifecycleEvent extends Event {
    /** The event's JFR name. */
    public static final String NAME = "org.capring.service.Lifecycle";

    @Label("Service")
    private String service;
    @Label("Instance")
    @Description("0 for the service itself, 1.. for its instances in start order")
    private int instance;
    @Label("From")
    private String from;
    @Label("To")
    private String to;
    @Label("Cause")
    private String cause;

    /**
     * Commits one transition, if the event is enabled.
     *
     * @param service  the service
     * @param instance 0 for the service, else the instance's number
     * @param from     the state left
     * @param to       the state entered
     * @param cause    the failure that caused it, or null
     */
    public static void emit(final String service, final int instance, final String from, final String to,
                            final Throwable cause) {
        final LifecycleEvent event = new LifecycleEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.service = service;
        event.instance = instance;
        event.from = from;
        event.to = to;
        event.cause = cause == null ? null : cause.toString();
        event.commit();
    }
}
