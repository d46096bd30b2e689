package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class FullQueueBackoffTest {
    @Test
    void constructor_ceilingBelowFirstPark_refused() {
        assertThrows(IllegalArgumentException.class, () -> new FullQueueBackoff(FullQueueBackoff.FIRST_PARK_NANOS - 1));
    }

    @Test
    void idle_waitsUntilRoomAppears_onAVirtualThreadWithoutHoldingItsCarrier() throws InterruptedException {
        final AtomicBoolean room = new AtomicBoolean();
        final AtomicBoolean done = new AtomicBoolean();
        final Thread waiter = Thread.ofVirtual().start(() -> {
            final FullQueueBackoff backoff = new FullQueueBackoff(FullQueueBackoff.DEFAULT_MAX_PARK_NANOS);
            while (!room.get()) {
                backoff.idle();
            }
            backoff.reset();
            done.set(true);
        });
        // With one carrier a waiter that never unmounted would keep this virtual thread from running.
        final Thread freer = Thread.ofVirtual().start(() -> room.set(true));
        freer.join();
        waiter.join();
        assertTrue(done.get());
    }
}
