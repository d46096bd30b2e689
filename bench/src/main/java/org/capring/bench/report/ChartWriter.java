package org.capring.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.capring.report.ChartFiles;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Draws one grouped bar chart per {@link RowGroup}: the subjects along x, three bars each (the minimum, median and
 * maximum of the per-fork scores), the unit on y. Each chart is saved as {@code <stem>.svg} for the report and
 * {@code <stem>.png} for quick viewing, where the stem is {@link RowKey#fileStem()}.
 *
 * <p>Rendering is headless ({@link ChartFiles}). Not thread-safe to call concurrently for the same directory and key.
 */
public final class ChartWriter {
    /** The directory, inside the run directory, the charts are written to. */
    public static final String DIRECTORY = ChartFiles.DIRECTORY;

    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final int MANY_SUBJECTS = 4;
    /** Long subject names stand vertically, one under each bar group (a slanted label drifts off its group). */
    private static final int LABEL_ROTATION = 90;

    private ChartWriter() {
    }

    /**
     * @param key a row key
     * @return the SVG file's path relative to the run directory, e.g. {@code charts/throughput-batched.svg}
     */
    public static String svgPath(final RowKey key) {
        return DIRECTORY + "/" + key.fileStem() + ".svg";
    }

    /**
     * Writes the group's chart as SVG and PNG, replacing earlier files of the same name.
     *
     * @param group     the rows to draw
     * @param chartsDir the directory to write into; must exist
     * @return the SVG and PNG files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(final RowGroup group, final Path chartsDir) throws IOException {
        return ChartFiles.save(chart(group), chartsDir, group.key().fileStem());
    }

    /**
     * @param group the rows to draw
     * @return the chart, not yet rendered
     */
    static CategoryChart chart(final RowGroup group) {
        final CategoryChart chart = new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title(group))
            .xAxisTitle("subject")
            .yAxisTitle(group.units())
            .build();
        final Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(largest(group) >= 1000 ? "#,##0" : "#,##0.##");
        if (group.rows().size() > MANY_SUBJECTS) {
            chart.getStyler().setXAxisLabelRotation(LABEL_ROTATION);
            chart.getStyler().setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
        }
        final List<String> subjects = group.rows().stream().map(ResultRow::subject).toList();
        chart.addSeries("min of forks", subjects, group.rows().stream().map(row -> row.stats().min()).toList());
        chart.addSeries("median of forks", subjects,
            group.rows().stream().map(row -> row.stats().median()).toList());
        chart.addSeries("max of forks", subjects, group.rows().stream().map(row -> row.stats().max()).toList());
        return chart;
    }

    private static String title(final RowGroup group) {
        final boolean allItems = group.rows().stream().allMatch(row -> row.metric().equals(ResultRow.ITEMS_METRIC));
        return group.key().title() + (allItems ? ", items delivered" : "") + " (" + group.direction().label() + ")";
    }

    private static double largest(final RowGroup group) {
        return group.rows().stream().mapToDouble(row -> row.stats().max()).max().orElse(0);
    }
}
