package org.capring.bench.report;

import java.io.Serial;

/**
 * A report that cannot be produced: the run directory or its {@code jmh.json} is missing or not a JMH result list,
 * a kept {@code machine.json} is unreadable, or an output file cannot be written. {@link ReportMain} prints the
 * message and exits with {@link ReportMain#EXIT_FAILED}.
 *
 * <p>Results that are well formed but do not follow the benchmark naming convention are not errors: they are
 * skipped and listed under "Warnings" in the report (see {@link JmhResultParser}).
 */
public final class ReportException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The run directory or its {@code jmh.json} does not exist. */
        MISSING_INPUT,
        /** {@code jmh.json} exists but cannot be read (a directory, no permission, an I/O error). */
        UNREADABLE_INPUT,
        /** {@code jmh.json} is empty or not syntactically valid JSON. */
        INVALID_JSON,
        /** The JSON is valid but its top level is not an array (JMH writes a list of results). */
        NOT_A_RESULT_LIST,
        /** The result list is empty: JMH ran nothing, or the run failed before its first result. */
        EMPTY_RESULTS,
        /** A result lacks a field every JMH result has ({@code benchmark}, {@code mode}, a metric's scores). */
        MALFORMED_RESULT,
        /** No result in the list follows {@code org.capring.bench.<measure>.<Subject>.<variant>}. */
        NO_CONVENTIONAL_RESULTS,
        /** A kept {@code machine.json} is not valid; it is never overwritten, so it has to be fixed or removed. */
        INVALID_MACHINE_FILE,
        /** An output file (report, chart, summary, machine facts) could not be written. */
        OUTPUT_FAILED
    }

    /** What went wrong. */
    private final Reason reason;

    /**
     * @param reason  what went wrong
     * @param message details naming the file or result at fault
     */
    public ReportException(final Reason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason  what went wrong
     * @param message details naming the file or result at fault
     * @param cause   the underlying I/O or parse failure
     */
    public ReportException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
