package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/**
 * The default design with a bounded spin before each park: the client's reaper, the server's reader and its
 * endpoint poll {@value #SPIN_ROUNDS} rounds of {@link Thread#onSpinWait()} (while a {@code SpinBudget} permit says
 * a core is free) before they park. Set beside {@link CapringCall}, which parks at once, it shows whether the spin
 * saves more park and wake-up work than it takes from the threads it waits for.
 */
public class CapringCallSpin extends CapringCallBench {
    /** Spin rounds of this subject: about a microsecond and a half of {@code PAUSE} on current x86 cores. */
    static final int SPIN_ROUNDS = 64;

    @Override
    DispatchMode dispatch() {
        return DispatchMode.ENDPOINT_LOOP;
    }

    @Override
    CompletionMode completion() {
        return CompletionMode.CALLER_REAPS;
    }

    @Override
    int spinRounds() {
        return SPIN_ROUNDS;
    }
}
