package org.capring.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Judges {@link Target}s against the rows of a run, one {@link TargetResult} per target. A ratio target is judged on
 * every row key (cell) it matches: it is {@link TargetResult.Status#MISSED} if any cell misses,
 * {@link TargetResult.Status#NOT_MEASURED} if no cell misses but one cannot be judged (or no cell exists), and
 * {@link TargetResult.Status#MET} only if every cell meets it; the result shows the worst cell and lists every cell.
 * Allocation targets give one result over all matching rows. Stateless and thread-safe.
 */
public final class TargetEvaluator {
    private TargetEvaluator() {
    }

    /**
     * @param targets the targets, in the order to report them
     * @param rows    the rows of a run
     * @return the verdicts, in target order
     */
    public static List<TargetResult> evaluate(final List<Target> targets, final List<ResultRow> rows) {
        final var results = new ArrayList<TargetResult>();
        for (final Target target : targets) {
            if (target.criterion() instanceof Criterion.ZeroAllocation) {
                results.add(zeroAllocation(target, rows));
            } else if (target.criterion() instanceof final Criterion.Flat flat) {
                results.add(flat(target, flat, rows));
            } else {
                results.add(ratio(target, rows));
            }
        }
        return results;
    }

    private static TargetResult ratio(final Target target, final List<ResultRow> rows) {
        // A cell is a row key where the capring subject or one of the subjects it is compared with was measured:
        // other subjects of the same measure (a design matrix beside the peers) make no cell of this target.
        final List<String> compared = comparedWith(target.criterion());
        final var keys = new LinkedHashSet<RowKey>();
        for (final ResultRow row : rows) {
            if (target.matches(row.key())
                && (target.matchesSubject(row.subject()) || compared.contains(row.subject()))) {
                keys.add(row.key());
            }
        }
        if (keys.isEmpty()) {
            return notMeasured(target, target.scope(), "no " + target.scope() + " rows in this run");
        }
        final var cells = new ArrayList<TargetResult>(keys.size());
        for (final RowKey key : keys) {
            final List<ResultRow> sameKey = rows.stream().filter(row -> row.key().equals(key)).toList();
            cells.add(ratio(target, key.title(), sameKey));
        }
        return cells.size() == 1 ? cells.getFirst() : everyCell(target, cells);
    }

    /** @return the subjects a ratio criterion compares the capring subject with (none for an absolute level) */
    private static List<String> comparedWith(final Criterion criterion) {
        return switch (criterion) {
            case Criterion.AtLeast(final String peer, final double factor) -> List.of(peer);
            case Criterion.WithinFactorOf floor -> List.of(floor.floor());
            case Criterion.Informational(final String peer) -> List.of(peer);
            case Criterion.NoSlowerThanBestOf(final List<String> peers) -> peers;
            case Criterion.Reaches reaches -> List.of();
            case Criterion.ZeroAllocation zero -> List.of();
            case Criterion.Flat flat -> List.of();
        };
    }

    /** One verdict over several cells: the worst cell decides, and every cell is kept. */
    private static TargetResult everyCell(final Target target, final List<TargetResult> cells) {
        int met = 0;
        int missed = 0;
        int unmeasured = 0;
        TargetResult worst = null;
        for (final TargetResult cell : cells) {
            switch (cell.status()) {
                case MET -> met++;
                case MISSED -> missed++;
                case NOT_MEASURED -> unmeasured++;
                case INFO -> { }
            }
            if (cell.medianAdvantage().isPresent() && (worst == null
                || cell.medianAdvantage().getAsDouble() < worst.medianAdvantage().getAsDouble())) {
                worst = cell;
            }
        }
        final TargetResult.Status status;
        if (missed > 0) {
            status = TargetResult.Status.MISSED;
        } else if (unmeasured > 0) {
            status = TargetResult.Status.NOT_MEASURED;
        } else if (met == 0) {
            status = TargetResult.Status.INFO;
        } else {
            status = TargetResult.Status.MET;
        }
        final var note = new StringBuilder();
        if (worst != null) {
            note.append("worst cell: ").append(worst.scope()).append(" (").append(worst.note()).append("); ");
        }
        if (status == TargetResult.Status.INFO) {
            note.append(cells.size()).append(" cells");
        } else {
            note.append(met).append(" of ").append(cells.size()).append(" cells met");
            if (unmeasured > 0) {
                note.append(", ").append(unmeasured).append(" not measured");
            }
        }
        return new TargetResult(target, target.scope() + " (" + cells.size() + " cells)", status,
            worst == null ? OptionalDouble.empty() : worst.medianAdvantage(),
            worst == null ? OptionalDouble.empty() : worst.bestForkAdvantage(), note.toString(), cells);
    }

    private static TargetResult ratio(final Target target, final String scope, final List<ResultRow> sameKey) {
        final Optional<ResultRow> capring = find(sameKey, target.subject());
        if (capring.isEmpty()) {
            return notMeasured(target, scope, "no " + target.subject() + " row");
        }
        return switch (target.criterion()) {
            case Criterion.AtLeast(final String peer, final double factor) ->
                versus(target, scope, capring.get(), sameKey, peer, factor, false);
            case Criterion.WithinFactorOf floor ->
                versus(target, scope, capring.get(), sameKey, floor.floor(), floor.threshold(), false);
            case Criterion.Informational(final String peer) ->
                versus(target, scope, capring.get(), sameKey, peer, 0, true);
            case Criterion.NoSlowerThanBestOf(final List<String> peers) ->
                bestOf(target, scope, capring.get(), sameKey, peers);
            case Criterion.Reaches(final double value, final String unit) -> reaches(target, scope, capring.get(), value, unit);
            case Criterion.ZeroAllocation zero -> throw new IllegalStateException("not a ratio: " + zero);
            case Criterion.Flat flat -> throw new IllegalStateException("not a per-key criterion: " + flat);
        };
    }

    private static TargetResult reaches(final Target target, final String scope, final ResultRow capring,
                                        final double value, final String unit) {
        if (!capring.unit().equals(unit)) {
            return notMeasured(target, scope, capring.subject() + " is measured in " + capring.unit() + ", not " + unit);
        }
        final Direction direction = capring.direction();
        final double median = capring.stats().median();
        final double best = direction.bestFork(capring.stats());
        final double medianRatio = direction == Direction.HIGHER_IS_BETTER ? median / value : value / median;
        final double bestRatio = direction == Direction.HIGHER_IS_BETTER ? best / value : value / best;
        return new TargetResult(target, scope, medianRatio >= 1 ? TargetResult.Status.MET : TargetResult.Status.MISSED,
            OptionalDouble.of(medianRatio), OptionalDouble.of(bestRatio),
            "median " + String.format(Locale.ROOT, "%,.0f", median) + " " + unit);
    }

    private static TargetResult flat(final Target target, final Criterion.Flat flat, final List<ResultRow> rows) {
        final String scope = target.scope() + " (" + flat.param() + " " + flat.from() + " → " + flat.to() + ")";
        final Optional<ResultRow> from = findAt(rows, target, flat.param(), flat.from());
        final Optional<ResultRow> to = findAt(rows, target, flat.param(), flat.to());
        if (from.isEmpty() || to.isEmpty()) {
            return notMeasured(target, scope, "needs " + target.subject() + " at " + flat.param() + "=" + flat.from()
                + " and " + flat.param() + "=" + flat.to());
        }
        final Direction direction = to.get().direction();
        final double median = direction.advantage(to.get().stats().median(), from.get().stats().median());
        final double bestFork = direction.advantage(direction.bestFork(to.get().stats()),
            direction.bestFork(from.get().stats()));
        return new TargetResult(target, scope,
            median >= flat.minRatio() ? TargetResult.Status.MET : TargetResult.Status.MISSED,
            OptionalDouble.of(median), OptionalDouble.of(bestFork),
            flat.param() + "=" + flat.to() + " vs " + flat.param() + "=" + flat.from());
    }

    private static Optional<ResultRow> findAt(final List<ResultRow> rows, final Target target, final String param,
                                              final String value) {
        return rows.stream()
            .filter(row -> target.matches(row.key()) && row.subject().equals(target.subject())
                && value.equals(row.key().params().get(param)))
            .findFirst();
    }

    private static TargetResult versus(final Target target, final String scope, final ResultRow capring,
                                       final List<ResultRow> sameKey, final String peerName, final double threshold,
                                       final boolean informational) {
        final Optional<ResultRow> peer = find(sameKey, peerName);
        if (peer.isEmpty()) {
            return notMeasured(target, scope, "no " + peerName + " row");
        }
        if (!Comparison.comparable(capring, peer.get())) {
            return notMeasured(target, scope, notComparable(capring, peer.get()));
        }
        final Comparison comparison = Comparison.of(capring, peer.get());
        final TargetResult.Status status;
        if (informational) {
            status = TargetResult.Status.INFO;
        } else {
            status = comparison.medianAdvantage() >= threshold ? TargetResult.Status.MET : TargetResult.Status.MISSED;
        }
        return new TargetResult(target, scope, status, OptionalDouble.of(comparison.medianAdvantage()),
            OptionalDouble.of(comparison.bestForkAdvantage()), "vs " + peerName);
    }

    private static TargetResult bestOf(final Target target, final String scope, final ResultRow capring,
                                       final List<ResultRow> sameKey, final List<String> peerNames) {
        final var present = new ArrayList<ResultRow>();
        final var missing = new ArrayList<String>();
        for (final String name : peerNames) {
            final Optional<ResultRow> peer = find(sameKey, name).filter(row -> Comparison.comparable(capring, row));
            peer.ifPresentOrElse(present::add, () -> missing.add(name));
        }
        if (present.isEmpty()) {
            return notMeasured(target, scope, "none of " + String.join(", ", peerNames) + " measured");
        }
        final Direction direction = capring.direction();
        ResultRow bestByMedian = present.getFirst();
        ResultRow bestByFork = present.getFirst();
        for (final ResultRow peer : present) {
            if (direction.isBetter(peer.stats().median(), bestByMedian.stats().median())) {
                bestByMedian = peer;
            }
            if (direction.isBetter(direction.bestFork(peer.stats()), direction.bestFork(bestByFork.stats()))) {
                bestByFork = peer;
            }
        }
        final double median = Comparison.of(capring, bestByMedian).medianAdvantage();
        final double bestFork = Comparison.of(capring, bestByFork).bestForkAdvantage();
        final TargetResult.Status status;
        if (median < 1.0) {
            // More peers could only raise the bar, so a miss against the measured ones is final.
            status = TargetResult.Status.MISSED;
        } else {
            status = missing.isEmpty() ? TargetResult.Status.MET : TargetResult.Status.NOT_MEASURED;
        }
        final var note = new StringBuilder("vs best by median: ").append(bestByMedian.subject());
        if (bestByFork != bestByMedian) {
            note.append("; best fork: ").append(bestByFork.subject());
        }
        if (!missing.isEmpty()) {
            note.append("; not measured: ").append(String.join(", ", missing));
        }
        return new TargetResult(target, scope, status, OptionalDouble.of(median), OptionalDouble.of(bestFork),
            note.toString());
    }

    private static TargetResult zeroAllocation(final Target target, final List<ResultRow> rows) {
        final List<ResultRow> matching = rows.stream()
            .filter(row -> target.matches(row.key()) && target.matchesSubject(row.subject()))
            .toList();
        final String scope = (target.measure().equals(Target.ANY) ? "every " : target.measure() + ": every ")
            + target.subject() + " row";
        if (matching.isEmpty()) {
            return notMeasured(target, scope, "no " + target.subject() + " rows in this run");
        }
        final List<ResultRow> allocating = matching.stream()
            .filter(row -> row.allocBytesPerOp().isPresent() && !row.allocatesNothing())
            .toList();
        final List<ResultRow> unmeasured = matching.stream()
            .filter(row -> row.allocBytesPerOp().isEmpty())
            .toList();
        if (!allocating.isEmpty()) {
            return new TargetResult(target, scope, TargetResult.Status.MISSED, OptionalDouble.empty(),
                OptionalDouble.empty(), "allocating: " + allocating.stream()
                    .map(row -> describe(row) + " " + String.format(Locale.ROOT, "%.1f",
                        row.allocBytesPerOp().getAsDouble()) + " B/op")
                    .collect(Collectors.joining(", ")));
        }
        if (!unmeasured.isEmpty()) {
            return notMeasured(target, scope, "no gc.alloc.rate.norm (run with -prof gc) for "
                + (unmeasured.size() == matching.size() ? "any of the " + matching.size() + " rows"
                    : unmeasured.stream().map(TargetEvaluator::describe).collect(Collectors.joining(", "))));
        }
        final double highest = matching.stream().mapToDouble(row -> row.allocBytesPerOp().getAsDouble()).max()
            .orElseThrow();
        return new TargetResult(target, scope, TargetResult.Status.MET, OptionalDouble.empty(),
            OptionalDouble.empty(), matching.size() + " rows, highest " + String.format(Locale.ROOT, "%.4f", highest)
                + " B/op");
    }

    private static Optional<ResultRow> find(final List<ResultRow> rows, final String subject) {
        return rows.stream().filter(row -> row.subject().equals(subject)).findFirst();
    }

    private static String describe(final ResultRow row) {
        return row.subject() + " (" + row.key().title() + ")";
    }

    private static String notComparable(final ResultRow capring, final ResultRow peer) {
        return capring.subject() + " (" + capring.metric() + ", " + capring.unit() + ") and " + peer.subject() + " ("
            + peer.metric() + ", " + peer.unit() + ") are not measured alike";
    }

    private static TargetResult notMeasured(final Target target, final String scope, final String note) {
        return new TargetResult(target, scope, TargetResult.Status.NOT_MEASURED, OptionalDouble.empty(),
            OptionalDouble.empty(), note);
    }
}
