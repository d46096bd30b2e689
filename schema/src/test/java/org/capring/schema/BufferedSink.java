package org.capring.schema;

import java.io.ByteArrayOutputStream;

import org.capring.ring.call.ServerCall;
import org.capring.schema.stream.ByteStreamProtocol.ByteStream;

/**
 * A {@link ByteStream.Server} with a fixed-size buffer in front of an in-memory downstream: a write larger than the
 * free window is refused whole ({@code windowExceeded}), {@code flush} moves the buffer downstream. Calls to one
 * capability run one at a time on its endpoint (the server's default dispatch), so its state needs no lock.
 */
final class BufferedSink implements ByteStream.Server {
    private final int capacity;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream downstream = new ByteArrayOutputStream();
    private boolean closed;

    BufferedSink(final int capacity) {
        this.capacity = capacity;
    }

    /** @return everything flushed so far; read it only after the calls that flushed it completed */
    byte[] downstream() {
        return downstream.toByteArray();
    }

    @Override
    public void write(final ByteStream.WriteParams.Reader params, final ByteStream.WriteResults.Builder results,
                      final ServerCall call) {
        requireOpen();
        final byte[] data = params.getData().toArray();
        final int window = capacity - buffer.size();
        if (data.length > window) {
            throw new ByteStream.WindowExceededException(data.length + " bytes do not fit the window of " + window);
        }
        buffer.writeBytes(data);
        results.setWindow(capacity - buffer.size());
    }

    @Override
    public void flush(final ByteStream.FlushParams.Reader params, final ByteStream.FlushResults.Builder results,
                      final ServerCall call) {
        requireOpen();
        drain();
        results.setFlushed(downstream.size());
        results.setWindow(capacity);
    }

    @Override
    public void close(final ByteStream.CloseParams.Reader params, final ByteStream.CloseResults.Builder results,
                      final ServerCall call) {
        drain();
        closed = true;
        results.setFlushed(downstream.size());
    }

    private void drain() {
        downstream.writeBytes(buffer.toByteArray());
        buffer.reset();
    }

    private void requireOpen() {
        if (closed) {
            throw new ByteStream.ClosedException("stream closed");
        }
    }
}
