/**
 * Latency recording per measure (corrected, uncorrected, generator lag) and lifecycle window: HdrHistogram
 * {@link org.HdrHistogram.Recorder}s written by callers, interval histograms taken by one logging thread and written
 * to HdrHistogram interval logs tagged by window.
 */
package org.capring.stress.latency;
