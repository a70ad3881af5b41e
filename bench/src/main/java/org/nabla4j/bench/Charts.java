package org.nabla4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Log–log PNG charts of time against size, one line per series; drawn headless. */
final class Charts {
    /** Chart width in pixels. */
    static final int WIDTH = 640;

    /** Chart height in pixels. */
    static final int HEIGHT = 400;

    private static final Map<String, Color> COLORS = Map.of(
            "ejml", new Color(0x1f77b4), "nd4j", new Color(0xff7f0e), BenchmarkResult.RAW_SERIES, new Color(0x7f7f7f));

    private Charts() {}

    /**
     * Writes one chart per table that has at least two sizes with a positive time.
     *
     * @param tables rows by table title, as from {@link Comparison#byGroupAndConfig}
     * @param dir the output folder (must exist)
     * @return chart file name (relative to {@code dir}) by table title
     * @throws IOException if a file cannot be written
     */
    static Map<String, String> write(Map<String, List<Comparison.Row>> tables, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<Comparison.Row>> t : tables.entrySet()) {
            JFreeChart chart = chart(t.getKey(), t.getValue());
            if (chart == null) {
                continue;
            }
            String file = fileName(t.getKey());
            ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
            files.put(t.getKey(), file);
        }
        return files;
    }

    /** The chart of one table, or null when it has fewer than two sizes to draw. */
    static JFreeChart chart(String title, List<Comparison.Row> rows) {
        long sizes = rows.stream().filter(r -> r.size() != null && r.size() > 0).count();
        if (sizes < 2) {
            return null;
        }
        String sizeParam = rows.get(0).sizeParam();
        XYSeriesCollection data = new XYSeriesCollection();
        for (String s : Comparison.series(rows)) {
            XYSeries line = new XYSeries(s);
            for (Comparison.Row r : rows) {
                Double ns = r.nanos().get(s);
                if (r.size() != null && r.size() > 0 && ns != null && ns > 0) {
                    line.add(r.size().doubleValue(), ns / 1e3);
                }
            }
            if (line.getItemCount() > 0) {
                data.addSeries(line);
            }
        }
        LogAxis x = new LogAxis("n".equals(sizeParam) ? "n (matrix order)" : sizeParam + " (elements)");
        LogAxis y = new LogAxis("time per operation (\u00b5s)");
        for (LogAxis a : new LogAxis[] {x, y}) {
            a.setBase(10);
            a.setTickUnit(new NumberTickUnit(1));
            a.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            a.setSmallestValue(1e-4);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = String.valueOf(data.getSeriesKey(i));
            Paint p = COLORS.getOrDefault(key, Color.getHSBColor(i * 0.27f, 0.7f, 0.6f));
            renderer.setSeriesPaint(i, p);
            renderer.setSeriesStroke(
                    i,
                    BenchmarkResult.RAW_SERIES.equals(key)
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A file name for a table title: lower case, runs of other characters as one hyphen, {@code .png}. */
    static String fileName(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s + ".png";
    }
}
