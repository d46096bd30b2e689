/**
 * Typed capability calls over a {@link org.capring.ring.Ring}: call slots holding capnp params and results in
 * place, per-client {@link org.capring.ring.call.CapSet}s of generation-checked handles, the
 * {@link org.capring.ring.call.RingClient} (completion matching that parks and wakes virtual threads, release
 * flushing) and the {@link org.capring.ring.call.RingServer} (validation, endpoints on virtual threads, typed
 * error completions).
 *
 * <h2>Wire contract</h2>
 * A CALL SQE names a slot; the slot's params region holds one capnp segment (root pointer at word 0) of
 * {@code paramsLength} bytes. The CQE echoes userData and the slot; its status is 0, a negative transport
 * status ({@link org.capring.ring.call.Status}) or a positive application status, in which case the result
 * region holds a UTF-8 message of {@code resultLength} bytes. CQE flag {@link org.capring.ring.call.Status#FLAG_DISPATCHED}
 * says the handler started. RELEASE and CANCEL entries are answered only when invalid.
 *
 * <h2>Roles</h2>
 * Each protocol has one home: the client's {@code ReaperRole} (who may drain the CQ, and the hand-off of that
 * right between waiting callers) and {@code Completions} (how callers wait, per
 * {@link org.capring.ring.call.CompletionMode}); the server's {@code Dispatch} (how admitted calls run, per
 * {@link org.capring.ring.call.DispatchMode}), {@code Mailbox} (an endpoint's queue, which never strands a call
 * offered before its retirement) and {@code CallRunner} (handler, status mapping, completion). Both sides use the
 * general pieces of {@code org.capring.ring.concurrent}: doorbells, the drain gate, the lifecycle state machine and
 * the thread factory.
 *
 * <h2>Memory ordering</h2>
 * Slot ownership moves with the ring's own release/acquire pairs: the caller's params writes happen before its
 * submit, the server's result writes before its CQE, the reaper's status writes before its release of the
 * slot's DONE state, which the caller acquires.
 */
package org.capring.ring.call;
