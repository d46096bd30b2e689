package org.capring.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the result list JMH writes with {@code -rf json} into {@link ResultRow}s.
 *
 * <p>Per result:
 * <ul>
 *   <li>The metric is the secondary metric {@value ResultRow#ITEMS_METRIC} when present (an {@code @AuxCounters}
 *       count of delivered items, higher is better), otherwise the primary metric: {@code thrpt} is higher-better,
 *       {@code avgt}, {@code sample} and {@code ss} are lower-better.</li>
 *   <li>A fork's score is the mean of its iteration scores ({@code rawData}; for {@code sample} mode without
 *       {@code rawData}, each iteration's mean from {@code rawDataHistogram}).</li>
 *   <li>Allocation is the median over forks of the per-fork mean of {@code gc.alloc.rate.norm}, present only when the
 *       run used {@code -prof gc}. A leading {@code ·} in secondary metric names (older JMH) is ignored.</li>
 * </ul>
 *
 * <p>What is rejected and what is skipped: a file that is missing, unreadable, not JSON, not a list, or an empty
 * list, and a result lacking {@code benchmark}, {@code mode} or a metric's scores, fail with a
 * {@link ReportException}. A well-formed result whose name does not follow {@link BenchmarkId}'s convention, or that
 * repeats an earlier result's name and parameters (in another mode, say), is skipped with a warning; if no result is
 * left the parse fails with {@link ReportException.Reason#NO_CONVENTIONAL_RESULTS}.
 *
 * <p>Stateless and thread-safe.
 */
public final class JmhResultParser {
    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    private static final String ALLOC_METRIC = "gc.alloc.rate.norm";
    private static final String LEGACY_METRIC_PREFIX = "\u00b7";

    private JmhResultParser() {
    }

    /**
     * @param file a JMH JSON result file
     * @return its rows, run settings and warnings
     * @throws ReportException {@code MISSING_INPUT} if the file does not exist, {@code UNREADABLE_INPUT} if it cannot
     *                         be read, or any reason {@link #parse(String, String)} gives
     */
    public static JmhResults parse(final Path file) throws ReportException {
        if (!Files.exists(file)) {
            throw new ReportException(ReportException.Reason.MISSING_INPUT, file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ReportException(ReportException.Reason.UNREADABLE_INPUT, file + " is not a regular file");
        }
        final String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ReportException(ReportException.Reason.UNREADABLE_INPUT, "cannot read " + file + ": " + e, e);
        }
        return parse(json, file.toString());
    }

    /**
     * @param json   the text of a JMH JSON result file
     * @param source where the text came from, used in messages
     * @return its rows, run settings and warnings
     * @throws ReportException {@code INVALID_JSON}, {@code NOT_A_RESULT_LIST}, {@code EMPTY_RESULTS},
     *                         {@code MALFORMED_RESULT} or {@code NO_CONVENTIONAL_RESULTS}, as described above
     */
    public static JmhResults parse(final String json, final String source) throws ReportException {
        if (json.isBlank()) {
            throw new ReportException(ReportException.Reason.INVALID_JSON, source + " is empty");
        }
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new ReportException(ReportException.Reason.INVALID_JSON,
                source + " is not valid JSON: " + e.getOriginalMessage() + locationOf(e), e);
        }
        if (!root.isArray()) {
            throw new ReportException(ReportException.Reason.NOT_A_RESULT_LIST,
                source + " holds a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not the result list JMH writes with -rf json");
        }
        if (root.isEmpty()) {
            throw new ReportException(ReportException.Reason.EMPTY_RESULTS,
                source + " holds no results: JMH ran no benchmark, or the run failed before the first result");
        }
        final var rows = new ArrayList<ResultRow>();
        final var warnings = new ArrayList<String>();
        final Map<String, String> modes = new HashMap<>();
        final var settings = new Settings();
        int index = 0;
        for (final JsonNode entry : root) {
            final String where = source + " result #" + index++;
            if (!entry.isObject()) {
                throw malformed(where, "is not a JSON object");
            }
            final String benchmark = text(entry, "benchmark", where);
            final var id = BenchmarkId.parse(benchmark);
            if (id.isEmpty()) {
                warnings.add("skipped " + benchmark + ": not named " + BenchmarkId.ROOT
                    + ".<measure>.<Subject>.<variant>");
                continue;
            }
            final ResultRow row = row(entry, id.get(), where + " (" + benchmark + ")");
            final String identity = (benchmark + " " + row.key().paramsText()).strip();
            final String mode = entry.get("mode").textValue();
            final String firstMode = modes.putIfAbsent(identity, mode);
            if (firstMode != null) {
                warnings.add("skipped a second result for " + identity + (firstMode.equals(mode) ? ""
                    : " (mode " + mode + "; one mode per benchmark is reported)") + "; the first one ("
                    + firstMode + ") is reported");
                continue;
            }
            settings.add(entry);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new ReportException(ReportException.Reason.NO_CONVENTIONAL_RESULTS,
                source + ": none of its " + root.size() + " results is named " + BenchmarkId.ROOT
                    + ".<measure>.<Subject>.<variant>");
        }
        return new JmhResults(source, settings.runInfo(), rows, root.size(), warnings);
    }

    private static ResultRow row(final JsonNode entry, final BenchmarkId id, final String where)
        throws ReportException {
        final String mode = text(entry, "mode", where);
        final JsonNode primary = object(entry, "primaryMetric", where);
        final Map<String, JsonNode> secondary = secondaryMetrics(entry, where);

        final JsonNode items = secondary.get(ResultRow.ITEMS_METRIC);
        final JsonNode metric = items != null ? items : primary;
        final String metricName = items != null ? ResultRow.ITEMS_METRIC : "primary (" + mode + ")";
        final String metricWhere = where + " metric " + metricName;
        final Direction direction;
        if (items != null) {
            direction = Direction.HIGHER_IS_BETTER;
        } else {
            direction = switch (mode) {
                case "thrpt" -> Direction.HIGHER_IS_BETTER;
                case "avgt", "sample", "ss" -> Direction.LOWER_IS_BETTER;
                default -> throw malformed(where, "has unknown mode '" + mode + "'");
            };
        }
        final String unit = text(metric, "scoreUnit", metricWhere);
        final ForkStats stats = forkStats(metric, metricWhere);

        final JsonNode alloc = secondary.get(ALLOC_METRIC);
        final OptionalDouble allocBytesPerOp = alloc == null
            ? OptionalDouble.empty()
            : OptionalDouble.of(forkStats(alloc, where + " metric " + ALLOC_METRIC).median());

        final var params = new TreeMap<String, String>();
        final JsonNode paramsNode = entry.get("params");
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isObject()) {
                throw malformed(where, "has 'params' that is not an object");
            }
            for (final var param : paramsNode.properties()) {
                params.put(param.getKey(), param.getValue().isValueNode()
                    ? param.getValue().asText() : param.getValue().toString());
            }
        }
        return new ResultRow(id, new RowKey(id.measure(), id.variant(), params), metricName, unit, direction, stats,
            allocBytesPerOp);
    }

    private static Map<String, JsonNode> secondaryMetrics(final JsonNode entry, final String where)
        throws ReportException {
        final var metrics = new LinkedHashMap<String, JsonNode>();
        final JsonNode node = entry.get("secondaryMetrics");
        if (node == null || node.isNull()) {
            return metrics;
        }
        if (!node.isObject()) {
            throw malformed(where, "has 'secondaryMetrics' that is not an object");
        }
        for (final var metric : node.properties()) {
            final String name = metric.getKey().startsWith(LEGACY_METRIC_PREFIX)
                ? metric.getKey().substring(LEGACY_METRIC_PREFIX.length()) : metric.getKey();
            if (!metric.getValue().isObject()) {
                throw malformed(where, "has secondary metric '" + name + "' that is not an object");
            }
            metrics.putIfAbsent(name, metric.getValue());
        }
        return metrics;
    }

    private static ForkStats forkStats(final JsonNode metric, final String where) throws ReportException {
        final JsonNode raw = metric.get("rawData");
        final JsonNode histogram = metric.get("rawDataHistogram");
        final List<List<Double>> iterations;
        if (raw != null && !raw.isNull()) {
            iterations = forks(raw, where + " rawData", JmhResultParser::iterationScores);
        } else if (histogram != null && !histogram.isNull()) {
            iterations = forks(histogram, where + " rawDataHistogram", JmhResultParser::histogramMeans);
        } else {
            throw malformed(where, "has neither rawData nor rawDataHistogram");
        }
        try {
            return ForkStats.ofIterations(iterations);
        } catch (final IllegalArgumentException e) {
            throw malformed(where, "has unusable scores: " + e.getMessage());
        }
    }

    /** {@code reader} turns a fork's node into its iteration scores, or null when the node has the wrong shape. */
    private static List<List<Double>> forks(final JsonNode forks, final String where,
                                            final Function<JsonNode, List<Double>> reader) throws ReportException {
        if (!forks.isArray() || forks.isEmpty()) {
            throw malformed(where, "is not a non-empty list of forks");
        }
        final var result = new ArrayList<List<Double>>(forks.size());
        int fork = 0;
        for (final JsonNode node : forks) {
            final List<Double> scores = node.isArray() && !node.isEmpty() ? reader.apply(node) : null;
            if (scores == null) {
                throw malformed(where, "fork #" + fork + " is not a non-empty list of iteration scores");
            }
            result.add(scores);
            fork++;
        }
        return result;
    }

    private static List<Double> iterationScores(final JsonNode fork) {
        final var scores = new ArrayList<Double>(fork.size());
        for (final JsonNode score : fork) {
            if (!score.isNumber()) {
                return null;
            }
            scores.add(score.doubleValue());
        }
        return scores;
    }

    /** Each iteration of a sample-mode fork is a list of [value, count] pairs; its score is their weighted mean. */
    private static List<Double> histogramMeans(final JsonNode fork) {
        final var scores = new ArrayList<Double>(fork.size());
        for (final JsonNode iteration : fork) {
            if (!iteration.isArray()) {
                return null;
            }
            double sum = 0;
            double count = 0;
            for (final JsonNode pair : iteration) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                    return null;
                }
                sum += pair.get(0).doubleValue() * pair.get(1).doubleValue();
                count += pair.get(1).doubleValue();
            }
            if (count <= 0) {
                return null;
            }
            scores.add(sum / count);
        }
        return scores;
    }

    private static String text(final JsonNode node, final String field, final String where) throws ReportException {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw malformed(where, "has no '" + field + "' string");
        }
        return value.textValue();
    }

    private static JsonNode object(final JsonNode node, final String field, final String where)
        throws ReportException {
        final JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw malformed(where, "has no '" + field + "' object");
        }
        return value;
    }

    private static ReportException malformed(final String where, final String problem) {
        return new ReportException(ReportException.Reason.MALFORMED_RESULT, where + " " + problem);
    }

    private static String locationOf(final JsonProcessingException e) {
        final var location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The distinct values of each run setting over the reported results. */
    private static final class Settings {
        private final SequencedSet<String> jmhVersion = new LinkedHashSet<>();
        private final SequencedSet<String> jdkVersion = new LinkedHashSet<>();
        private final SequencedSet<String> vmName = new LinkedHashSet<>();
        private final SequencedSet<String> vmVersion = new LinkedHashSet<>();
        private final SequencedSet<String> jvm = new LinkedHashSet<>();
        private final SequencedSet<String> jvmArgs = new LinkedHashSet<>();
        private final SequencedSet<String> forks = new LinkedHashSet<>();
        private final SequencedSet<String> threads = new LinkedHashSet<>();
        private final SequencedSet<String> warmup = new LinkedHashSet<>();
        private final SequencedSet<String> measurement = new LinkedHashSet<>();

        void add(final JsonNode entry) {
            addIfPresent(jmhVersion, entry, "jmhVersion");
            addIfPresent(jdkVersion, entry, "jdkVersion");
            addIfPresent(vmName, entry, "vmName");
            addIfPresent(vmVersion, entry, "vmVersion");
            addIfPresent(jvm, entry, "jvm");
            addIfPresent(forks, entry, "forks");
            addIfPresent(threads, entry, "threads");
            final JsonNode args = entry.get("jvmArgs");
            if (args != null && args.isArray()) {
                final var joined = new ArrayList<String>(args.size());
                args.forEach(arg -> joined.add(arg.asText()));
                jvmArgs.add(String.join(" ", joined));
            }
            phase(warmup, entry, "warmup");
            phase(measurement, entry, "measurement");
        }

        RunInfo runInfo() {
            return new RunInfo(joined(jmhVersion), joined(jdkVersion), joined(vmName), joined(vmVersion),
                joined(jvm), List.copyOf(jvmArgs), joined(forks), joined(threads), joined(warmup),
                joined(measurement));
        }

        private static void phase(final Set<String> values, final JsonNode entry, final String prefix) {
            final JsonNode iterations = entry.get(prefix + "Iterations");
            final JsonNode time = entry.get(prefix + "Time");
            final JsonNode batch = entry.get(prefix + "BatchSize");
            if (iterations == null || time == null) {
                return;
            }
            values.add(iterations.asText() + " × " + time.asText()
                + (batch != null && batch.asInt(1) != 1 ? ", batch " + batch.asText() : ""));
        }

        private static void addIfPresent(final Set<String> values, final JsonNode entry, final String field) {
            final JsonNode value = entry.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                values.add(value.asText());
            }
        }

        private static String joined(final SequencedSet<String> values) {
            return values.isEmpty() ? RunInfo.UNKNOWN : String.join(RunInfo.SEPARATOR, values);
        }
    }
}
