package org.capring.stress.load;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.capring.stress.sut.Operation;

/**
 * The load of a run, fixed in advance: for each call id its intended start (nanoseconds after the run's origin)
 * and its operation. Built from a seed only, so the same seed, rate, duration and arrivals give the same schedule
 * on every machine.
 *
 * <p>Immutable after construction; the arrays are shared, not copied, and must not be modified.
 */
public final class Schedule {
    /** Default operation mix: Echo, KeyValue put, KeyValue get, in percent. */
    static final int ECHO_PERCENT = 80;
    static final int PUT_PERCENT = 10;

    private final long[] intendedNanos;
    private final byte[] ops;
    private final double rate;
    private final long durationNanos;
    private final Arrivals arrivals;

    private Schedule(final long[] intendedNanos, final byte[] ops, final double rate, final long durationNanos,
                     final Arrivals arrivals) {
        this.intendedNanos = intendedNanos;
        this.ops = ops;
        this.rate = rate;
        this.durationNanos = durationNanos;
        this.arrivals = arrivals;
    }

    /**
     * @param random        the arrivals' random stream (Poisson gaps and the operation mix)
     * @param rate          calls per second, positive
     * @param durationNanos how long the load lasts, positive
     * @param arrivals      how starts are spaced
     * @return the schedule: every call whose intended start is before {@code durationNanos}
     * @throws IllegalArgumentException if rate or duration is not positive, or the schedule would exceed
     *                                  {@value Integer#MAX_VALUE} - 8 calls
     */
    public static Schedule build(final SplittableRandom random, final double rate, final long durationNanos,
                                 final Arrivals arrivals) {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(arrivals, "arrivals");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of calls per second: " + rate);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("duration must be positive: " + durationNanos + " ns");
        }
        final double expected = rate * durationNanos / 1e9;
        if (expected > (Integer.MAX_VALUE - 8) / 2.0) {
            throw new IllegalArgumentException(String.format("%.0f calls/s for %d s is %.0f calls, too many for one run",
                rate, durationNanos / 1_000_000_000L, expected));
        }
        final double meanGapNanos = 1e9 / rate;
        long[] starts = new long[(int) Math.min(Integer.MAX_VALUE - 8, expected * 1.1 + 64)];
        int n = 0;
        double t = 0;
        while (true) {
            final long start = (long) t;
            if (start >= durationNanos) {
                break;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, (int) Math.min(Integer.MAX_VALUE - 8, starts.length * 2L));
            }
            starts[n++] = start;
            t += arrivals == Arrivals.CONSTANT ? meanGapNanos : -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        }
        final long[] intended = Arrays.copyOf(starts, n);
        final byte[] ops = new byte[n];
        for (int i = 0; i < n; i++) {
            final int roll = random.nextInt(100);
            ops[i] = (byte) (roll < ECHO_PERCENT ? Operation.ECHO.ordinal()
                : roll < ECHO_PERCENT + PUT_PERCENT ? Operation.KV_PUT.ordinal() : Operation.KV_GET.ordinal());
        }
        return new Schedule(intended, ops, rate, durationNanos, arrivals);
    }

    /** @return number of calls */
    public int size() {
        return intendedNanos.length;
    }

    /**
     * @param id a call
     * @return its intended start, nanoseconds after the origin
     */
    public long intendedNanos(final int id) {
        return intendedNanos[id];
    }

    /**
     * @param id a call
     * @return its operation
     */
    public Operation op(final int id) {
        return Operation.of(ops[id]);
    }

    /**
     * @param offsetNanos a time after the origin
     * @return the first id intended at or after it (the size if none)
     */
    public int firstAtOrAfter(final long offsetNanos) {
        final int i = Arrays.binarySearch(intendedNanos, offsetNanos);
        if (i < 0) {
            return -i - 1;
        }
        int first = i;
        while (first > 0 && intendedNanos[first - 1] == offsetNanos) {
            first--;
        }
        return first;
    }

    /** @return calls per second */
    public double rate() {
        return rate;
    }

    /** @return how long the load lasts, in nanoseconds */
    public long durationNanos() {
        return durationNanos;
    }

    /** @return how starts are spaced */
    public Arrivals arrivals() {
        return arrivals;
    }

    /**
     * @param other another schedule
     * @return true if both have the same calls at the same intended starts with the same operations
     */
    public boolean sameCalls(final Schedule other) {
        return Arrays.equals(intendedNanos, other.intendedNanos) && Arrays.equals(ops, other.ops);
    }
}
