package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/**
 * The default design with spinning off ({@code spinRounds} 0): the client's reaper, the server's reader and its
 * endpoint park as soon as they find nothing to do, so every hand-off is a park and an unpark. Set beside
 * {@link CapringCall} it shows what the bounded, budgeted spin buys.
 */
public class CapringCallNoSpin extends CapringCallBench {
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
        return 0;
    }
}
