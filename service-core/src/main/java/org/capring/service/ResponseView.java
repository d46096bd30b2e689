package org.capring.service;

import org.capring.service.metrics.CallOutcome;

/** What a {@link ResponseFilter} sees: the call's outcome after every attempt, before it is answered. */
public interface ResponseView extends CallView {
    /** @return how the call ended */
    CallOutcome outcome();

    /** @return the status it will be answered with */
    int status();

    /** @return its failure, or null if it succeeded */
    Throwable error();

    /** @return attempts made */
    int attempts();
}
