package org.capring.service;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

/**
 * Every way the service container refuses or fails, one subtype each, so that a caller catches exactly what it
 * handles. Each leaves the host usable: a refused operation changed nothing.
 */
public abstract sealed class ServiceException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    ServiceException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** {@link ServiceHost#start()}: the dependency graph has a cycle; nothing was started. */
    public static final class DependencyCycle extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String[] cycle;

        DependencyCycle(final List<String> cycle) {
            super("dependency cycle: " + String.join(" -> ", cycle) + "; nothing was started", null);
            this.cycle = cycle.toArray(String[]::new);
        }

        /** @return the services on the cycle, the first repeated at the end ({@code [a, b, a]}) */
        public List<String> cycle() {
            return List.of(cycle);
        }
    }

    /** The host was started already: a second {@code start()}, or an {@code add()} after the start. */
    public static final class AlreadyStarted extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        AlreadyStarted(final String what) {
            super(what + ": the host was started already (a host starts once)", null);
        }
    }

    /** {@link ServiceHost#start()} after {@link ServiceHost#stop()}: a stopped host never starts again. */
    public static final class StartAfterStop extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        StartAfterStop() {
            super("start after stop: a stopped host never starts again (make a new one)", null);
        }
    }

    /**
     * {@link ServiceHost#start()} failed: the cause is the first service's failure in start order; every service it
     * had started was stopped again, in reverse order, and each failure of that rollback is suppressed here.
     */
    public static final class StartFailed extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String service;

        StartFailed(final String service, final Throwable cause) {
            super("service " + service + " failed to start; the host rolled back what it had started", cause);
            this.service = service;
        }

        /** @return the service whose failure stopped the start */
        public String service() {
            return service;
        }
    }

    /** A service never started because a service it depends on failed (or stopped); the cause is that failure. */
    public static final class DependencyFailed extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String service;
        private final String dependency;

        DependencyFailed(final String service, final String dependency, final ServiceState state,
                         final Throwable cause) {
            super("service " + service + " not started: its dependency " + dependency + " is " + state, cause);
            this.service = service;
            this.dependency = dependency;
        }

        /** @return the service that did not start */
        public String service() {
            return service;
        }

        /** @return the dependency that failed */
        public String dependency() {
            return dependency;
        }
    }

    /** A wait for readiness (a dependency, a new instance, a probe) passed its deadline. */
    public static final class ReadinessTimeout extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        ReadinessTimeout(final String service, final Duration timeout) {
            super("service " + service + " not READY within " + timeout, null);
        }
    }

    /** The readiness probe through the ring did not answer: the instance is not READY. The cause is the probe's. */
    public static final class ProbeFailed extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        ProbeFailed(final String service, final Throwable cause) {
            super("service " + service + ": the readiness probe through the ring failed", cause);
        }
    }

    /** A holder asked for a capability its declaration does not grant it. */
    public static final class UndeclaredDependency extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        UndeclaredDependency(final String holder, final String dependency) {
            super(holder + " did not declare " + dependency + ": no capability granted", null);
        }
    }

    /** A readiness handle of another host (or one that is not a dependency handle at all). */
    public static final class UnknownDependency extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        UnknownDependency(final String what) {
            super(what, null);
        }
    }

    /** An instance's capabilities do not implement the interface its service exports. */
    public static final class ExportMismatch extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        ExportMismatch(final String message) {
            super(message, null);
        }
    }

    /** {@link ServiceHost#add} of a name the host already has: names must be unique (they label metrics and logs). */
    public static final class DuplicateName extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        DuplicateName(final String name) {
            super("the host already has a service named " + name, null);
        }
    }

    /** The host stopped (or is stopping): it connects no new clients and hands off nothing. */
    public static final class HostStopped extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        HostStopped(final String what) {
            super(what + ": the host is stopped", null);
        }
    }

    /**
     * A stop's deadline passed before the service stopped: a handoff held it (the handoff stops it when it ends), or
     * its drain was still running. Reported in the stop's report as the service's failure, never as "not serving".
     */
    public static final class StopIncomplete extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        StopIncomplete(final String service, final String why) {
            super("service " + service + ": not stopped by the stop's deadline: " + why, null);
        }
    }

    /** The service is not READY for what was asked (a handoff, a grant). */
    public static final class NotReady extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        NotReady(final String service, final ServiceState state, final Throwable cause) {
            super("service " + service + " is " + state + ", not READY", cause);
        }
    }

    /** A handoff while another handoff of the same service is in progress; the first goes on untouched. */
    public static final class HandoffInProgress extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;

        HandoffInProgress(final String service) {
            super("service " + service + ": a handoff is already in progress", null);
        }
    }

    /** Why a handoff did not retarget. */
    public enum HandoffFailure {
        /** The new instance's start threw. */
        START_FAILED,
        /** The new instance's readiness probe through the ring failed. */
        PROBE_FAILED,
        /** The new instance was not READY by the deadline. */
        NOT_READY_BY_DEADLINE
    }

    /**
     * A handoff whose new instance did not become READY: nothing was retargeted, the old instance serves on,
     * untouched; the new one was rolled back. The cause is the new instance's failure.
     */
    public static final class HandoffFailed extends ServiceException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final HandoffFailure reason;

        HandoffFailed(final String service, final HandoffFailure reason, final Throwable cause) {
            super("service " + service + ": handoff failed (" + reason + "); the old instance serves on", cause);
            this.reason = reason;
        }

        /** @return why */
        public HandoffFailure reason() {
            return reason;
        }
    }
}
