package org.capring.schema.compiler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

import org.capnproto.MessageReader;
import org.capnproto.ReaderOptions;
import org.capnproto.Serialize;
import org.capring.schema.compiler.bootstrap.BootstrapSchema;
import org.capring.schema.compiler.model.Request;

/**
 * Turns the bytes of a {@code CodeGeneratorRequest} (standard serialization with segment table, as {@code capnp
 * compile} writes it to a plugin's stdin or with {@code -o-}) into the {@link Request} model.
 *
 * <p>Every problem with the bytes surfaces as a {@link SchemaCompileException} with reason
 * {@link SchemaCompileException.Reason#MALFORMED_REQUEST}, naming the node being read when there is one; runtime
 * errors of the capnproto-java reader ({@code DecodeException}, index errors on broken far pointers, ...) never
 * escape. Stateless and thread-safe.
 */
public final class RequestReader {

    /** Element name used in errors about the request as a whole. */
    public static final String REQUEST_ELEMENT = "<request>";

    /** Which reader decodes the message. */
    public enum Source {
        /** The readers generated from {@code schema.capnp} by this generator (the normal path). */
        GENERATED,
        /** The hand-written {@link BootstrapSchema} views. */
        BOOTSTRAP
    }

    private static final int NESTING_LIMIT = 64;
    private static final int MAX_SEGMENTS = 512;
    private static final long MIN_TRAVERSAL_WORDS = 8L * 1024 * 1024;
    private static final long TRAVERSAL_FACTOR = 64;

    private RequestReader() {
    }

    /**
     * Reads a request through the generated readers.
     *
     * @param bytes the serialized request
     * @return the model
     * @throws SchemaCompileException if the bytes are not a readable request
     */
    public static Request read(final byte[] bytes) {
        return read(bytes, Source.GENERATED);
    }

    /**
     * Reads a request.
     *
     * @param bytes  the serialized request
     * @param source which reader to use
     * @return the model
     * @throws SchemaCompileException if the bytes are not a readable request
     */
    public static Request read(final byte[] bytes, final Source source) {
        if (bytes.length == 0) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    "empty request (expected a serialized CodeGeneratorRequest)");
        }
        if (bytes.length % 8 != 0) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    "request length " + bytes.length + " is not a multiple of 8 bytes");
        }
        checkFraming(bytes);
        // Budget proportional to the message: the loader reads each object a small number of times, so this
        // only bites on amplification attacks (many pointers to one large object).
        final long traversal = Math.max(MIN_TRAVERSAL_WORDS, TRAVERSAL_FACTOR * (bytes.length / 8));
        final MessageReader message;
        try {
            message = Serialize.read(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN),
                    new ReaderOptions(traversal, NESTING_LIMIT));
        } catch (final IOException | RuntimeException e) {
            throw malformed(REQUEST_ELEMENT, "not a readable Cap'n Proto message", e);
        }
        try {
            return switch (source) {
                case GENERATED -> GeneratedModelLoader.load(message);
                case BOOTSTRAP -> BootstrapModelLoader.load(message.getRoot(BootstrapSchema.REQUEST));
            };
        } catch (final SchemaCompileException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw malformed(REQUEST_ELEMENT, "unreadable CodeGeneratorRequest", e);
        }
    }

    /** Checks the segment table against the length, for a clear message on truncated or padded input. */
    private static void checkFraming(final byte[] bytes) {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final long segments = Integer.toUnsignedLong(buffer.getInt(0)) + 1;
        if (segments > MAX_SEGMENTS) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    "segment table announces " + segments + " segments (at most " + MAX_SEGMENTS + ")");
        }
        final long header = (4 + 4 * segments + 7) / 8 * 8;
        if (header > bytes.length) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    "request is truncated: " + bytes.length + " bytes cannot hold a table of " + segments
                            + " segments");
        }
        long total = header;
        for (int i = 0; i < segments; i++) {
            total += 8 * Integer.toUnsignedLong(buffer.getInt(4 + 4 * i));
        }
        if (total > bytes.length) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    "request is truncated: the segment table announces " + total + " bytes, got " + bytes.length);
        }
        if (total < bytes.length) {
            throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, REQUEST_ELEMENT,
                    (bytes.length - total) + " trailing bytes after the message (expected exactly one message)");
        }
    }

    /**
     * Runs {@code body} for node number {@code index}, turning runtime reader errors into a
     * {@link SchemaCompileException} that names the node.
     */
    static <T> T guard(final Supplier<String> displayName, final int index, final Supplier<T> body) {
        try {
            return body.get();
        } catch (final SchemaCompileException e) {
            throw e;
        } catch (final RuntimeException e) {
            String name;
            try {
                name = displayName.get();
            } catch (final RuntimeException unreadable) {
                name = "";
            }
            throw malformed(name.isEmpty() ? "<node #" + index + ">" : name, "unreadable node", e);
        }
    }

    private static SchemaCompileException malformed(final String element, final String what,
                                                    final Throwable cause) {
        return new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST, element,
                what + ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }
}
