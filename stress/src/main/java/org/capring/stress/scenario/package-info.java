/**
 * Scenarios and runs: a {@link org.capring.stress.scenario.Plan} (schedule, events and hung calls from one seed),
 * {@link org.capring.stress.scenario.StressRun} (generator, event driver, logger, the per-call checks beyond the
 * ledger: revocation, scenario promises) and the {@link org.capring.stress.scenario.SaturationFinder}. The run's
 * lifecycle window is one volatile int written by the driver and read by every caller at its start; the
 * generator publishes how far it issued with an ordered store that the logger reads.
 */
package org.capring.stress.scenario;
