package org.capring.stress.sut;

/**
 * What the harness runs inside every handler of the system under test: it records that the call's handler
 * executed (the ledger's server side) and plays the scenario's part for that call (a hung call waits here until it
 * is cancelled). The system's handlers call it once per execution, before they answer.
 *
 * <p><b>Threads.</b> Thread-safe; called on the system's handler threads.
 */
@FunctionalInterface
public interface ServerWork {
    /**
     * @param id the call, as the handler read it from its params
     * @throws InterruptedException if the handler's thread was interrupted while the call waited (it was cancelled)
     */
    void execute(long id) throws InterruptedException;
}
