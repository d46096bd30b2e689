package org.capring.stress.ledger;

/** Why a run broke an invariant. Every breach stops the run with a non-zero exit code. */
public enum BreachKind {
    /** An issued call had no outcome after its loss timeout, or when the run ended. */
    LOST("no outcome"),
    /** A call was given a second outcome. */
    DUPLICATE_OUTCOME("two outcomes"),
    /** A handler executed the same call twice. */
    DUPLICATE_EXECUTION("executed twice"),
    /** A call refused before dispatch was executed, before or after its refusal. */
    REFUSED_BUT_EXECUTED("refused, yet executed"),
    /** A call completed (or failed after dispatch) without its handler having executed it exactly once. */
    COMPLETED_NOT_EXECUTED_ONCE("answered after dispatch, but not executed exactly once"),
    /** A handler executed a call the generator never issued. */
    PHANTOM_EXECUTION("executed, never issued"),
    /** A call ended with an exception that carries no status (not a typed refusal or error). */
    UNTYPED_FAILURE("failed without a typed status"),
    /** A completed call's result belongs to another call. */
    WRONG_RESULT("answered with another call's result"),
    /** INVALID_HANDLE for a call that was submitted before the revocation began, or on a handle never revoked. */
    EARLY_INVALID_HANDLE("INVALID_HANDLE before the revocation"),
    /** A call submitted after its handle's revocation ended was executed. */
    RAN_AFTER_REVOCATION("ran after the revocation"),
    /** A call that no fault touched was cancelled or timed out (hung-handler scenario). */
    DISTURBED("indeterminate, though no fault touched it"),
    /** A refusal appeared where the scenario promises none (the old instance keeps serving). */
    UNEXPECTED_REFUSAL("refused where nothing may be refused"),
    /** Slots, threads, contexts or background tasks were not all returned. */
    RESOURCE_LEAK("resources not returned"),
    /** A scenario action (drain, handoff, revocation, pause) failed or broke its own contract. */
    ACTION_FAILED("scenario action failed"),
    /** The generator fell behind its schedule by more than the bound: the numbers would measure the generator. */
    GENERATOR_LAG("generator lag over the bound");

    private final String description;

    BreachKind(final String description) {
        this.description = description;
    }

    /** @return what the breach means, for reports */
    public String description() {
        return description;
    }
}
