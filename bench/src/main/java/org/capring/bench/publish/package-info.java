/**
 * Experiments behind the ring's publication scheme (not part of the default suite; {@code ./capring bench} excludes
 * this package): a minimal single-producer queue of 64-byte (or 32-byte) entries in off-heap memory that publishes
 * in one of several {@link org.capring.bench.publish.Scheme}s, measured in the same throughput and round-trip
 * workloads as capring and its peers. {@code Scheme.SEQ_LAST} replicates the ring's original protocol (a commit
 * sequence in each entry, written last); the others change one thing each.
 */
package org.capring.bench.publish;
