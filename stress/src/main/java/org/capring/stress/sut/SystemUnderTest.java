package org.capring.stress.sut;

import java.time.Duration;
import java.util.Set;

/**
 * The system the harness loads and disturbs: it serves Echo and KeyValue through the generated stubs and
 * skeletons, runs {@link ServerWork} in every handler, and performs the scenario {@link Action}s it
 * {@link #supports()}.
 *
 * <p><b>Life.</b> {@link #start} once, then any number of {@link #call}s (concurrently) and actions (one at a time,
 * from the scenario driver), then {@link #stop} once, after every caller has returned.
 *
 * <p><b>Threads.</b> {@link #call} is called by many caller virtual threads at once and must be thread-safe; the
 * actions and {@link #stop} come from one driver thread.
 */
public interface SystemUnderTest {
    /** @return a short name for reports, e.g. {@code ring-core} */
    String name();

    /** @return the actions this system can perform */
    Set<Action> supports();

    /** @return how it is configured, in words, for the report */
    String describe();

    /**
     * Starts serving.
     *
     * @param work what every handler runs, once per execution, before it answers
     * @throws Exception if the system cannot start
     */
    void start(ServerWork work) throws Exception;

    /**
     * Makes one call and returns when it has ended. A typed failure of the call ({@code CallException}) is reported
     * through {@code trace}, never thrown; anything else that escapes is a failure without a type.
     *
     * @param id    the call's id (carried in its params so that the handler can name it)
     * @param op    what to call
     * @param trace filled with the call's submission times, epoch and end
     * @throws InterruptedException if the caller was interrupted before the call ended (the run is being torn down)
     */
    void call(long id, Operation op, CallTrace trace) throws InterruptedException;

    /**
     * Drains the serving instance and serves again: new calls are refused (typed) while it drains, calls in flight
     * get {@code grace} to finish and are cancelled after it.
     *
     * @param grace how long calls in flight may take
     * @return what the drain did
     * @throws InterruptedException if interrupted while draining
     * @throws UnsupportedOperationException if {@link Action#DRAIN} is not supported
     */
    ActionReport drainAndRestart(Duration grace) throws InterruptedException;

    /**
     * A live handoff to a new instance.
     *
     * @param newInstanceFails true to make the new instance fail its start ({@link Action#FAILED_HANDOFF})
     * @param grace            how long the old instance's calls in flight may take
     * @return what the handoff did
     * @throws InterruptedException if interrupted while handing off
     * @throws UnsupportedOperationException if the action is not supported
     */
    ActionReport handoff(boolean newInstanceFails, Duration grace) throws InterruptedException;

    /**
     * Revokes the Echo handle of the current epoch and grants a fresh one (the next epoch).
     *
     * @return when the revocation took effect
     * @throws InterruptedException          if interrupted while granting the fresh handle
     * @throws UnsupportedOperationException if {@link Action#REVOKE} is not supported
     */
    RevocationReport revoke() throws InterruptedException;

    /**
     * The client stops reaping completions until {@link #resumeReaping()}: callers that have submitted do not
     * collect their answers, so slots stay held and new calls wait for them (backpressure).
     *
     * @throws UnsupportedOperationException if {@link Action#PAUSE_REAPING} is not supported
     */
    void pauseReaping();

    /** Resumes reaping after {@link #pauseReaping()}; a no-op otherwise. */
    void resumeReaping();

    /**
     * Stops serving (a final drain) and reports what is still held.
     *
     * @param grace how long calls in flight may take
     * @return what was not returned
     * @throws InterruptedException if interrupted while stopping
     */
    Leftovers stop(Duration grace) throws InterruptedException;
}
