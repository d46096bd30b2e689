/**
 * The service container against the bare ring: {@code CapringServiceCall} (one Echo call through a
 * {@code ServiceHost}: binding, call context, no phases) vs {@code CapringBareCall} (the same call on a bare
 * {@code RingServer}, same configuration) in the same run, which gives the container's overhead per call; and
 * {@code CapringServiceLifecycle}: a live handoff, the stop of an idle host and of one with a call in flight, with the
 * container's own reports (swap time, drain time, drain end latency after the last completion) as secondary results.
 */
package org.capring.bench.service;
