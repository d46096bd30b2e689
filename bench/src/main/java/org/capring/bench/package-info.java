/**
 * JMH suites that compare capring with the best Java peers under the same workload, in the same run.
 *
 * <p>Naming convention (the report relies on it): {@code org.capring.bench.<measure>.<Subject>.<variant>}. The
 * package is the measure, the class is the subject (capring's own subjects start with {@code Capring}), the JMH
 * method or group name is the variant; subjects with the same variant in the same measure are compared.
 * Throughput groups count delivered items in an {@code @AuxCounters} field named {@code items}.
 */
package org.capring.bench;
