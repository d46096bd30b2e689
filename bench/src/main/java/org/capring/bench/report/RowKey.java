package org.capring.bench.report;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes rows comparable: rows with the same measure, variant and JMH parameters ran the same workload, so their
 * subjects are compared with each other.
 *
 * @param measure the measure, e.g. {@code roundtrip}
 * @param variant the variant, e.g. {@code roundTrip}
 * @param params  the JMH {@code @Param} values, ordered by name; empty when the benchmark has none
 */
public record RowKey(String measure, String variant, SortedMap<String, String> params) {
    /**
     * @throws NullPointerException if any part is null
     */
    public RowKey {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(variant, "variant");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** @return the parameters as {@code name=value} pairs joined by ", ", or "" when there are none */
    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** @return a human-readable title, e.g. {@code call / echo (callers=100)} */
    public String title() {
        return measure + " / " + variant + (params.isEmpty() ? "" : " (" + paramsText() + ")");
    }

    /**
     * The file name (without extension) of this key's chart: {@code <measure>-<variant>[-<name>-<value>…]}, with
     * every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}. The same key always gives the same name.
     *
     * @return the chart file stem, e.g. {@code call-echo-callers-100}
     */
    public String fileStem() {
        final var stem = new StringBuilder(measure).append('-').append(variant);
        params.forEach((name, value) -> stem.append('-').append(name).append('-').append(value));
        return stem.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
