package org.capring.bench.callrate;

/** Calls per second, each caller making one call at a time. */
public class CapringCalls extends CallRateBench {
    @Override
    int batch() {
        return 1;
    }
}
