package org.capring.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartFilesTest {
    @Test
    void save_aChart_svgAndPngWritten(@TempDir final Path dir) throws Exception {
        final XYChart chart = new XYChartBuilder().width(200).height(100).title("t").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        final List<Path> files = ChartFiles.save(chart, dir, "chart");
        assertEquals(List.of(dir.resolve("chart.svg"), dir.resolve("chart.png")), files);
        assertTrue(Files.readString(files.getFirst()).contains("<svg"));
        assertTrue(Files.size(files.get(1)) > 0);
    }
}
