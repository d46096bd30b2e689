package org.capring.schema.compiler;

/**
 * Accumulates Java source text line by line with four-space indentation and {@code \n} line ends, so that the
 * output is byte-for-byte reproducible. Not thread-safe.
 *
 * {@snippet :
 * JavaWriter out = new JavaWriter();
 * out.open("public static final class Foo {");
 * out.line("public static final long TYPE_ID = 0x1234L;");
 * out.close("}");
 * }
 */
public final class JavaWriter {

    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder(4096);
    private int depth;
    private boolean pendingBlank;

    /** Creates an empty writer at indentation depth 0. */
    public JavaWriter() {
    }

    /**
     * Writes one line at the current indentation.
     *
     * @param line the line, without a line end
     * @return this writer
     */
    public JavaWriter line(final String line) {
        if (pendingBlank) {
            text.append('\n');
            pendingBlank = false;
        }
        if (!line.isEmpty()) {
            text.repeat(INDENT, depth).append(line);
        }
        text.append('\n');
        return this;
    }

    /**
     * Requests one empty line before the next line; several requests in a row still give one, and a
     * {@link #close(String)} drops a pending one.
     *
     * @return this writer
     */
    public JavaWriter blank() {
        pendingBlank = text.length() > 0;
        return this;
    }

    /**
     * Writes {@code header} (which should end with {@code {}) and indents what follows.
     *
     * @param header the opening line
     * @return this writer
     */
    public JavaWriter open(final String header) {
        line(header);
        depth++;
        return this;
    }

    /**
     * Outdents and writes {@code footer} (usually {@code }}).
     *
     * @param footer the closing line
     * @return this writer
     * @throws IllegalStateException if nothing is open
     */
    public JavaWriter close(final String footer) {
        if (depth == 0) {
            throw new IllegalStateException("close without open");
        }
        pendingBlank = false;
        depth--;
        return line(footer);
    }

    /**
     * Continues a block: outdents, writes {@code line} (such as <code>} catch (E e) {</code> or
     * <code>} else {</code>) and indents again.
     *
     * @param line the continuation line
     * @return this writer
     * @throws IllegalStateException if nothing is open
     */
    public JavaWriter reopen(final String line) {
        close(line);
        depth++;
        return this;
    }

    /** @return the current indentation depth */
    public int depth() {
        return depth;
    }

    /** @return the text written so far */
    @Override
    public String toString() {
        return text.toString();
    }
}
