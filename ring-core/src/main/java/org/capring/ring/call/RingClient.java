package org.capring.ring.call;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.IdleStrategy;
import org.capring.ring.ConsumerIdleStrategy;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingProducer;
import org.capring.ring.SpinWait;
import org.capring.ring.Sqe;

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
 * submits and parks; the server's completer posts the CQE, whose NEED_WAKEUP protocol unparks the reaper; the
 * reaper (a waiting caller or a dedicated virtual thread, {@link CompletionMode}) drains the CQ in batches and
 * unparks each waiter directly through its slot.
 *
 * <p><b>Threads.</b> Thread-safe: any number of virtual or platform threads may call at once. The ring's SQ
 * must be {@link ProducerMode#MULTI}: each slot submits through its own producer handle.
 */
public final class RingClient implements AutoCloseable {
    private static final long SQ_FULL_BACKOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /** How long the janitor parks on the CQ (or waits for the reaper role) before it looks again. */
    private static final long JANITOR_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Ring ring;
    private final ClientConfig config;
    private final CallSlot[] calls;
    private final IndexStack freeSlots;
    private final Semaphore slotPermits;
    private final RingConsumer<Cqe> cq;
    private final Reaper reaper = new Reaper();
    private final AtomicBoolean reaping = new AtomicBoolean();
    /** The caller-reaper's spin; used only by the thread that holds {@link #reaping}, so one serves them all. */
    private final SpinWait reaperSpin;
    private final IndexStack followers;
    private final ConcurrentLinkedQueue<Integer> pendingReleases = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingReleaseCount = new AtomicInteger();
    private final ReentrantLock controlLock = new ReentrantLock();
    private final RingProducer<Sqe> controlSq;
    private final AtomicLong strayCompletions = new AtomicLong();
    /** Calls abandoned (sent, then given up) whose completions have not been reaped yet. */
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicBoolean janitorRunning = new AtomicBoolean();
    private final AtomicLong releasesSent = new AtomicLong();
    private volatile boolean closed;
    private Thread reaperThread;

    private RingClient(final Ring ring, final ClientConfig config) {
        this.ring = ring;
        this.config = config;
        this.reaperSpin = new SpinWait(config.spinRounds());
        final int slots = ring.layout().slotCount();
        this.calls = new CallSlot[slots];
        this.freeSlots = new IndexStack(Math.max(1, slots));
        this.followers = new IndexStack(Math.max(1, slots));
        for (int slot = slots - 1; slot >= 0; slot--) {
            calls[slot] = new CallSlot(this, slot,
                new RegionMessage(ring.paramsRegion(slot), true, config.traversalLimitWords(), config.nestingLimit()),
                new RegionMessage(ring.resultRegion(slot), false, config.traversalLimitWords(), config.nestingLimit()),
                ring.newSqProducer());
            freeSlots.push(slot);
        }
        this.slotPermits = new Semaphore(slots);
        this.controlSq = ring.newSqProducer();
        this.cq = ring.newCqConsumer();
    }

    /**
     * Opens the client side of a ring.
     *
     * @param ring   a ring whose SQ is {@link ProducerMode#MULTI} and which has call slots
     * @param config client configuration
     * @return the client
     * @throws IllegalArgumentException if the SQ is single-producer or the ring has no slots
     * @throws IllegalStateException    if the ring's CQ already has a consumer
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
        final RingClient client = new RingClient(ring, config);
        if (config.completion() == CompletionMode.REAPER_THREAD) {
            client.reaperThread = Thread.ofVirtual().name("capring-client-reaper").start(client::runReaper);
        }
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
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        if (methodId < 0 || methodId > 0xFFFF) {
            throw new IllegalArgumentException("methodId must fit in 16 bits: " + methodId);
        }
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
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        if (count < 1 || count > calls.length || count > into.length) {
            throw new IllegalArgumentException("batch of " + count + " calls: needs 1.." + calls.length
                + " and room in the array");
        }
        if (methodId < 0 || methodId > 0xFFFF) {
            throw new IllegalArgumentException("methodId must fit in 16 bits: " + methodId);
        }
        acquireSlots(count, 0);
        for (int i = 0; i < count; i++) {
            into[i] = take(capHandle, interfaceId, methodId, 0);
        }
    }

    private Call take(final int capHandle, final long interfaceId, final int methodId, final long deadlineNanos) {
        final int slot = freeSlots.pop();
        if (slot < 0) {
            slotPermits.release();
            throw new IllegalStateException("slot accounting broken: a permit without a free slot");
        }
        final CallSlot callSlot = calls[slot];
        return new Call(callSlot, callSlot.acquire(capHandle, interfaceId, methodId, deadlineNanos));
    }

    /** Takes slot permits, parking while too few slots are free (freed by a close, or by reaping an abandoned call). */
    private void acquireSlots(final int count, final long deadlineNanos) {
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

    /**
     * Sends several built calls in one SQ batch: one claim, one submit. Each must then be awaited.
     *
     * @param batch calls in state "building", all of this client
     * @throws IllegalStateException              if a call was already sent or belongs to another client
     * @throws TransportException.ParamsTooLarge if a call's params did not fit (nothing is sent)
     */
    public void sendAll(final Call... batch) {
        if (batch.length == 0) {
            return;
        }
        for (final Call call : batch) {
            if (call.slot.client != this || call.state() != CallSlot.BUILDING) {
                throw new IllegalStateException("sendAll takes built calls of this client");
            }
            if (call.slot.params.overflowed()) {
                throw TransportException.of(Status.PARAMS_TOO_LARGE, false, call.slot.idempotent,
                    "params of slot " + call.slot.slot + " outgrew the slot region; nothing was sent");
            }
        }
        submit(batch[0].slot.sq, batch, batch.length);
    }

    void send(final Call call) {
        submit(call.slot.sq, null, 1, call);
    }

    private void submit(final RingProducer<Sqe> sq, final Call[] batch, final int count) {
        submit(sq, batch, count, null);
    }

    /** Claims the calls' entries plus room for queued releases, fills them, and submits once. */
    private void submit(final RingProducer<Sqe> sq, final Call[] batch, final int count, final Call single) {
        final int releases = Math.min(pendingReleaseCount.get(), ring.layout().sqCapacity() - count);
        claim(sq, count + Math.max(0, releases));
        for (int i = 0; i < count; i++) {
            final Call call = single != null ? single : batch[i];
            final CallSlot slot = call.slot;
            final int paramsLength = slot.paramsLength();
            slot.clearParamsIfUnused();
            if (!slot.cas(call.generation, CallSlot.BUILDING, CallSlot.SENT)) {
                throw new IllegalStateException("call closed while being sent");
            }
            sq.entry(i).set(Sqe.OP_CALL, 0, slot.methodId, slot.capHandle, slot.interfaceId, slot.slot,
                paramsLength, slot.userData(call.generation), slot.deadlineNanos);
        }
        for (int i = count; i < count + Math.max(0, releases); i++) {
            fillRelease(sq.entry(i));
        }
        sq.submit();
    }

    private void claim(final RingProducer<Sqe> sq, final int entries) {
        while (!sq.tryClaim(entries)) {
            // The server is behind, perhaps blocked on a full CQ that only a waiting caller would reap: reap if
            // nobody does, then back off without spinning a carrier.
            if (config.completion() == CompletionMode.CALLER_REAPS && reaping.compareAndSet(false, true)) {
                try {
                    reap();
                } finally {
                    reaping.set(false);
                    handOffReaping();
                }
            }
            LockSupport.parkNanos(SQ_FULL_BACKOFF_NANOS);
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

    /** Sends every queued RELEASE now, in one batch. */
    public void flushReleases() {
        controlLock.lock();
        try {
            final int n = Math.min(pendingReleaseCount.get(), ring.layout().sqCapacity());
            if (n <= 0) {
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

    void sendCancel(final CallSlot slot, final int generation) {
        controlLock.lock();
        try {
            claim(controlSq, 1);
            controlSq.entry(0).set(Sqe.OP_CANCEL, 0, 0, slot.capHandle, 0, slot.slot, 0, slot.userData(generation), 0);
            controlSq.submit();
        } finally {
            controlLock.unlock();
        }
    }

    // ---- waiting and reaping ---------------------------------------------------------------------------------

    void await(final Call call) {
        try {
            awaitDone(call);
        } finally {
            // Whoever leaves while others wait and nobody reaps passes the role on (covers callers that give up).
            if (config.completion() == CompletionMode.CALLER_REAPS && !reaping.get()) {
                handOffReaping();
            }
        }
    }

    private void awaitDone(final Call call) {
        final CallSlot slot = call.slot;
        final long deadline = slot.deadlineNanos;
        while (call.state() != CallSlot.DONE) {
            if (Thread.currentThread().isInterrupted()) {
                abandon(call, Status.CANCELLED, "interrupted while waiting");
            }
            if (deadline != 0 && deadline - System.nanoTime() <= 0) {
                abandon(call, Status.DEADLINE_EXCEEDED, "no completion before the deadline");
            }
            if (config.completion() == CompletionMode.CALLER_REAPS && reaping.compareAndSet(false, true)) {
                try {
                    reapUntilDone(call, deadline);
                } finally {
                    reaping.set(false);
                    handOffReaping();
                }
            } else {
                slot.waiter = Thread.currentThread();
                if (config.completion() == CompletionMode.CALLER_REAPS && slot.enterFollowers()) {
                    followers.push(slot.slot);
                }
                // Re-check after registering: the reaper may have left, or completed us, meanwhile.
                if (call.state() == CallSlot.DONE
                    || (config.completion() == CompletionMode.CALLER_REAPS && !reaping.get())) {
                    continue;
                }
                park(deadline);
            }
        }
    }

    private static void park(final long deadline) {
        if (deadline == 0) {
            LockSupport.park();
        } else {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    /** The reaper role: drain the CQ until our own call completes; park on the CQ while nothing arrives. */
    private void reapUntilDone(final Call call, final long deadline) {
        // A bounded spin before each park, only while a core is free: a completion that arrives within it costs no
        // park and no wake-up.
        final SpinWait spin = reaperSpin;
        try {
            while (call.state() != CallSlot.DONE) {
                if (reap() > 0) {
                    spin.reset();
                    continue;
                }
                if (spin.spin()) {
                    continue;
                }
                if (Thread.currentThread().isInterrupted() || (deadline != 0 && deadline - System.nanoTime() <= 0)) {
                    return;
                }
                cq.park(deadline == 0 ? 0 : deadline - System.nanoTime());
            }
        } finally {
            spin.reset();
        }
    }

    /** Wakes one caller that still waits, so that it takes over the reaper role. */
    private void handOffReaping() {
        int slot;
        while ((slot = followers.pop()) >= 0) {
            final CallSlot next = calls[slot];
            next.leaveFollowers();
            if (CallSlot.stateOf(next.stamp()) == CallSlot.SENT) {
                final Thread thread = next.waiter;
                if (thread != null) {
                    LockSupport.unpark(thread);
                    return;
                }
            }
        }
    }

    private void runReaper() {
        final IdleStrategy idle = ConsumerIdleStrategy.forVirtualThread(cq, config.spinRounds());
        while (!closed) {
            idle.idle(reap());
        }
        idle.reset(); // gives back a spin permit held when the client closed
    }

    /** @return CQEs taken; completes their calls and wakes their waiters */
    private int reap() {
        return cq.drain(reaper, config.reapBatch());
    }

    /** Matches each CQE to its slot. Runs on the current reaper only. */
    private final class Reaper implements EntryHandler<Cqe> {
        @Override
        public void onEntry(final Cqe cqe) {
            final long userData = cqe.userData();
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
                if (call.cas(generation, CallSlot.SENT, CallSlot.DONE)) {
                    final Thread thread = call.waiter;
                    if (thread != null && thread != Thread.currentThread()) {
                        LockSupport.unpark(thread);
                    }
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

    private void abandon(final Call call, final int status, final String why) {
        if (call.slot.cas(call.generation, CallSlot.SENT, CallSlot.ABANDONED)) {
            // The slot stays with the server until its completion arrives; the reaper frees it then.
            onAbandoned();
            sendCancel(call.slot, call.generation);
            throw TransportException.of(status, true, call.slot.idempotent, why + " (the call may have run)");
        }
        if (call.state() != CallSlot.DONE) {
            throw new IllegalStateException("the call was closed while it was being awaited");
        }
    }

    /**
     * With {@link CompletionMode#CALLER_REAPS} only a waiting caller reaps; an abandoned call's completion might
     * then never be reaped and its slot never come back (a client whose every slot was abandoned would wait
     * forever for a slot). So the first abandonment starts a janitor: a virtual thread that takes the reaper role
     * whenever nobody holds it, parking on the CQ, until every abandoned call has been reaped.
     */
    private void onAbandoned() {
        abandoned.incrementAndGet();
        if (config.completion() == CompletionMode.CALLER_REAPS && janitorRunning.compareAndSet(false, true)) {
            Thread.ofVirtual().name("capring-client-janitor").start(this::runJanitor);
        }
    }

    private void runJanitor() {
        do {
            while (abandoned.get() > 0 && !closed) {
                if (reaping.compareAndSet(false, true)) {
                    try {
                        if (reap() == 0 && abandoned.get() > 0) {
                            cq.park(JANITOR_PARK_NANOS);
                        }
                    } finally {
                        reaping.set(false);
                        handOffReaping();
                    }
                } else {
                    // A caller reaps now; look again later in case it leaves with abandoned calls outstanding.
                    LockSupport.parkNanos(JANITOR_PARK_NANOS);
                }
            }
            janitorRunning.set(false);
            // Re-check: an abandonment between the loop's last look and the flag going down.
        } while (abandoned.get() > 0 && !closed && janitorRunning.compareAndSet(false, true));
    }

    // ---- slots ------------------------------------------------------------------------------------------------

    void close(final Call call) {
        final CallSlot slot = call.slot;
        while (true) {
            final int state = call.state();
            switch (state) {
                case CallSlot.BUILDING, CallSlot.DONE -> {
                    if (slot.cas(call.generation, state, CallSlot.FREE)) {
                        freeSlot(slot);
                        return;
                    }
                }
                case CallSlot.SENT -> {
                    // Not awaited: abandon; the reaper frees the slot when the completion arrives.
                    if (slot.cas(call.generation, CallSlot.SENT, CallSlot.ABANDONED)) {
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
        slot.waiter = null;
        freeSlots.push(slot.slot);
        slotPermits.release();
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
     * Reaps every completion already in the CQ (for example those of abandoned calls) without waiting.
     *
     * @return completions reaped
     */
    public int reapNow() {
        if (!reaping.compareAndSet(false, true)) {
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
            reaping.set(false);
            handOffReaping();
        }
    }

    /**
     * Flushes queued releases and stops the reaper thread; calls still in flight keep their slots. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flushReleases();
        closed = true;
        final Thread thread = reaperThread;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return true once closed */
    public boolean isClosed() {
        return closed;
    }
}
