package org.capring.stress;

import java.io.Serial;
import java.util.Objects;

/** Bad command-line input, naming the flag (or argument) at fault. The command exits with {@link ExitCode#USAGE}. */
public final class UsageException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String flag;

    /**
     * @param flag    the flag or argument at fault, e.g. {@code --rate}
     * @param message what is wrong with it
     */
    public UsageException(final String flag, final String message) {
        super(flag + ": " + message);
        this.flag = Objects.requireNonNull(flag, "flag");
    }

    /** @return the flag or argument at fault */
    public String flag() {
        return flag;
    }
}
