package org.nabla4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes loss curves as a PNG line chart with a logarithmic loss axis (JFreeChart, headless). */
final class LossChart {
    /** Width of the image in pixels. */
    static final int WIDTH = 900;
    /** Height of the image in pixels. */
    static final int HEIGHT = 560;

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private LossChart() {}

    /**
     * Writes the chart to {@code file}, creating its parent folders.
     *
     * @param file the PNG file
     * @param title the chart title
     * @param curves series name to loss per step (step {@code i} is {@code curves.get(name)[i]}); values must be
     *     positive for the log axis
     * @throws UncheckedIOException if the file cannot be written
     */
    static void write(Path file, String title, Map<String, double[]> curves) {
        // no display is needed (or present on a build machine); must be set before AWT initializes
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : new LinkedHashMap<>(curves).entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, false);
            double[] loss = e.getValue();
            for (int i = 0; i < loss.length; i++) {
                s.add(i, loss[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "step", "training loss", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis lossAxis = new LogAxis("training loss (MSE, log scale)");
        lossAxis.setBase(10);
        // one tick per power of ten (the unit is in log space)
        lossAxis.setTickUnit(new NumberTickUnit(1.0));
        plot.setRangeAxis(lossAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss chart to " + file, e);
        }
    }
}
