package org.capring.schema;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.capring.ring.call.ServerCall;
import org.capring.schema.terminal.TerminalProtocol.Session;
import org.capring.schema.terminal.TerminalProtocol.Terminal;

/**
 * A {@link Terminal.Server} whose sessions echo their input back as output, like a terminal in cooked mode with no
 * program behind it. {@code open} grants each session to the caller as a result capability.
 */
final class EchoingTerminal implements Terminal.Server {
    private final int maxSessions;
    private final AtomicInteger opened = new AtomicInteger();

    EchoingTerminal(final int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @Override
    public void open(final Terminal.OpenParams.Reader params, final Terminal.OpenResults.Builder results,
                     final ServerCall call) {
        if (params.getCols() <= 0 || params.getRows() <= 0) {
            throw new Terminal.BadSizeException(params.getCols() + "x" + params.getRows());
        }
        if (opened.get() >= maxSessions) {
            throw new Terminal.TooManySessionsException(maxSessions + " sessions");
        }
        final int id = opened.incrementAndGet();
        final EchoingSession session = new EchoingSession(params.getCols(), params.getRows());
        results.setSession(call.adopt(Session.capability("session-" + id, session)));
    }

    /**
     * One session. Calls to one capability run one at a time on its endpoint (the server's default dispatch), so
     * its state needs no lock.
     */
    static final class EchoingSession implements Session.Server {
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private int cols;
        private int rows;
        private boolean closed;

        EchoingSession(final int cols, final int rows) {
            this.cols = cols;
            this.rows = rows;
        }

        @Override
        public void write(final Session.WriteParams.Reader params, final Session.WriteResults.Builder results,
                          final ServerCall call) {
            requireOpen();
            final byte[] input = params.getData().toArray();
            output.writeBytes(input);
            results.setAccepted(input.length);
        }

        @Override
        public void read(final Session.ReadParams.Reader params, final Session.ReadResults.Builder results,
                         final ServerCall call) {
            final byte[] pending = output.toByteArray();
            final int n = Math.min(pending.length, params.getMaxBytes());
            results.setData(Arrays.copyOf(pending, n));
            output.reset();
            output.write(pending, n, pending.length - n);
            results.setEof(closed && output.size() == 0);
        }

        @Override
        public void resize(final Session.ResizeParams.Reader params, final Session.ResizeResults.Builder results,
                           final ServerCall call) {
            requireOpen();
            if (params.getCols() <= 0 || params.getRows() <= 0) {
                throw new Session.BadSizeException(params.getCols() + "x" + params.getRows());
            }
            cols = params.getCols();
            rows = params.getRows();
            output.writeBytes(("[" + cols + "x" + rows + "]").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void close(final Session.CloseParams.Reader params, final Session.CloseResults.Builder results,
                          final ServerCall call) {
            closed = true;
            results.setExitCode(0);
        }

        private void requireOpen() {
            if (closed) {
                throw new Session.ClosedException("session closed");
            }
        }
    }
}
