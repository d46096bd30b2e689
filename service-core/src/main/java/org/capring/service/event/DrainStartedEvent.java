package org.capring.service.event;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a drain began (new calls are refused from now on); its {@link DrainEvent} follows when it ends. */
@Name(DrainStartedEvent.NAME)
@Label("Service Drain Started")
@Category({"capring", "Service"})
@StackTrace(false)
public final class DrainStartedEvent extends Event {
    /** The event's JFR name. */
    public static final String NAME = "org.capring.service.DrainStarted";

    @Label("Service")
    private String service;
    @Label("Instance")
    private int instance;

    private DrainStartedEvent() {
    }

    static void emit(final String service, final int instance) {
        final DrainStartedEvent event = new DrainStartedEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.service = service;
        event.instance = instance;
        event.commit();
    }
}
