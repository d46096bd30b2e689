/**
 * Calls per second through one ring with 1, 100 and 10,000 concurrent virtual-thread callers, one call at a time
 * and in SQ batches.
 */
package org.capring.bench.callrate;
