package org.capring.bench.roundtrip;

/** The round-trip workload: 64-byte requests out (seven payload words), 32-byte responses back. */
final class Roundtrip {
    /** Payload words of a request. */
    static final int REQUEST_WORDS = 7;

    private Roundtrip() {
    }

    /** An on-heap request for reference queues. */
    static final class Request {
        long w0;
        long w1;
        long w2;
        long w3;
        long w4;
        long w5;
        long w6;

        Request fill(final long v) {
            w0 = v;
            w1 = v + 1;
            w2 = v + 2;
            w3 = v + 3;
            w4 = v + 4;
            w5 = v + 5;
            w6 = v + 6;
            return this;
        }
    }

    /** An on-heap response for reference queues: userData, status and result length, as in a CQE. */
    static final class Response {
        long userData;
        int status;
        int length;
    }
}
