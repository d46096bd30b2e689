package org.capring.stress.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.capring.report.ChartFiles;
import org.capring.stress.latency.LatencyLog;
import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.scenario.EventRecord;
import org.capring.stress.scenario.RunResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a stress report, drawn with XChart: latency over time with the events marked, and the percentile
 * spectrum of each window (corrected and uncorrected).
 */
public final class StressCharts {
    /** Stem of the latency-over-time chart. */
    public static final String OVER_TIME = "latency-over-time";
    /** Stem of a percentile spectrum chart; the measure's label follows. */
    public static final String SPECTRUM = "percentiles-";

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 600;
    private static final int MOST_MARKERS = 600;
    private static final int TICKS_PER_HALF = 5;
    /** Pixels between time ticks, so that their labels do not run together. */
    private static final int X_TICK_SPACING = 90;

    private StressCharts() {
    }

    /**
     * Writes every chart of the run into {@code dir/charts}.
     *
     * @param run the run
     * @param dir the run's directory
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(final RunResult run, final Path dir) throws IOException {
        final Path charts = java.nio.file.Files.createDirectories(dir.resolve(ChartFiles.DIRECTORY));
        final List<Path> files = new ArrayList<>(ChartFiles.save(overTime(run), charts, OVER_TIME));
        files.addAll(ChartFiles.save(spectrum(run, Measure.CORRECTED), charts, SPECTRUM + Measure.CORRECTED.label()));
        files.addAll(ChartFiles.save(spectrum(run, Measure.UNCORRECTED), charts, SPECTRUM + Measure.UNCORRECTED.label()));
        return files;
    }

    /**
     * @param run a run
     * @return the largest corrected and uncorrected latency per bucket of intended start, in ms on a log scale,
     *     with a vertical line at the start of every event
     */
    static XYChart overTime(final RunResult run) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Latency over time, largest per " + run.latency().bucketNanos() / 1_000_000 + " ms of intended start"
                + " (vertical lines: events)")
            .xAxisTitle("seconds since the start of the load").yAxisTitle("latency (ms, log)").build();
        lines(chart).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        final LatencyLog latency = run.latency();
        addBuckets(chart, "corrected (from intended start)", latency.bucketMax(true), latency.bucketNanos());
        addBuckets(chart, "uncorrected (from submission)", latency.bucketMax(false), latency.bucketNanos());
        int markers = 0;
        for (final EventRecord event : run.events()) {
            if (markers++ == MOST_MARKERS) {
                break;
            }
            chart.addAnnotation(new AnnotationLine(event.startedNanos() / 1e9, true, false));
        }
        return chart;
    }

    /** Lines without markers, the legend below the plot. */
    private static XYStyler lines(final XYChart chart) {
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart.getStyler();
    }

    private static void addBuckets(final XYChart chart, final String name, final long[] max, final long bucketNanos) {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        for (int i = 0; i < max.length; i++) {
            if (max[i] > 0) {
                x.add(i * bucketNanos / 1e9);
                y.add(max[i] / 1e6);
            }
        }
        if (x.isEmpty()) {
            x.add(0.0);
            y.add(1e-3);
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /**
     * @param run     a run
     * @param measure corrected or uncorrected
     * @return one series per window that recorded anything: latency against percentile, x as 1 / (1 - p) on a
     *     log scale (1 = 0 %, 10 = 90 %, 100 = 99 %, ...)
     */
    static XYChart spectrum(final RunResult run, final Measure measure) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Percentile spectrum per window, " + measure.label()
                + " (x: 10 = p90, 100 = p99, 1000 = p99.9, ...)")
            .xAxisTitle("1 / (1 - percentile)").yAxisTitle("latency (ms)").build();
        lines(chart).setXAxisLogarithmic(true);
        boolean any = false;
        for (final Window window : Window.values()) {
            final Histogram histogram = run.latency().total(measure, window);
            if (histogram.getTotalCount() == 0) {
                continue;
            }
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF)) {
                final double p = value.getPercentileLevelIteratedTo();
                if (p >= 100.0) {
                    break;
                }
                x.add(1.0 / (1.0 - p / 100.0));
                y.add(value.getValueIteratedTo() / 1e6);
            }
            if (!x.isEmpty()) {
                chart.addSeries(window.tag() + " (" + histogram.getTotalCount() + ")", x, y).setMarker(SeriesMarkers.NONE);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("no calls answered", List.of(1.0), List.of(0.0));
        }
        return chart;
    }
}
