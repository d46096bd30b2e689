package org.capring.service;

import java.util.List;

/**
 * What {@link ServiceHost#stop()} did.
 *
 * @param services    one report per service that was serving, in stop order: the reverse of the start order (dependents
 *                    before what they depend on; independent services stop concurrently)
 * @param stopNanos   from the stop's start to its end
 * @param deadlineMet true if everything stopped before the host's stop deadline
 */
public record StopReport(List<DrainReport> services, long stopNanos, boolean deadlineMet) {
    /** The report of a host that had nothing to stop (never started, or stopped already). */
    public static final StopReport NONE = new StopReport(List.of(), 0, true);

    /**
     * @param service a service's name
     * @return its report, or null if it was not serving
     */
    public DrainReport of(final String service) {
        for (final DrainReport r : services) {
            if (r.service().equals(service)) {
                return r;
            }
        }
        return null;
    }
}
