package org.capring.service.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: one step of a live handoff from an old instance to a new one. */
@Name(HandoffEvent.NAME)
@Label("Service Handoff")
@Category({"capring", "Service"})
@Description("A step of a handoff: started, retargeted, old stopped, or aborted")
@StackTrace(false)
public final class HandoffEvent extends Event {
    /** The event's JFR name. */
    public static final String NAME = "org.capring.service.Handoff";

    /** The steps of a handoff. */
    public enum Stage {
        /** The new instance is starting. */
        STARTED,
        /** The new instance answered its probe; the binding now routes new calls to it. */
        RETARGETED,
        /** The old instance drained and stopped. */
        OLD_STOPPED,
        /** The new instance did not become READY; nothing was retargeted. */
        ABORTED
    }

    @Label("Service")
    private String service;
    @Label("Old Instance")
    private int oldInstance;
    @Label("New Instance")
    private int newInstance;
    @Label("Stage")
    private String stage;
    @Label("Detail")
    private String detail;

    private HandoffEvent() {
    }

    /**
     * Commits one step, if the event is enabled.
     *
     * @param service     the service
     * @param oldInstance the instance serving before
     * @param newInstance the instance taking over
     * @param stage       the step
     * @param detail      why it was aborted, or other detail; may be null
     */
    public static void emit(final String service, final int oldInstance, final int newInstance, final Stage stage,
                            final String detail) {
        final HandoffEvent event = new HandoffEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.service = service;
        event.oldInstance = oldInstance;
        event.newInstance = newInstance;
        event.stage = stage.name();
        event.detail = detail;
        event.commit();
    }
}
