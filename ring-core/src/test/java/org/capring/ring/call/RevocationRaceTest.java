package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revocation racing with calls: many virtual-thread callers call "the current handle" of a capability while a
 * revoker keeps granting a replacement (the same capability object or a new one), publishing its handle and
 * revoking the old one, either on the server side ({@link CapSet#revoke}) or from the client (a RELEASE through
 * the ring). Every call must end in OK with its own echo, or in INVALID_HANDLE refused before dispatch; nothing
 * else, no hang; and the server keeps serving.
 *
 * <p>The seed of each run is printed; rerun with {@code -Dcapring.stress.seed=<seed>};
 * {@code -Dcapring.stress.long=true} makes 20 times as many calls.
 */
class RevocationRaceTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final int CALLERS = 32;
    private static final int CALLS_PER_CALLER = Boolean.getBoolean("capring.stress.long") ? 4_000 : 200;
    private static final Duration LIVENESS = Duration.ofSeconds(60);

    static Stream<Arguments> modes() {
        return RingCallTest.modes();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void callsRacingRevocation_eachOkOrInvalidHandle(final DispatchMode dispatch, final CompletionMode completion)
        throws InterruptedException {
        System.out.println("RevocationRaceTest " + dispatch + "/" + completion + " seed=" + SEED);
        try (CallFixture f = new CallFixture(dispatch, completion)) {
            final int sizeBefore = f.caps.size();
            final ProbeCapability shared = new ProbeCapability("shared");
            final AtomicInteger current = new AtomicInteger(f.caps.grant(shared.capability));
            final AtomicLong ok = new AtomicLong();
            final AtomicLong refused = new AtomicLong();
            final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            final AtomicBoolean callersDone = new AtomicBoolean();

            final List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                final int id = t;
                callers.add(Thread.ofVirtual().name("revocation-caller-" + id).start(() -> {
                    final SplittableRandom random = new SplittableRandom(SEED + id);
                    int previous = current.get();
                    for (int i = 0; i < CALLS_PER_CALLER; i++) {
                        // Mostly the current handle; sometimes one seen earlier, to land on stale ones on purpose.
                        final int handle = random.nextInt(4) == 0 ? previous : current.get();
                        previous = current.get();
                        final long value = (long) id << 32 | i;
                        try (Call call = f.client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                            call.initParams(Probe.EchoParams.factory).setValue(value);
                            call.invoke();
                            assertEquals(value, call.result(Probe.EchoResults.factory).getValue(), "own echo");
                            ok.incrementAndGet();
                        } catch (final TransportException.InvalidHandle e) {
                            if (e.dispatched() || !e.retrySafe()) {
                                failures.add(new AssertionError("INVALID_HANDLE after dispatch", e));
                            }
                            refused.incrementAndGet();
                        } catch (final Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }

            final AtomicLong revocations = new AtomicLong();
            final Thread revoker = Thread.ofVirtual().name("revoker").start(() -> {
                final SplittableRandom random = new SplittableRandom(SEED - 1);
                try {
                    for (int round = 0; !callersDone.get(); round++) {
                        final Capability next = random.nextInt(3) == 0
                            ? new ProbeCapability("replacement" + round).capability : shared.capability;
                        final int old = current.getAndSet(f.caps.grant(next));
                        if (random.nextBoolean()) {
                            assertTrue(f.caps.revoke(old), "the old handle was live until now");
                        } else {
                            f.client.capRef(old).close();
                        }
                        revocations.incrementAndGet();
                        if (random.nextInt(8) == 0) {
                            Thread.sleep(0, 50_000);
                        } else {
                            Thread.yield();
                        }
                    }
                } catch (final Throwable e) {
                    failures.add(e);
                }
            });

            final Thread hung = Liveness.joinAll(callers, () -> ok.get() + refused.get() + failures.size(), LIVENESS);
            callersDone.set(true);
            assertNull(hung, () -> "seed " + SEED + ": a caller hangs: " + hung);
            assertTrue(revoker.join(LIVENESS), "the revoker hangs");

            System.out.println("RevocationRaceTest " + dispatch + "/" + completion + ": ok " + ok.get() + ", refused "
                + refused.get() + ", revocations " + revocations.get() + ", server threads "
                + f.server.activeThreads());
            assertTrue(failures.isEmpty(), () -> "seed " + SEED + ": " + failures);
            assertEquals((long) CALLERS * CALLS_PER_CALLER, ok.get() + refused.get(), "every call ended exactly once");
            assertTrue(ok.get() > 0, "calls got through");

            f.client.flushReleases();
            final long settle = System.nanoTime() + LIVENESS.toNanos();
            while (f.caps.size() != sizeBefore + 1 && System.nanoTime() - settle < 0) {
                Thread.sleep(1);
            }
            assertEquals(sizeBefore + 1, f.caps.size(), "every replaced handle revoked, the current one live");
            assertEquals(11L, RingCallTest.echo(f.client, current.get(), 11, "current"));
            assertEquals(12L, RingCallTest.echo(f.client, f.probeHandle, 12, "untouched"));
            assertFalse(f.client.strayCompletions() > 0, "no completion matched the wrong call");
            assertEquals(0, f.client.pendingReleases());
        }
    }
}
