/**
 * The open-loop load: a {@link org.capring.stress.load.Schedule} of intended start times and operations, fixed in
 * advance from a seed (constant or Poisson arrivals). Immutable data only; the generator that plays it is part of
 * {@link org.capring.stress.scenario.StressRun}.
 */
package org.capring.stress.load;
