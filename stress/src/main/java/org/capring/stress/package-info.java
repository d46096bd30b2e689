/**
 * {@code ./capring stress}: open-loop, coordinated-omission-corrected load against the project's own services, a
 * live per-call ledger, seeded drain, handoff and fault scenarios, HdrHistogram logs, a report and charts.
 * {@link org.capring.stress.StressMain} is the command line; the packages below it are the harness.
 */
package org.capring.stress;
