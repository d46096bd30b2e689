package org.capring.bench.call;

/** One capring call: the default configuration (endpoint loop, caller reaps). */
public class CapringCall extends CapringCallBench {
}
