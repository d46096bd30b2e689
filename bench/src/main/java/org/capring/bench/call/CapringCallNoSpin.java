package org.capring.bench.call;

/**
 * {@link CapringCall} with spinning off ({@code spinRounds} 0): the client's reaper, the server's reader and its
 * endpoint park as soon as they find nothing to do, so every hand-off is a park and an unpark. Set beside
 * {@link CapringCall} it shows what the bounded, budgeted spin buys.
 */
public class CapringCallNoSpin extends CapringCallBench {
    @Override
    int spinRounds() {
        return 0;
    }
}
