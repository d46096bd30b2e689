package org.capring.ring;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

/**
 * Idle strategy of a queue consumer: back off with an Agrona strategy for a bounded number of empty rounds,
 * then park on the queue with NEED_WAKEUP ({@link RingConsumer#park(long)}) until a producer wakes it.
 *
 * <p>Pass it the work count of each drain, as with any Agrona {@link IdleStrategy}:
 * {@snippet :
 * idle.idle(consumer.drain(handler, 64));
 * }
 *
 * <p>Virtual threads spin at most briefly: {@link #forCurrentThread} gives them no back-off rounds, so an empty
 * queue parks them at once and frees their carrier; {@link #forVirtualThread} allows a bounded number of spin
 * rounds first (a hand-off that arrives within them costs no park and no wake-up, as the JDK's own
 * {@code SynchronousQueue} does on multiprocessors). Platform threads spin, then yield, then park.
 * Not thread-safe: one per consumer thread.
 */
public final class ConsumerIdleStrategy implements IdleStrategy {
    /** Spins of the default back-off before yielding. */
    public static final int DEFAULT_SPINS = 200;
    /** Yields of the default back-off before parking. */
    public static final int DEFAULT_YIELDS = 20;

    private final RingConsumer<?> consumer;
    private final IdleStrategy backoff;
    private final int backoffRounds;
    private final long maxParkNanos;
    /** A virtual thread's budgeted spin ({@link #forVirtualThread}), or null: back off with {@code backoff}. */
    private final SpinWait spin;
    private int emptyRounds;

    /**
     * @param consumer      the queue to park on
     * @param backoff       Agrona strategy for the rounds before parking (its own park phase is never reached if
     *                      {@code backoffRounds} stays within its spin and yield phases)
     * @param backoffRounds empty rounds to spend in {@code backoff} before parking; 0 parks at once
     * @param maxParkNanos  longest park, 0 for "until woken"; bound it when producers live in another process
     * @throws IllegalArgumentException if {@code backoffRounds} is negative
     * @throws IllegalStateException    if the queue is {@link WakeupMode#POLL} (nobody would wake the consumer)
     */
    public ConsumerIdleStrategy(
        final RingConsumer<?> consumer, final IdleStrategy backoff, final int backoffRounds, final long maxParkNanos) {
        this(consumer, backoff, backoffRounds, maxParkNanos, null);
    }

    private ConsumerIdleStrategy(
        final RingConsumer<?> consumer, final IdleStrategy backoff, final int backoffRounds, final long maxParkNanos,
        final SpinWait spin) {
        if (backoffRounds < 0) {
            throw new IllegalArgumentException("backoffRounds must not be negative: " + backoffRounds);
        }
        if (consumer.wakeupMode() != WakeupMode.SIGNAL) {
            throw new IllegalStateException("a " + consumer.wakeupMode() + " queue's consumer cannot park; use forCurrentThread");
        }
        this.consumer = consumer;
        this.backoff = backoff;
        this.backoffRounds = backoffRounds;
        this.maxParkNanos = maxParkNanos;
        this.spin = spin;
    }

    /** Longest timed sleep of a {@link WakeupMode#POLL} consumer's back-off. */
    public static final long POLL_MAX_SLEEP_NANOS = 100_000;

    /**
     * Chooses for the calling thread and the queue's {@link WakeupMode}. {@link WakeupMode#SIGNAL}: a virtual
     * thread parks at once; a platform thread spins {@value #DEFAULT_SPINS} times and yields
     * {@value #DEFAULT_YIELDS} times first; both park until woken. {@link WakeupMode#POLL}: nobody will wake
     * the consumer, so a platform thread spins, yields, then sleeps for growing periods up to
     * {@value #POLL_MAX_SLEEP_NANOS} ns; a virtual thread goes straight to those timed sleeps (which unmount it).
     *
     * @param consumer the queue to wait on
     * @return a strategy for the calling thread
     */
    public static IdleStrategy forCurrentThread(final RingConsumer<?> consumer) {
        final boolean virtual = Thread.currentThread().isVirtual();
        if (consumer.wakeupMode() == WakeupMode.POLL) {
            return virtual ? new BackoffIdleStrategy(0, 0, 1_000, POLL_MAX_SLEEP_NANOS)
                : new BackoffIdleStrategy(DEFAULT_SPINS, DEFAULT_YIELDS, 1_000, POLL_MAX_SLEEP_NANOS);
        }
        if (virtual) {
            return new ConsumerIdleStrategy(consumer, NoOpIdleStrategy.INSTANCE, 0, 0);
        }
        return new ConsumerIdleStrategy(consumer,
            new BackoffIdleStrategy(DEFAULT_SPINS, DEFAULT_YIELDS, 1, 1), DEFAULT_SPINS + DEFAULT_YIELDS, 0);
    }

    /**
     * A virtual thread's strategy: a {@link SpinWait} of up to {@code spinRounds} rounds (64 rounds are about a
     * microsecond, spent only while a {@link SpinBudget} permit says a core is free), then park until woken.
     *
     * @param consumer   the queue to park on
     * @param spinRounds spin rounds before parking, at least 0
     * @return the strategy
     * @throws IllegalArgumentException if {@code spinRounds} is negative
     */
    public static ConsumerIdleStrategy forVirtualThread(final RingConsumer<?> consumer, final int spinRounds) {
        return new ConsumerIdleStrategy(consumer, NoOpIdleStrategy.INSTANCE, 0, 0, new SpinWait(spinRounds));
    }

    @Override
    public void idle(final int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (spin != null ? spin.spin() : emptyRounds < backoffRounds) {
            emptyRounds++;
            backoff.idle();
        } else {
            consumer.park(maxParkNanos);
            reset();
        }
    }

    @Override
    public void reset() {
        if (spin != null) {
            spin.reset();
        }
        emptyRounds = 0;
        backoff.reset();
    }

    @Override
    public String alias() {
        return "ring-park";
    }
}
