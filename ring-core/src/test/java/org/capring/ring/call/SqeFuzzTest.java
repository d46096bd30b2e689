package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random bytes straight into SQ entries against a running {@link RingServer}: every one of the 56 bytes a
 * producer owns, from a seeded {@link SplittableRandom}, submitted through a raw producer handle.
 *
 * <p>An oracle follows the server's documented validation rules on a shadow {@link CapSet} granted the same
 * capabilities in the same order (so it issues the same handles and applies the same revocations), and predicts
 * the answer to each entry: nothing for a NOP and for valid RELEASE and CANCEL entries, a typed error CQE
 * (BAD_SQE, INVALID_HANDLE, NO_SUCH_METHOD, DEADLINE_EXCEEDED) otherwise, OK for a valid call. The test drains
 * the CQ itself and checks each CQE against the prediction in order (all answers come from the single reader,
 * or from it and an inline handler, so they keep SQ order). A quarter of the entries are "near-valid" (real slots,
 * lengths, handles, interfaces) to reach the later checks, which pure noise almost never passes.
 *
 * <p>What may not happen at random: a call that the server would dispatch to a handler that blocks (a random
 * {@code sleep}), or a RELEASE that revokes the capabilities the test needs. A random handle that happens to
 * resolve (about 10 in 2^32 per entry) gets its generation's top bit flipped, which no live entry has; a
 * near-valid call that would be dispatched gets a wrong interface id, except inline to the "sink" capability,
 * whose handler returns at once. Both are counted and printed.
 *
 * <p>Meanwhile a real client calls another ring served by another server, and after the fuzz a well-formed call
 * by hand goes through the fuzzed ring. The seed is printed; rerun with {@code -Dcapring.stress.seed=<seed>};
 * {@code -Dcapring.stress.long=true} sends 20 times as many entries.
 */
class SqeFuzzTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final long ENTRIES = Boolean.getBoolean("capring.stress.long") ? 20_000_000 : 1_000_000;
    private static final int SLOTS = 8;
    private static final int PARAMS_BYTES = 256;
    private static final int CAPACITY = 64;
    private static final int DECOYS = 8;
    private static final int GONE = 4;
    private static final long SINK_ID = 0x5EED_0000_0000_51A7L;
    private static final int SINK_METHODS = 4;
    private static final int NO_ANSWER = Integer.MIN_VALUE;

    /** One predicted completion. */
    private record Expected(long userData, int status, int flags, int slot) {
    }

    /**
     * Generates fuzzed entries and predicts the server's answer to each. Single-threaded: the submitting thread.
     */
    private static final class Fuzzer {
        final SplittableRandom random;
        final CapSet shadow = new CapSet(CAPACITY);
        final boolean mayDispatch;
        final List<Integer> liveHandles = new ArrayList<>();
        final List<Integer> decoyHandles = new ArrayList<>();
        final List<Integer> staleHandles = new ArrayList<>();
        final ArrayDeque<Expected> expected = new ArrayDeque<>();
        final TreeMap<String, Long> answers = new TreeMap<>();
        long rejections;
        long dispatched;
        long unanswered;
        long rerolledHandles;
        long rerolledDispatches;
        final AtomicLong sinkCalls = new AtomicLong();
        final Capability sink = new Capability("sink", SINK_ID, SINK_METHODS, call -> sinkCalls.incrementAndGet());

        Fuzzer(final long seed, final boolean mayDispatch) {
            this.random = new SplittableRandom(seed);
            this.mayDispatch = mayDispatch;
        }

        /** Grants to the server's set and the shadow alike, so both issue the same handle. */
        int grant(final CapSet caps, final Capability capability) {
            final int handle = caps.grant(capability);
            assertEquals(handle, shadow.grant(capability), "the shadow issues the same handles");
            return handle;
        }

        void revoke(final CapSet caps, final int handle) {
            assertTrue(caps.revoke(handle));
            assertTrue(shadow.revoke(handle));
        }

        /** Fills all 56 producer-owned bytes of one entry and records the predicted answer. */
        void fill(final Sqe sqe) {
            final boolean nearValid = random.nextInt(4) == 0;
            int opcode;
            int flags;
            int method;
            int handle;
            long iface;
            int slot;
            int length;
            final long userData = random.nextLong();
            long deadline;
            if (nearValid) {
                opcode = random.nextInt(8) == 0 ? random.nextInt(256) : random.nextInt(4);
                flags = random.nextInt(16) == 0 ? 1 + random.nextInt(255) : 0;
                method = random.nextInt(3) == 0 ? random.nextInt(0x1_0000) : random.nextInt(8);
                handle = pickHandle(opcode == Sqe.OP_RELEASE);
                final Capability target = shadow.resolve(handle);
                iface = random.nextInt(4) == 0 || target == null ? random.nextLong() : target.interfaceId();
                slot = switch (random.nextInt(8)) {
                    case 0 -> -1 - random.nextInt(1 << 20);
                    case 1 -> SLOTS + random.nextInt(1 << 20);
                    default -> random.nextInt(SLOTS);
                };
                length = switch (random.nextInt(8)) {
                    case 0 -> PARAMS_BYTES + 8 * (1 + random.nextInt(1000));
                    case 1 -> 8 * random.nextInt(PARAMS_BYTES / 8) + 1 + random.nextInt(7);
                    case 2 -> random.nextInt();
                    default -> 8 * random.nextInt(PARAMS_BYTES / 8 + 1);
                };
                deadline = switch (random.nextInt(4)) {
                    case 0 -> System.nanoTime() - TimeUnit.HOURS.toNanos(1);
                    case 1 -> System.nanoTime() + TimeUnit.HOURS.toNanos(1);
                    default -> 0;
                };
            } else {
                final long word0 = random.nextLong();
                opcode = (int) word0 & 0xFF;
                flags = (int) (word0 >>> 8) & 0xFF;
                method = (int) (word0 >>> 16) & 0xFFFF;
                handle = (int) (word0 >>> 32);
                iface = random.nextLong();
                final long word2 = random.nextLong();
                slot = (int) word2;
                length = (int) (word2 >>> 32);
                deadline = random.nextLong();
                if (shadow.resolve(handle) != null) {
                    handle ^= 0x8000_0000;
                    rerolledHandles++;
                }
            }
            int status = predict(opcode, flags, method, handle, iface, slot, length, deadline);
            if (status == Status.OK) {
                final Capability target = shadow.resolve(handle);
                if (!mayDispatch || target != sink) {
                    iface = ~iface;
                    rerolledDispatches++;
                    status = predict(opcode, flags, method, handle, iface, slot, length, deadline);
                }
            }
            sqe.set(opcode, flags, method, handle, iface, slot, length, userData, deadline);
            sqe.reserved(0, random.nextLong());
            sqe.reserved(1, random.nextLong());
            record(userData, status, slot);
        }

        private int pickHandle(final boolean release) {
            final int roll = random.nextInt(10);
            if (roll < 4) {
                final List<Integer> pool = release ? decoyHandles : liveHandles;
                return pool.get(random.nextInt(pool.size()));
            }
            if (roll < 6) {
                return staleHandles.get(random.nextInt(staleHandles.size()));
            }
            if (roll < 8) {
                // Forged: an index at or beyond the capacity, or generation 0.
                return random.nextBoolean() ? (1 + random.nextInt(4)) << 16 | CAPACITY + random.nextInt(0x1_0000 - CAPACITY)
                    : random.nextInt(CAPACITY);
            }
            final int h = random.nextInt();
            if (shadow.resolve(h) != null) {
                rerolledHandles++;
                return h ^ 0x8000_0000;
            }
            return h;
        }

        /** The server's documented validation, in its order; applies RELEASEs to the shadow. */
        private int predict(final int opcode, final int flags, final int method, final int handle, final long iface,
                            final int slot, final int length, final long deadline) {
            return switch (opcode) {
                case Sqe.OP_NOP -> flags != 0 ? Status.BAD_SQE : NO_ANSWER;
                case Sqe.OP_CALL -> {
                    if (flags != 0 || slot < 0 || slot >= SLOTS || length < 0 || length > PARAMS_BYTES
                        || (length & 7) != 0) {
                        yield Status.BAD_SQE;
                    }
                    final Capability target = shadow.resolve(handle);
                    if (target == null) {
                        yield Status.INVALID_HANDLE;
                    }
                    if (target.interfaceId() != iface || method >= target.methodCount()) {
                        yield Status.NO_SUCH_METHOD;
                    }
                    if (deadline != 0 && System.nanoTime() - deadline > 0) {
                        yield Status.DEADLINE_EXCEEDED;
                    }
                    yield Status.OK;
                }
                case Sqe.OP_RELEASE -> flags != 0 ? Status.BAD_SQE : shadow.revoke(handle) ? NO_ANSWER : Status.INVALID_HANDLE;
                case Sqe.OP_CANCEL -> flags != 0 || slot < 0 || slot >= SLOTS ? Status.BAD_SQE : NO_ANSWER;
                default -> Status.BAD_SQE;
            };
        }

        private void record(final long userData, final int status, final int slot) {
            answers.merge(status == NO_ANSWER ? "(none)" : Status.name(status), 1L, Long::sum);
            if (status == NO_ANSWER) {
                unanswered++;
                return;
            }
            if (status == Status.OK) {
                dispatched++;
                expected.add(new Expected(userData, status, Status.FLAG_DISPATCHED, slot));
            } else {
                rejections++;
                expected.add(new Expected(userData, status, 0, slot));
            }
        }
    }

    /** Grants the same capabilities to the server's set and the shadow: live ones, decoys, and revoked ones. */
    private static void populate(final Fuzzer fuzzer, final CapSet caps, final Capability probe) {
        fuzzer.liveHandles.add(fuzzer.grant(caps, probe));
        fuzzer.liveHandles.add(fuzzer.grant(caps, fuzzer.sink));
        for (int i = 0; i < GONE; i++) {
            final int handle = fuzzer.grant(caps, new ProbeCapability("gone" + i).capability);
            fuzzer.revoke(caps, handle);
            fuzzer.staleHandles.add(handle);
        }
        for (int i = 0; i < DECOYS; i++) {
            final int handle = fuzzer.grant(caps, new ProbeCapability("decoy" + i).capability);
            fuzzer.decoyHandles.add(handle);
            fuzzer.liveHandles.add(handle);
        }
    }

    /** Keeps a real client calling another ring until stopped. */
    private static final class Bystander implements AutoCloseable {
        final CallFixture fixture = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS);
        final AtomicLong served = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean stop;
        final Thread thread = Thread.ofVirtual().name("fuzz-bystander").start(this::run);

        private void run() {
            try {
                for (long i = 0; !stop; i++) {
                    assertEquals(i, RingCallTest.echo(fixture.client, fixture.probeHandle, i, "bystander"));
                    served.incrementAndGet();
                }
            } catch (final Throwable e) {
                failure.set(e);
            }
        }

        @Override
        public void close() {
            stop = true;
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the bystander", e);
            }
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void randomEntries_eachAnsweredAsPredicted_serverKeepsServing(final DispatchMode dispatch) throws Exception {
        System.out.println("SqeFuzzTest " + dispatch + " seed=" + SEED + " entries=" + ENTRIES);
        final long started = System.nanoTime();
        final Fuzzer fuzzer = new Fuzzer(SEED, dispatch == DispatchMode.INLINE);
        final CapSet caps = new CapSet(CAPACITY);
        final ProbeCapability probe = new ProbeCapability("probe");
        populate(fuzzer, caps, probe.capability);
        try (Bystander bystander = new Bystander();
             RawRing raw = new RawRing(ServerConfig.defaults().withDispatch(dispatch), caps, SLOTS, PARAMS_BYTES, 256)) {
            final int threadsBefore = raw.server.activeThreads();
            final String[] mismatch = {null};
            final long[] checked = {0};
            final EntryHandler<Cqe> check = cqe -> {
                final Expected e = fuzzer.expected.poll();
                if (mismatch[0] == null && (e == null || cqe.userData() != e.userData() || cqe.status() != e.status()
                    || cqe.flags() != e.flags() || cqe.callSlot() != e.slot() || cqe.resultLength() != 0)) {
                    mismatch[0] = "answer " + checked[0] + ": expected " + e + ", got " + cqe;
                }
                checked[0]++;
            };
            long submitted = 0;
            long lastProgress = System.nanoTime();
            while (submitted < ENTRIES || !fuzzer.expected.isEmpty()) {
                boolean progress = false;
                if (submitted < ENTRIES) {
                    final int batch = (int) Math.min(ENTRIES - submitted, 1 + fuzzer.random.nextInt(16));
                    if (raw.sq.tryClaim(batch)) {
                        for (int i = 0; i < batch; i++) {
                            fuzzer.fill(raw.sq.entry(i));
                        }
                        raw.sq.submit();
                        submitted += batch;
                        progress = true;
                    }
                }
                if (raw.cq.drain(check, 1024) > 0) {
                    progress = true;
                }
                if (mismatch[0] != null) {
                    fail("seed " + SEED + ", " + dispatch + ": " + mismatch[0]);
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > RawRing.LIVENESS_NANOS) {
                    fail("seed " + SEED + ": no progress for a minute after " + submitted + " entries; "
                        + fuzzer.expected.size() + " answers missing; server threads " + raw.server.activeThreads());
                } else {
                    raw.cq.park(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            raw.awaitIdle();
            final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("SqeFuzzTest " + dispatch + ": " + ENTRIES + " entries in " + elapsedMillis + " ms; answers "
                + fuzzer.answers + "; rerolled handles " + fuzzer.rerolledHandles + ", rerolled dispatches "
                + fuzzer.rerolledDispatches + "; bystander calls " + bystander.served.get());

            assertEquals(fuzzer.rejections, raw.server.rejectedEntries(), "every invalid entry answered once");
            assertEquals(fuzzer.dispatched, raw.server.completedCalls(), "every valid call completed once");
            assertEquals(0, raw.server.inFlight(), "nothing left in flight");
            assertEquals(0, probe.calls.get(), "no random call reached a real handler");
            assertTrue(raw.server.activeThreads() >= 1, "the reader is alive");
            assertTrue(raw.server.activeThreads() <= threadsBefore + 1, "no thread growth (one endpoint at most: the sink's)");
            assertEquals(fuzzer.shadow.size(), caps.size(), "only RELEASEs of live decoys changed the CapSet");
            for (final List<Integer> handles : List.of(fuzzer.liveHandles, fuzzer.staleHandles)) {
                for (final int h : handles) {
                    assertSame(fuzzer.shadow.resolve(h), caps.resolve(h), () -> "handle 0x" + Integer.toHexString(h));
                }
            }
            assertSame(probe.capability, caps.resolve(fuzzer.liveHandles.get(0)));
            assertEquals(fuzzer.dispatched, fuzzer.sinkCalls.get(), "each valid call ran its handler once");
            if (dispatch != DispatchMode.INLINE) {
                assertEquals(0, fuzzer.dispatched);
            }

            // A well-formed call by hand through the fuzzed ring; any stray answer would arrive before it.
            for (int slot = 0; slot < SLOTS; slot++) {
                final Probe.EchoParams.Builder params = raw.initParams(slot, Probe.EchoParams.factory);
                params.setValue(77 + slot);
                params.setText("after the fuzz");
                final RawRing.Completion c = raw.call(slot, fuzzer.liveHandles.get(0), Probe.TYPE_ID,
                    Probe.METHOD_ECHO, raw.writeParams(), -1 - slot);
                assertEquals(Status.name(Status.OK), Status.name(c.status), c::toString);
                assertEquals(77 + slot, raw.result(slot, Probe.EchoResults.factory).getValue());
            }
            assertNull(raw.poll(TimeUnit.MILLISECONDS.toNanos(20)), "no answer without an entry");

            assertNull(bystander.failure.get(), "the client of the other ring was served throughout");
            assertTrue(bystander.served.get() > 0, "the client of the other ring made progress");
        }
    }

    @Test
    void randomEntries_besideARealClient_clientServedStraysCounted() throws Exception {
        final long entries = ENTRIES / 5;
        System.out.println("SqeFuzzTest beside a client: seed=" + SEED + " entries=" + entries);
        final Fuzzer fuzzer = new Fuzzer(SEED + 1, false);
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, SLOTS,
            PARAMS_BYTES, 256)) {
            // The fixture granted its probe first; the shadow follows the same order.
            fuzzer.liveHandles.add(fuzzer.shadow.grant(f.probe.capability));
            assertEquals(f.probeHandle, fuzzer.liveHandles.get(0));
            for (int i = 0; i < GONE; i++) {
                final int handle = fuzzer.grant(f.caps, new ProbeCapability("gone" + i).capability);
                fuzzer.revoke(f.caps, handle);
                fuzzer.staleHandles.add(handle);
            }
            for (int i = 0; i < DECOYS; i++) {
                final int handle = fuzzer.grant(f.caps, new ProbeCapability("decoy" + i).capability);
                fuzzer.decoyHandles.add(handle);
                fuzzer.liveHandles.add(handle);
            }
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final AtomicLong served = new AtomicLong();
            final List<Thread> callers = new ArrayList<>();
            final AtomicBoolean stop = new AtomicBoolean();
            try {
                for (int t = 0; t < 4; t++) {
                    final int id = t;
                    callers.add(Thread.ofVirtual().name("fuzz-neighbour-" + id).start(() -> {
                        try {
                            for (long i = 0; !stop.get(); i++) {
                                final long v = id * 1_000_000_000L + i;
                                assertEquals(v, RingCallTest.echo(f.client, f.probeHandle, v, "c" + id));
                                served.incrementAndGet();
                            }
                        } catch (final Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }));
                }
                final RingProducer<Sqe> sq = f.ring.newSqProducer();
                long lastProgress = System.nanoTime();
                for (long submitted = 0; submitted < entries; ) {
                    final int batch = (int) Math.min(entries - submitted, 1 + fuzzer.random.nextInt(16));
                    if (sq.tryClaim(batch)) {
                        for (int i = 0; i < batch; i++) {
                            fuzzer.fill(sq.entry(i));
                        }
                        sq.submit();
                        submitted += batch;
                        lastProgress = System.nanoTime();
                    } else {
                        assertTrue(System.nanoTime() - lastProgress < RawRing.LIVENESS_NANOS,
                            "seed " + SEED + ": the server stopped consuming after " + submitted + " entries");
                        // The flood of stray answers is this test's own: help reap it, so that the server never
                        // waits on a CQ full of strays while every caller waits on a full SQ.
                        f.client.reapNow();
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                    }
                }
            } finally {
                stop.set(true);
                for (final Thread caller : callers) {
                    assertTrue(caller.join(Duration.ofNanos(RawRing.LIVENESS_NANOS)), () -> "caller hangs: " + caller);
                }
            }
            final long giveUp = System.nanoTime() + RawRing.LIVENESS_NANOS;
            while (f.client.strayCompletions() < fuzzer.rejections && System.nanoTime() < giveUp) {
                f.client.reapNow();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            System.out.println("SqeFuzzTest beside a client: answers " + fuzzer.answers + "; client calls " + served.get());
            assertNull(failure.get(), "every real call served with its own result");
            assertTrue(served.get() > 0);
            assertEquals(fuzzer.rejections, f.client.strayCompletions(),
                "each answered fuzz entry reached the client as a stray completion, and nothing else did");
            assertEquals(fuzzer.rejections, f.server.rejectedEntries());
            assertEquals(fuzzer.shadow.size(), f.caps.size());
            assertEquals(7L, RingCallTest.echo(f.client, f.probeHandle, 7, "after"));
        }
    }
}
