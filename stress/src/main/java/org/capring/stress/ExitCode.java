package org.capring.stress;

/** How {@code ./capring stress} exits. */
public enum ExitCode {
    /** Every invariant held (and, with {@code --acceptance}, every criterion was met). */
    PASSED(0),
    /** An invariant broke: lost, duplicated, refused yet executed, untyped failure, leak, ... */
    BREACH(1),
    /** Bad command-line input. */
    USAGE(2),
    /** Only the generator's lag bound broke: the numbers would measure the generator, not the system. */
    GENERATOR_LAG(3),
    /** With {@code --acceptance}: no invariant broke, but an acceptance criterion was missed. */
    CRITERIA_MISSED(4),
    /** The run could not be carried out (the system did not start, a file could not be written). */
    ERROR(5);

    private final int code;

    ExitCode(final int code) {
        this.code = code;
    }

    /** @return the process exit status */
    public int code() {
        return code;
    }
}
