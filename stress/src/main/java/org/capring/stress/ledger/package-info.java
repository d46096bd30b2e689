/**
 * The per-call ledger: every intended call gets exactly one terminal outcome, the server side records every
 * execution, and the conservation laws (nothing lost, nothing duplicated, a refusal never ran, a completion ran
 * exactly once) are checked live and at the end. State per id lives in preallocated arrays updated by
 * compare-and-set and atomic add through {@link java.lang.invoke.VarHandle}s: each id's state byte only ever moves
 * forward by CAS (publishing the outcome), and the execution count is an atomic add whose value the recording side
 * reads with a volatile load after its own CAS, so of two racing sides the second always sees the first.
 */
package org.capring.stress.ledger;
