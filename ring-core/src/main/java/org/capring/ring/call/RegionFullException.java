package org.capring.ring.call;

import java.io.Serial;

/**
 * A message outgrew the slot region it is being built in. Thrown by the region's allocator the moment the
 * builder needs a second segment, so nothing is ever truncated; the call fails with
 * {@link Status#RESULT_TOO_LARGE} (or {@link Status#PARAMS_TOO_LARGE} on the client).
 */
public final class RegionFullException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    RegionFullException(final int regionBytes, final int neededWords) {
        super("message needs more than the " + regionBytes + "-byte slot region (another " + neededWords + " words)");
    }
}
