/**
 * A capability-native service container on the call ring: a {@link org.capring.service.ServiceHost} owns the
 * services of one process and the mechanics every service would otherwise get wrong, while application code fills
 * typed hooks.
 *
 * <h2>How the pieces fit</h2>
 * <ul>
 *   <li><b>Host and lifecycle.</b> {@link org.capring.service.ServiceHost#add} takes a
 *       {@link org.capring.service.ServiceDefinition} (name, {@link org.capring.service.Export}, first
 *       {@link org.capring.service.ServiceInstance}, {@link org.capring.service.Phases},
 *       {@link org.capring.service.ServiceConfig}) and its dependencies as {@link org.capring.service.Readiness}
 *       handles; start is topological, stop reverse with one deadline. Each service and each instance has one
 *       {@code StateMachine} of {@link org.capring.service.ServiceState}s (ring-core's).</li>
 *   <li><b>Readiness and grants.</b> READY means the instance's probe call ({@link org.capring.service.Export.Probe})
 *       answered through the host's probe ring. A holder (a service with dependencies, a
 *       {@link org.capring.service.ServiceClient}) has a ring and a CapSet of its own, into which exactly the
 *       capabilities it declared are granted once READY: no names, no lookup.</li>
 *   <li><b>Bindings.</b> Every capability granted for a service serves through its binding, whose target (the
 *       serving instance) a handoff swaps atomically; each target counts its calls in flight with ring-core's
 *       {@code DrainGate}.</li>
 *   <li><b>Drain.</b> The current target's gate closes: new calls are refused with SHUTTING_DOWN before dispatch
 *       (retry-safe); calls in flight finish within the grace period; the rest are cancelled
 *       ({@code CancelHandshake}: flag and interrupt, never reaching a later call on the same thread or slot) and
 *       answered CANCELLED, marked dispatched; a {@link org.capring.service.DrainReport} gives the exact counts.</li>
 *   <li><b>Handoff.</b> {@link org.capring.service.ServiceHost#handoff}: new instance started and probed, then
 *       retargeted, then the old one drained; a new instance that fails leaves the old one serving, untouched.</li>
 *   <li><b>Context and phases.</b> One {@link org.capring.service.CallContext} per call, a {@code ScopedValue} for
 *       callees, closed exactly once on every path; optional typed phases, each with its narrow view:
 *       {@link org.capring.service.RequestFilter}, {@link org.capring.service.Route}, the call (a generated skeleton
 *       as it is), {@link org.capring.service.FailurePolicy}, {@link org.capring.service.ResponseFilter},
 *       {@link org.capring.service.CallLog} (which also sees refusals the ring made before any handler, through
 *       ring-core's {@code RefusalObserver}).</li>
 *   <li><b>Tasks, metrics, events.</b> {@link org.capring.service.task}, {@link org.capring.service.metrics},
 *       {@link org.capring.service.event}.</li>
 * </ul>
 *
 * <h2>Memory ordering</h2>
 * The binding's target is one volatile reference; a retarget stores it before it closes the old target's gate (an
 * atomic read-modify-write), so a caller that finds a gate closed and reads the target again sees the new one.
 * Everything else publishes through ring-core's concurrency pieces and {@code java.util.concurrent}.
 */
package org.capring.service;
