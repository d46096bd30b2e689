/**
 * A run's report: {@code report.md} (ledger table, breaches, events, per-window percentiles corrected and
 * uncorrected, the generator's lag, charts), {@code summary.json}, and the charts, drawn with XChart through
 * {@link org.capring.report.ChartFiles}. Single-threaded; runs after the run has ended.
 */
package org.capring.stress.report;
