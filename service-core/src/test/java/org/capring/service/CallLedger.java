package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.capring.ring.call.TransportException;
import org.capring.schema.echo.EchoProtocol.Echo;

/**
 * A per-call ledger for drain and handoff races: client threads call with unique values; every call gets exactly one
 * recorded outcome, and {@link #check} proves none was lost or served twice against what the service's handlers
 * recorded ({@link EchoService#served}).
 */
final class CallLedger {
    /** How one call ended, as its caller saw it. */
    enum Outcome {
        /** Answered by a handler. */
        OK,
        /** Refused before dispatch with SHUTTING_DOWN (retry-safe). */
        REFUSED,
        /** Cancelled, marked dispatched (it may have run). */
        CANCELLED,
        /** The client was closed before the call was sent: nothing went out. */
        NOT_SENT
    }

    final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    final Map<Long, Long> tags = new ConcurrentHashMap<>();
    final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong nextValue = new AtomicLong();
    private final List<Thread> callers = new ArrayList<>();

    /** Starts {@code threads} callers, each calling with fresh values until {@link #stopAndJoin()}. */
    void start(final Echo.Client echo, final int threads, final long seed) {
        for (int t = 0; t < threads; t++) {
            final SplittableRandom random = new SplittableRandom(seed + t);
            callers.add(Thread.ofVirtual().name("ledger-caller-" + t).start(() -> {
                while (!stop.get()) {
                    final long value = nextValue.getAndIncrement();
                    if (!call(echo, value)) {
                        return;
                    }
                    if (random.nextInt(8) == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
    }

    /** One call; records its outcome once. @return false once the client is closed */
    boolean call(final Echo.Client echo, final long value) {
        Outcome outcome;
        try {
            final long tag = EchoService.call(echo, value);
            tags.put(value, tag);
            outcome = Outcome.OK;
        } catch (final TransportException.ShuttingDown e) {
            if (e.dispatched() || !e.retrySafe()) {
                EchoService.record(unexpected, new AssertionError("a SHUTTING_DOWN refusal marked dispatched", e));
            }
            outcome = Outcome.REFUSED;
        } catch (final TransportException.Cancelled e) {
            if (!e.dispatched()) {
                EchoService.record(unexpected, new AssertionError("a drain's cancel not marked dispatched", e));
            }
            outcome = Outcome.CANCELLED;
        } catch (final IllegalStateException e) {
            if (!"client is closed".equals(e.getMessage())) {
                EchoService.record(unexpected, e);
            }
            record(value, Outcome.NOT_SENT);
            return false;
        } catch (final RuntimeException | Error e) {
            EchoService.record(unexpected, e);
            return false;
        }
        record(value, outcome);
        return true;
    }

    private void record(final long value, final Outcome outcome) {
        if (outcomes.putIfAbsent(value, outcome) != null) {
            EchoService.record(unexpected, new AssertionError("call " + value + " got two outcomes"));
        }
    }

    void stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (final Thread caller : callers) {
            caller.join();
        }
    }

    long count(final Outcome outcome) {
        return outcomes.values().stream().filter(o -> o == outcome).count();
    }

    /**
     * Every call has one outcome; a completed call ran exactly once; a refused or unsent call never ran; a cancelled
     * call ran at most once.
     */
    void check(final EchoService service) {
        if (unexpected.get() != null) {
            fail("a caller saw something outside the ledger's outcomes", unexpected.get());
        }
        assertEquals(nextValue.get(), outcomes.size(), "every call that was started has an outcome");
        for (final Map.Entry<Long, Outcome> e : outcomes.entrySet()) {
            final Long runs = service.served.get(e.getKey());
            switch (e.getValue()) {
                case OK -> assertEquals(1L, runs, () -> "completed call " + e.getKey() + " ran exactly once");
                case REFUSED, NOT_SENT -> assertEquals(null, runs, () -> "refused call " + e.getKey() + " never ran");
                case CANCELLED -> assertTrue(runs == null || runs == 1L, () -> "cancelled call " + e.getKey()
                    + " ran at most once");
            }
        }
        for (final Long value : service.served.keySet()) {
            assertTrue(outcomes.containsKey(value) || value < 0, () -> "served call " + value + " has an outcome");
        }
    }
}
