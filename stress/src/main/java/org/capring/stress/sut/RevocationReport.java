package org.capring.stress.sut;

/**
 * One revocation of the Echo handle: the handle of {@code epoch} stopped working between {@code beganNanos} and
 * {@code endedNanos}, and the handle of {@code epoch + 1} serves from then on. A call submitted before
 * {@code beganNanos} must not be refused with INVALID_HANDLE; one submitted after {@code endedNanos} on the old
 * handle must never run.
 *
 * @param epoch      the epoch revoked
 * @param beganNanos when the revocation began, on the {@link System#nanoTime()} clock
 * @param endedNanos when it had taken effect
 */
public record RevocationReport(int epoch, long beganNanos, long endedNanos) {
}
