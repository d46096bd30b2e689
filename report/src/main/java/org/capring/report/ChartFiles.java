package org.capring.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves a chart as {@code <stem>.svg} (for reports) and {@code <stem>.png} (for a quick look). Rendering is
 * headless: loading this class sets {@code java.awt.headless=true} unless it is already set. Not thread-safe to call
 * concurrently for the same files.
 */
public final class ChartFiles {
    /** The directory, inside a run directory, charts are written to. */
    public static final String DIRECTORY = "charts";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartFiles() {
    }

    /**
     * Writes the chart as SVG and PNG, replacing earlier files of the same name.
     *
     * @param chart     the chart
     * @param directory where to write; must exist
     * @param stem      the file name without extension
     * @return the SVG and PNG files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> save(final Chart<?, ?> chart, final Path directory, final String stem) throws IOException {
        final Path svg = directory.resolve(stem + ".svg");
        final Path png = directory.resolve(stem + ".png");
        try (OutputStream out = Files.newOutputStream(svg)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return List.of(svg, png);
    }
}
