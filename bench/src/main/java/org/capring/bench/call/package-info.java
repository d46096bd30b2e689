/**
 * One call, end to end, against the JDK's hand-off mechanisms: capring typed calls (virtual-thread caller, ring,
 * virtual-thread endpoint, back) vs a virtual-thread {@code SynchronousQueue} round trip, a virtual-thread
 * park/unpark round trip, {@code newVirtualThreadPerTaskExecutor().submit().get()}, a platform-thread
 * {@code SynchronousQueue} round trip, and a direct method call. Benchmark threads are virtual
 * ({@code -Djmh.executor=VIRTUAL}) except for the platform subject. {@code CapringCallStub} is
 * {@code CapringCall} through the generated stub and skeleton, to show what the generated code costs.
 */
package org.capring.bench.call;
