/**
 * Per-service, per-method metrics of the service container: calls by {@link org.capring.service.metrics.CallOutcome},
 * calls in flight and HdrHistogram latency ({@link org.capring.service.metrics.MethodStats}, recorded lock-free and
 * allocation-free into {@code Recorder}s), collected per host by {@link org.capring.service.metrics.HostMetrics},
 * which exposes them as Prometheus text through the Prometheus Java client (1.x), over loopback HTTP
 * ({@link org.capring.service.metrics.MetricsEndpoint}) and as HdrHistogram interval logs.
 */
package org.capring.service.metrics;
