/**
 * The benchmark report generator: reads a JMH JSON result file and writes a Markdown report with per-fork tables,
 * capring-versus-peer ratios, target verdicts and XChart bar charts, plus a CSV summary and the machine's facts.
 *
 * <p>Pipeline: {@link org.capring.bench.report.JmhResultParser} turns results into
 * {@link org.capring.bench.report.ResultRow}s (one per benchmark and parameter set, per-fork scores kept apart);
 * {@link org.capring.bench.report.RowGroup} groups rows that ran the same workload and compares capring's subjects
 * with the peers; {@link org.capring.bench.report.TargetEvaluator} judges the
 * {@link org.capring.bench.report.Targets}; {@link org.capring.bench.report.MarkdownReport},
 * {@link org.capring.bench.report.ChartWriter} and {@link org.capring.bench.report.SummaryCsv} write the outputs.
 * {@link org.capring.bench.report.ReportMain} is the command line.
 *
 * <p>Conventions: benchmark names follow {@code org.capring.bench.<measure>.<Subject>.<variant>}; subjects named
 * {@code Capring…} are capring's, all others peers; every ratio is oriented so that above 1 means capring is better.
 * All types are immutable or stateless and safe to use from any thread, except that two generations must not write
 * into the same run directory at once.
 */
package org.capring.bench.report;
