package org.capring.ring.call;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.IdleStrategy;
import org.capring.ring.ConsumerIdleStrategy;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.WakeupMode;
import org.capring.ring.concurrent.FullQueueBackoff;
import org.capring.ring.concurrent.StateMachine;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * The client side of a ring: typed calls through call slots, completion matching, release flushing.
 *
 * {@snippet :
 * RingClient client = RingClient.open(ring, ClientConfig.defaults());
 * try (Call call = client.newCall(handle, Echo.TYPE_ID, Echo.METHOD_ECHO)) {
 *     call.initParams(Echo.EchoParams.factory).setValue(42);
 *     call.invoke();
 *     long echoed = call.result(Echo.EchoResults.factory).getValue();
 * }
 * }
 *
 * <p><b>Slots.</b> Each call holds one call slot from {@link #newCall} to {@link Call#close()}; with every slot
 * taken, {@code newCall} parks its (virtual) thread until one is free, or until its deadline. Completions are
 * matched to slots by userData ({@code generation << 32 | slot}); a completion for an older use of the slot is
 * ignored and counted.
 *
 * <p><b>Completion path.</b> No platform thread is involved in a typical call: the caller's virtual thread
 * submits and parks; the server's completer posts the CQE and rings the CQ's doorbell; the holder of the
 * client's reaper role (a waiting caller or a dedicated virtual thread, {@link CompletionMode}) drains the CQ in
 * batches and wakes each waiter through its slot's doorbell.
 *
 * <p><b>Lifecycle.</b> {@link State#OPEN} → {@link State#CLOSED} ({@link #close()}: no new calls; calls in flight
 * go on) → {@link State#TERMINATED} once every slot is free again: then the client closes its ring handles and
 * ends its threads, and holds the ring's memory no longer.
 *
 * <p><b>Threads.</b> Thread-safe: any number of virtual or platform threads may call at once. The ring's SQ
 * must be {@link ProducerMode#MULTI}: each slot submits through its own producer handle.
 */
public final class RingClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** A client's lifecycle. */
    public enum State {
        /** Taking new calls. */
        OPEN,
        /** Closed to new calls; calls still holding slots go on. */
        CLOSED,
        /** Every slot came back; ring handles closed, threads ended. */
        TERMINATED
    }

    private final ClientConfig config;
    private final int sqCapacity;
    private final CallSlot[] calls;
    private final IndexStack freeSlots;
    private final Semaphore slotPermits;
    private final RingConsumer<Cqe> cq;
    private final CompletionMatcher matcher = new CompletionMatcher();
    private final ReaperRole role;
    private final Completions completions;
    private final VirtualThreads threads;
    private final StateMachine<State> life;
    private final ConcurrentLinkedQueue<Integer> pendingReleases = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingReleaseCount = new AtomicInteger();
    /** Guards {@link #controlSq}: releases and cancels submitted apart from calls. */
    private final ReentrantLock controlLock = new ReentrantLock();
    private final RingProducer<Sqe> controlSq;
    private final AtomicLong strayCompletions = new AtomicLong();
    /** Calls abandoned (sent, then given up) whose completions have not been reaped yet. */
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicLong releasesSent = new AtomicLong();

    private RingClient(final Ring ring, final ClientConfig config) {
        this.config = config;
        this.sqCapacity = ring.layout().sqCapacity();
        final int slots = ring.layout().slotCount();
        final String name = "capring-client-" + CLIENTS.incrementAndGet();
        this.calls = new CallSlot[slots];
        this.freeSlots = new IndexStack(Math.max(1, slots));
        this.cq = ring.newCqConsumer();
        this.controlSq = ring.newSqProducer();
        for (int slot = slots - 1; slot >= 0; slot--) {
            calls[slot] = new CallSlot(this, slot,
                new RegionMessage(ring.paramsRegion(slot), true, config.traversalLimitWords(), config.nestingLimit()),
                new RegionMessage(ring.resultRegion(slot), false, config.traversalLimitWords(), config.nestingLimit()),
                ring.newSqProducer());
            freeSlots.push(slot);
        }
        this.slotPermits = new Semaphore(slots);
        this.life = StateMachine.builder(name, State.OPEN)
            .allow(State.OPEN, State.CLOSED)
            .allow(State.CLOSED, State.TERMINATED)
            .build();
        this.threads = new VirtualThreads(name, null);
        this.role = new ReaperRole(calls, cq::close);
        this.completions = Completions.of(new CompletionSource(), config, role, threads);
    }

    /**
     * Opens the client side of a ring.
     *
     * @param ring   a ring whose SQ is {@link ProducerMode#MULTI} and which has call slots
     * @param config client configuration
     * @return the client
     * @throws IllegalArgumentException if the SQ is single-producer, the ring has no slots, or the CQ's wake-up mode
     *                                  is not {@link WakeupMode#SIGNAL}
     * @throws IllegalStateException    if the ring's CQ already has a consumer, or the ring is closed
     */
    public static RingClient open(final Ring ring, final ClientConfig config) {
        Objects.requireNonNull(config, "config");
        if (ring.layout().sqProducers() != ProducerMode.MULTI) {
            throw new IllegalArgumentException("a RingClient submits from many threads: the SQ must be "
                + ProducerMode.MULTI);
        }
        if (ring.layout().slotCount() == 0) {
            throw new IllegalArgumentException("the ring has no call slots");
        }
        if (ring.layout().cqWakeup() != WakeupMode.SIGNAL) {
            throw new IllegalArgumentException("a RingClient's callers park on the CQ: the CQ must be "
                + WakeupMode.SIGNAL + ", not " + ring.layout().cqWakeup());
        }
        final RingClient client = new RingClient(ring, config);
        client.completions.start();
        return client;
    }

    /**
     * Takes a call slot for a call, parking while every slot is in use.
     *
     * @param capHandle   handle of the capability to call
     * @param interfaceId interface the caller expects it to implement
     * @param methodId    method ordinal
     * @return the call, ready for its params
     * @throws IllegalStateException           if the client is closed
     * @throws TransportException.Cancelled if interrupted while waiting for a slot (the flag stays set)
     */
    public Call newCall(final int capHandle, final long interfaceId, final int methodId) {
        return newCall(capHandle, interfaceId, methodId, 0);
    }

    /**
     * Takes a call slot for a call with a deadline, parking while every slot is in use but not past the
     * deadline.
     *
     * @param capHandle     handle of the capability to call
     * @param interfaceId   interface the caller expects it to implement
     * @param methodId      method ordinal (u16)
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock, 0 for none; it also bounds
     *                      the wait for the completion
     * @return the call, ready for its params
     * @throws IllegalStateException                  if the client is closed
     * @throws IllegalArgumentException               if methodId does not fit in 16 bits
     * @throws TransportException.DeadlineExceeded if no slot came free before the deadline
     * @throws TransportException.Cancelled        if interrupted while waiting (the flag stays set)
     */
    public Call newCall(final int capHandle, final long interfaceId, final int methodId, final long deadlineNanos) {
        checkMethodId(methodId);
        acquireSlots(1, deadlineNanos);
        return take(capHandle, interfaceId, methodId, deadlineNanos);
    }

    /**
     * Takes {@code count} call slots at once for a batch of calls to one method (for {@link #sendAll}). The slots
     * are taken together, never one by one: callers that each hold part of a batch while waiting for the rest
     * could otherwise hold every slot between them and wait forever.
     *
     * @param into        receives the calls in [0, count)
     * @param count       calls in the batch, at most {@link #slotCount()}
     * @param capHandle   handle of the capability to call
     * @param interfaceId interface the caller expects it to implement
     * @param methodId    method ordinal (u16)
     * @throws IllegalArgumentException if count is out of range or methodId does not fit in 16 bits
     * @throws IllegalStateException    if the client is closed
     * @throws TransportException.Cancelled if interrupted while waiting (the flag stays set)
     */
    public void newCalls(final Call[] into, final int count, final int capHandle, final long interfaceId,
                         final int methodId) {
        if (count < 1 || count > calls.length || count > into.length) {
            throw new IllegalArgumentException("batch of " + count + " calls: needs 1.." + calls.length
                + " and room in the array");
        }
        checkMethodId(methodId);
        acquireSlots(count, 0);
        for (int i = 0; i < count; i++) {
            into[i] = take(capHandle, interfaceId, methodId, 0);
        }
    }

    private static void checkMethodId(final int methodId) {
        if (methodId < 0 || methodId > 0xFFFF) {
            throw new IllegalArgumentException("methodId must fit in 16 bits: " + methodId);
        }
    }

    private Call take(final int capHandle, final long interfaceId, final int methodId, final long deadlineNanos) {
        final int slot = freeSlots.pop();
        if (slot < 0) {
            slotPermits.release();
            throw new IllegalStateException("slot accounting broken: a permit without a free slot");
        }
        final CallSlot callSlot = calls[slot];
        if (callSlot.params.overflowed()) {
            // The previous call's params outgrew the region and it was closed unsent: its overflow is not this one's.
            callSlot.params.clear();
        }
        return new Call(callSlot, callSlot.acquire(capHandle, interfaceId, methodId, deadlineNanos));
    }

    /**
     * Takes slot permits, parking while too few slots are free (freed by a close, or by reaping an abandoned
     * call). The client must be open both before the wait and after it: a close while waiting gives the permits
     * back and refuses.
     */
    private void acquireSlots(final int count, final long deadlineNanos) {
        if (life.state() != State.OPEN) {
            throw new IllegalStateException("client is closed");
        }
        try {
            if (deadlineNanos == 0) {
                slotPermits.acquire(count);
            } else if (!slotPermits.tryAcquire(count, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw TransportException.of(Status.DEADLINE_EXCEEDED, false, false, "no call slot came free in time");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportException.of(Status.CANCELLED, false, false, "interrupted while waiting for a call slot");
        }
        if (life.state() != State.OPEN) {
            slotPermits.release(count);
            checkTerminated();
            throw new IllegalStateException("client is closed");
        }
    }

    /**
     * Wraps a handle (granted at setup or received in a result) in a reference whose {@code close()} releases it.
     *
     * @param handle capability handle
     * @return the reference
     */
    public CapRef capRef(final int handle) {
        return new CapRef(this, handle);
    }

    // ---- submitting -------------------------------------------------------------------------------------------

    /**
     * Sends several built calls in one SQ batch: one claim, one submit. Each must then be awaited. Every call is
     * checked before anything is claimed, so a rejected batch sends nothing.
     *
     * @param batch calls in state "building", all of this client, each once
     * @throws IllegalStateException              if a call was already sent or closed, belongs to another client,
     *                                            or appears twice
     * @throws TransportException.ParamsTooLarge if a call's params did not fit (nothing is sent)
     */
    public void sendAll(final Call... batch) {
        if (batch.length == 0) {
            return;
        }
        for (int i = 0; i < batch.length; i++) {
            final Call call = batch[i];
            if (call.slot.client != this || call.state() != CallSlot.BUILDING) {
                throw new IllegalStateException("sendAll takes built calls of this client; call " + i + " is "
                    + (call.slot.client != this ? "another client's" : call));
            }
            for (int j = 0; j < i; j++) {
                if (batch[j].slot == call.slot) {
                    throw new IllegalStateException("sendAll: calls " + j + " and " + i + " are the same call; nothing was sent");
                }
            }
            if (call.slot.params.overflowed()) {
                throw TransportException.of(Status.PARAMS_TOO_LARGE, false, call.slot.idempotent,
                    "params of slot " + call.slot.slot + " outgrew the slot region; nothing was sent");
            }
        }
        submit(batch[0].slot.sq, batch, batch.length, null, 0);
    }

    /** Sends call {@code generation} of {@code slot} (the {@link Call} itself never reaches the runtime). */
    void send(final CallSlot slot, final int generation) {
        submit(slot.sq, null, 1, slot, generation);
    }

    /**
     * Claims the calls' entries plus room for queued releases, fills them, and submits once. A claimed range is
     * always submitted: a call that was closed between the checks and here goes as a NOP, and any failure while
     * filling aborts the claim (NOPs), so a caller's mistake never leaves the consumer waiting for entries that
     * will not come.
     */
    private void submit(final RingProducer<Sqe> sq, final Call[] batch, final int count, final CallSlot single,
                        final int singleGeneration) {
        final int releases = Math.max(0, Math.min(pendingReleaseCount.get(), sqCapacity - count));
        claim(sq, count + releases);
        int closedMeanwhile = -1;
        try {
            for (int i = 0; i < count; i++) {
                final CallSlot slot = single != null ? single : batch[i].slot;
                final int generation = single != null ? singleGeneration : batch[i].generation;
                final int paramsLength = slot.paramsLength();
                slot.clearParamsIfUnused();
                if (!slot.cas(generation, CallSlot.BUILDING, CallSlot.SENT)) {
                    sq.entry(i).clear(); // a NOP in its place
                    closedMeanwhile = slot.slot;
                    continue;
                }
                sq.entry(i).set(Sqe.OP_CALL, 0, slot.methodId, slot.capHandle, slot.interfaceId, slot.slot,
                    paramsLength, slot.userData(generation), slot.deadlineNanos);
            }
            for (int i = count; i < count + releases; i++) {
                fillRelease(sq.entry(i));
            }
        } catch (final RuntimeException | Error e) {
            sq.abort();
            throw e;
        }
        sq.submit();
        if (closedMeanwhile >= 0) {
            throw new IllegalStateException("the call in slot " + closedMeanwhile + " was closed while being sent");
        }
    }

    private void claim(final RingProducer<Sqe> sq, final int entries) {
        if (sq.tryClaim(entries)) {
            return;
        }
        final FullQueueBackoff backoff = new FullQueueBackoff(FullQueueBackoff.DEFAULT_MAX_PARK_NANOS);
        try {
            do {
                completions.whileSqFull();
                backoff.idle();
            } while (!sq.tryClaim(entries));
        } finally {
            backoff.reset(); // gives back a spin permit the last round may hold
        }
    }

    private void fillRelease(final Sqe sqe) {
        final Integer handle = pendingReleases.poll();
        if (handle == null) {
            sqe.set(Sqe.OP_NOP, 0, 0, 0, 0, 0, 0, 0, 0);
        } else {
            pendingReleaseCount.decrementAndGet();
            releasesSent.incrementAndGet();
            sqe.set(Sqe.OP_RELEASE, 0, 0, handle, 0, 0, 0, 0, 0);
        }
    }

    void queueRelease(final int handle) {
        pendingReleases.add(handle);
        if (pendingReleaseCount.incrementAndGet() >= config.releaseBatch()) {
            flushReleases();
        }
    }

    /** Sends every queued RELEASE now, in one batch. A no-op once the client has terminated. */
    public void flushReleases() {
        controlLock.lock();
        try {
            final int n = Math.min(pendingReleaseCount.get(), sqCapacity);
            if (n <= 0 || controlSq.isClosed()) {
                return;
            }
            claim(controlSq, n);
            for (int i = 0; i < n; i++) {
                fillRelease(controlSq.entry(i));
            }
            controlSq.submit();
        } finally {
            controlLock.unlock();
        }
    }

    /** Sends a CANCEL for call {@code generation} of {@code slot}, whose handle the caller read while it held the call. */
    void sendCancel(final CallSlot slot, final int generation, final int capHandle) {
        controlLock.lock();
        try {
            if (controlSq.isClosed()) {
                return;
            }
            claim(controlSq, 1);
            controlSq.entry(0).set(Sqe.OP_CANCEL, 0, 0, capHandle, 0, slot.slot, 0, slot.userData(generation), 0);
            controlSq.submit();
        } finally {
            controlLock.unlock();
        }
    }

    // ---- waiting and reaping ---------------------------------------------------------------------------------

    void await(final CallSlot slot, final int generation) {
        completions.await(slot, generation);
    }

    /** Drains up to a batch of CQEs; the caller holds the reaper role. @return CQEs taken */
    private int reap() {
        return cq.drain(matcher, config.reapBatch());
    }

    /** The client's CQ as the completion strategies see it. */
    private final class CompletionSource implements Completions.Source {
        @Override
        public int reap() {
            return RingClient.this.reap();
        }

        @Override
        public void parkOnCompletions(final long maxNanos) {
            cq.park(maxNanos);
        }

        @Override
        public IdleStrategy reaperIdle() {
            return ConsumerIdleStrategy.forVirtualThread(cq, config.spinRounds());
        }

        @Override
        public void abandonIfDue(final CallSlot slot, final int generation, final long deadline) {
            RingClient.this.abandonIfDue(slot, generation, deadline);
        }

        @Override
        public int abandonedCalls() {
            return abandoned.get();
        }
    }

    /** Matches each CQE to its slot and wakes its waiter. Runs on the holder of the reaper role only. */
    private final class CompletionMatcher implements EntryHandler<Cqe> {
        @Override
        public void onEntry(final Cqe cqe) {
            final long userData = cqe.userData();
            if (userData == 0) {
                return; // an aborted claim's zeroed entry: a completion for nobody
            }
            final int slot = (int) userData;
            if (slot < 0 || slot >= calls.length) {
                strayCompletions.incrementAndGet();
                return;
            }
            final CallSlot call = calls[slot];
            final int generation = (int) (userData >>> 32);
            final long stamp = call.stamp();
            if (CallSlot.generationOf(stamp) != generation) {
                strayCompletions.incrementAndGet();
                return;
            }
            if (CallSlot.stateOf(stamp) == CallSlot.SENT) {
                call.status = cqe.status();
                call.cqeFlags = cqe.flags();
                call.resultLength = cqe.resultLength();
                // CAS (a full fence): publishes the completion fields with DONE, and orders them before the ring.
                if (call.cas(generation, CallSlot.SENT, CallSlot.DONE)) {
                    call.bell.ringFenced();
                    return;
                }
            }
            if (call.cas(generation, CallSlot.ABANDONED, CallSlot.FREE)) {
                abandoned.decrementAndGet();
                freeSlot(call);
            } else {
                strayCompletions.incrementAndGet();
            }
        }
    }

    /**
     * Gives up the call if the caller was interrupted or its deadline passed: marks it abandoned (its slot stays
     * with the server until the completion comes), asks the server to cancel it, and throws.
     */
    private void abandonIfDue(final CallSlot slot, final int generation, final long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            abandon(slot, generation, Status.CANCELLED, "interrupted while waiting");
        }
        if (deadline != 0 && deadline - System.nanoTime() <= 0) {
            abandon(slot, generation, Status.DEADLINE_EXCEEDED, "no completion before the deadline");
        }
    }

    private void abandon(final CallSlot slot, final int generation, final int status, final String why) {
        // Read while the call is still ours: once abandoned, the reaper may free the slot for another call.
        final boolean idempotent = slot.idempotent;
        final int capHandle = slot.capHandle;
        if (slot.cas(generation, CallSlot.SENT, CallSlot.ABANDONED)) {
            onAbandoned();
            sendCancel(slot, generation, capHandle);
            throw TransportException.of(status, true, idempotent, why + " (the call may have run)");
        }
        if (slot.state(generation) != CallSlot.DONE) {
            throw new IllegalStateException("the call was closed while it was being awaited");
        }
    }

    private void onAbandoned() {
        abandoned.incrementAndGet();
        completions.onAbandoned();
    }

    // ---- slots ------------------------------------------------------------------------------------------------

    void close(final CallSlot slot, final int generation) {
        while (true) {
            final int state = slot.state(generation);
            switch (state) {
                case CallSlot.BUILDING, CallSlot.DONE -> {
                    if (slot.cas(generation, state, CallSlot.FREE)) {
                        freeSlot(slot);
                        return;
                    }
                }
                case CallSlot.SENT -> {
                    // Not awaited: abandon; the reaper frees the slot when the completion arrives.
                    if (slot.cas(generation, CallSlot.SENT, CallSlot.ABANDONED)) {
                        onAbandoned();
                        return;
                    }
                }
                default -> {
                    // Already closed or abandoned, or the slot belongs to a later call: nothing of ours to free.
                    return;
                }
            }
        }
    }

    private void freeSlot(final CallSlot slot) {
        freeSlots.push(slot.slot);
        slotPermits.release();
        if (life.state() != State.OPEN) {
            checkTerminated();
        }
    }

    // ---- diagnostics and lifecycle ----------------------------------------------------------------------------

    /** @return slots not held by a call (all of them when nothing is in flight or being built) */
    public int freeSlots() {
        return slotPermits.availablePermits();
    }

    /** @return number of call slots */
    public int slotCount() {
        return calls.length;
    }

    /** @return completions that matched no outstanding call (late, duplicated or forged) */
    public long strayCompletions() {
        return strayCompletions.get();
    }

    /** @return RELEASE entries sent */
    public long releasesSent() {
        return releasesSent.get();
    }

    /** @return RELEASEs queued and not yet sent */
    public int pendingReleases() {
        return pendingReleaseCount.get();
    }

    /**
     * Reaps every completion already in the CQ (for example those of abandoned calls) without waiting. Does
     * nothing (returns 0) while another thread holds the reaper role, as the dedicated reaper thread always does.
     *
     * @return completions reaped
     */
    public int reapNow() {
        if (!role.tryAcquire()) {
            return 0;
        }
        try {
            int total = 0;
            int n;
            while ((n = reap()) > 0) {
                total += n;
            }
            return total;
        } finally {
            role.release();
        }
    }

    /**
     * Waits until the client has terminated: closed, and every slot free again (each call that held one was closed,
     * or, abandoned, reaped). After {@link #close()}, a call that took its slot before the close may still be sent;
     * whoever serves the ring should go on serving until this returns true.
     *
     * @param timeout longest wait
     * @return true if it terminated within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(final Duration timeout) throws InterruptedException {
        return life.awaitAny(EnumSet.of(State.TERMINATED), System.nanoTime() + timeout.toNanos()) != null;
    }

    /** @return the lifecycle state (a snapshot) */
    public State state() {
        return life.state();
    }

    /**
     * Closes the client to new calls and flushes queued releases; calls still holding slots go on. The client
     * terminates (closes its ring handles, ends its threads) once every slot is free again, at once if none is
     * held. Idempotent.
     */
    @Override
    public void close() {
        if (!life.transition(State.OPEN, State.CLOSED)) {
            return;
        }
        flushReleases();
        checkTerminated();
    }

    /** @return true once closed */
    public boolean isClosed() {
        return life.state() != State.OPEN;
    }

    /** Terminates a closed client whose every slot is free: ring handles closed, threads ended. Once. */
    private void checkTerminated() {
        if (slotPermits.availablePermits() != calls.length || !life.transition(State.CLOSED, State.TERMINATED)) {
            return;
        }
        threads.close();
        if (completions instanceof Completions.ReaperThread reaperThread) {
            reaperThread.stop();
        }
        role.close(); // closes the CQ handle now, or when its holder gives the role up
        controlLock.lock();
        try {
            controlSq.close();
        } finally {
            controlLock.unlock();
        }
        for (final CallSlot slot : calls) {
            slot.sq.close();
        }
    }
}
