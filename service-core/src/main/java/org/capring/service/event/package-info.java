/**
 * JFR events of the service container: {@link org.capring.service.event.LifecycleEvent} (every lifecycle transition
 * of a service and of its instances), {@link org.capring.service.event.DrainStartedEvent} and
 * {@link org.capring.service.event.DrainEvent} (a drain's start, and its end with drained, cancelled, refused and
 * stuck counts), and {@link org.capring.service.event.HandoffEvent} (started, retargeted, old stopped, aborted).
 * Each is cheap when not enabled (one {@code isEnabled} check) and carries no stack trace.
 */
package org.capring.service.event;
