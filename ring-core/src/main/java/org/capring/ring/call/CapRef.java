package org.capring.ring.call;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's reference to one capability handle. Closing it queues a RELEASE, which travels with the client's
 * next call or, once {@link ClientConfig#releaseBatch()} releases are queued, in a batch of its own. Closing
 * twice releases once. Thread-safe.
 */
public final class CapRef implements AutoCloseable {
    private final RingClient client;
    private final int handle;
    private final AtomicBoolean released = new AtomicBoolean();

    CapRef(final RingClient client, final int handle) {
        this.client = client;
        this.handle = handle;
    }

    /** @return the handle, for {@link RingClient#newCall} */
    public int handle() {
        return handle;
    }

    /** @return true once closed */
    public boolean isReleased() {
        return released.get();
    }

    /** Queues the RELEASE of this handle. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            client.queueRelease(handle);
        }
    }

    @Override
    public String toString() {
        return "CapRef{0x" + Integer.toHexString(handle) + (released.get() ? ", released" : "") + "}";
    }
}
