package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.capring.ring.call.CapRef;
import org.capring.ring.call.TransportException;
import org.capring.schema.terminal.TerminalProtocol.Session;
import org.capring.schema.terminal.TerminalProtocol.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Terminal and Session stubs through a real ring: a session capability granted in a result, called
 * through its handle, and released through its {@link CapRef}.
 */
final class TerminalStubTest {

    private RingRig rig;
    private Terminal.Client terminal;

    @BeforeEach
    void setUp() {
        rig = new RingRig();
        terminal = new Terminal.Client(rig.client, rig.caps.grant(Terminal.capability("tty", new EchoingTerminal(2))));
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private CapRef open(final int cols, final int rows) {
        try (Terminal.Client.OpenCall open = terminal.open()) {
            open.params().setCols((short) cols);
            open.params().setRows((short) rows);
            open.params().setTerm("xterm");
            return rig.client.capRef(open.invoke().getSession());
        }
    }

    private static int write(final Session.Client session, final String text) {
        try (Session.Client.WriteCall write = session.write()) {
            write.params().setData(text.getBytes(StandardCharsets.UTF_8));
            return write.invoke().getAccepted();
        }
    }

    private static String read(final Session.Client session, final int maxBytes) {
        try (Session.Client.ReadCall read = session.read()) {
            read.params().setMaxBytes(maxBytes);
            return new String(read.invoke().getData().toArray(), StandardCharsets.UTF_8);
        }
    }

    private static int close(final Session.Client session) {
        try (Session.Client.CloseCall close = session.close()) {
            return close.invoke().getExitCode();
        }
    }

    @Test
    void open_grantsASessionHandle_followUpCallsReachTheSession() {
        try (CapRef ref = open(80, 24)) {
            final Session.Client session = new Session.Client(rig.client, ref);

            assertEquals(5, write(session, "hello"));
            assertEquals("hel", read(session, 3));
            assertEquals("lo", read(session, 100));
            assertEquals("", read(session, 100));
        }
    }

    @Test
    void twoSessions_haveSeparateState() {
        try (CapRef first = open(80, 24); CapRef second = open(100, 40)) {
            assertTrue(first.handle() != second.handle());
            write(new Session.Client(rig.client, first), "one");
            write(new Session.Client(rig.client, second), "two");

            assertEquals("one", read(new Session.Client(rig.client, first), 10));
            assertEquals("two", read(new Session.Client(rig.client, second), 10));
        }
    }

    @Test
    void release_throughCapRef_revokesTheHandle() {
        final CapRef ref = open(80, 24);
        final Session.Client session = new Session.Client(rig.client, ref);
        write(session, "x");
        final int granted = rig.caps.size();

        ref.close();
        rig.client.flushReleases();

        try (Session.Client.ReadCall read = session.read()) {
            final TransportException e = assertThrows(TransportException.class, read::invoke);
            assertInstanceOf(TransportException.InvalidHandle.class, e);
            assertFalse(e.dispatched());
        }
        assertEquals(granted - 1, rig.caps.size(), "the server dropped the session from the client's CapSet");
        assertTrue(ref.isReleased());
    }

    @Test
    void close_isIdempotent_andLaterWritesFailWithClosed() {
        try (CapRef ref = open(80, 24)) {
            final Session.Client session = new Session.Client(rig.client, ref);
            write(session, "bye");

            assertEquals(0, close(session));
            assertEquals(0, close(session), "closing again returns the same exit code");
            final Session.ClosedException e = assertThrows(Session.ClosedException.class, () -> write(session, "x"));
            assertFalse(e.retrySafe(), "write is not idempotent");

            try (Session.Client.ReadCall read = session.read()) {
                read.params().setMaxBytes(100);
                final Session.ReadResults.Reader drained = read.invoke();
                assertEquals("bye", new String(drained.getData().toArray(), StandardCharsets.UTF_8));
                assertTrue(drained.getEof());
            }
        }
    }

    @Test
    void resize_badSize_isSessionBadSizeAndRetrySafe() {
        try (CapRef ref = open(80, 24)) {
            final Session.Client session = new Session.Client(rig.client, ref);
            try (Session.Client.ResizeCall resize = session.resize()) {
                resize.params().setCols((short) 0);
                resize.params().setRows((short) 10);

                final Session.BadSizeException e = assertThrows(Session.BadSizeException.class, resize::invoke);
                assertTrue(e.retrySafe(), "resize is $Capring.idempotent");
            }
            try (Session.Client.ResizeCall resize = session.resize()) {
                resize.params().setCols((short) 120);
                resize.params().setRows((short) 50);
                resize.invoke();
            }
            assertEquals("[120x50]", read(session, 100));
        }
    }

    @Test
    void open_badSizeOrTooMany_areTerminalsOwnErrors() {
        assertThrows(Terminal.BadSizeException.class, () -> open(0, 24).close());
        try (CapRef first = open(80, 24); CapRef second = open(80, 24)) {
            final Terminal.TooManySessionsException e = assertThrows(Terminal.TooManySessionsException.class,
                () -> open(80, 24).close());
            assertEquals(Terminal.TooManySessionsException.CODE, e.status());
            assertTrue(first.handle() != second.handle());
        }
    }

    @Test
    void sessionStub_onTheTerminalHandle_isNoSuchMethod() {
        final Session.Client wrong = new Session.Client(rig.client, terminal.handle());

        assertThrows(TransportException.NoSuchMethod.class, () -> write(wrong, "x"));
    }
}
