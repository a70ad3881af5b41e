package org.nabla4j.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Renders benchmark results as Markdown: run details, a summary of who wins where, and one table per operation. */
final class MarkdownReport {
    private static final String MISSING = "-";

    private MarkdownReport() {}

    /**
     * What the results do not say themselves.
     *
     * @param title the document title
     * @param resultsDate when the result files were written
     * @param machine the CPU model and number of CPUs
     * @param note free text shown under the run details (may be empty)
     */
    record RunInfo(String title, String resultsDate, String machine, String note) {}

    /**
     * The Markdown document.
     *
     * @param results the parsed JMH results
     * @param info run details not in the results
     * @param charts chart file name (relative to the document) by table title; tables without a chart are absent
     */
    static String render(List<BenchmarkResult> results, RunInfo info, Map<String, String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(info.title()).append("\n\n");
        runDetails(md, results, info);
        List<Comparison.Row> rows = Comparison.rows(results);
        Map<String, List<Comparison.Row>> tables = Comparison.byGroupAndConfig(rows);
        md.append("## How to read this\n\n");
        md.append("Each time is the median over JMH's measurement iterations of the average time of one operation "
                + "(one call of the benchmark method). `ejml/nd4j` above 1 means ND4J was faster by that factor, "
                + "below 1 that EJML was. `nd4j/nd4j-raw` is the Nabla4j ND4J backend's time over the same "
                + "operation called directly on ND4J (`RawNd4j*` benchmarks): the wrapper's overhead, 1.00 being "
                + "none. Sizes: `n` is the order of a square matrix, `length` the number of elements of a vector. "
                + "`TapeScalar` times are per operation of its 1000-operation chain.\n\n");
        summary(md, tables);
        md.append("## Results by operation\n\n");
        for (Map.Entry<String, List<Comparison.Row>> t : tables.entrySet()) {
            table(md, t.getKey(), t.getValue(), charts.get(t.getKey()));
        }
        return md.toString();
    }

    private static void runDetails(StringBuilder md, List<BenchmarkResult> results, RunInfo info) {
        Set<String> jvms = new LinkedHashSet<>();
        Set<String> jmh = new LinkedHashSet<>();
        Map<String, Integer> settings = new LinkedHashMap<>();
        Set<String> jvmArgs = new LinkedHashSet<>();
        for (BenchmarkResult r : results) {
            jvms.add("JDK " + r.jdkVersion() + ", " + r.vmName());
            jmh.add(r.jmhVersion());
            String s = "mode " + r.mode() + ", " + r.forks() + " fork(s), warm-up " + r.warmupIterations() + " x "
                    + r.warmupTime() + ", measurement " + r.measurementIterations() + " x " + r.measurementTime();
            settings.merge(s, 1, Integer::sum);
            jvmArgs.add(String.join(" ", r.jvmArgs()));
        }
        md.append("| | |\n|---|---|\n");
        md.append("| Results written | ").append(cell(info.resultsDate())).append(" |\n");
        md.append("| Machine | ").append(cell(info.machine())).append(" |\n");
        md.append("| JVM | ").append(cell(String.join("; ", jvms))).append(" |\n");
        md.append("| JMH | ").append(cell(String.join(", ", jmh))).append(" |\n");
        StringJoiner sj = new StringJoiner("<br>");
        settings.forEach((s, count) -> sj.add(s + " (" + count + " result" + (count == 1 ? "" : "s") + ")"));
        md.append("| JMH settings | ").append(cell(sj.toString())).append(" |\n");
        md.append("| Fork JVM arguments | ")
                .append(cell(String.join("; ", jvmArgs)))
                .append(" |\n");
        md.append("| Results | ").append(results.size()).append(" |\n\n");
        if (!info.note().isEmpty()) {
            md.append(info.note()).append("\n\n");
        }
    }

    private static void summary(StringBuilder md, Map<String, List<Comparison.Row>> tables) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Comparison.Row>> t : tables.entrySet()) {
            List<String> ejmlWins = new ArrayList<>();
            List<String> nd4jWins = new ArrayList<>();
            List<String> overhead = new ArrayList<>();
            for (Comparison.Row r : t.getValue()) {
                String at = r.label();
                double ratio = r.ratio("ejml", "nd4j");
                if (ratio > 1) {
                    nd4jWins.add(at + " (" + ratio(ratio) + "x)");
                } else if (ratio <= 1) {
                    ejmlWins.add(at + " (" + ratio(1 / ratio) + "x)");
                }
                double raw = r.ratio("nd4j", BenchmarkResult.RAW_SERIES);
                if (!Double.isNaN(raw)) {
                    overhead.add(at + ": " + ratio(raw));
                }
            }
            if (ejmlWins.isEmpty() && nd4jWins.isEmpty() && overhead.isEmpty()) {
                continue;
            }
            lines.add("| " + cell(t.getKey()) + " | " + list(ejmlWins) + " | " + list(nd4jWins) + " | " + list(overhead)
                    + " |");
        }
        if (lines.isEmpty()) {
            return;
        }
        md.append("## Summary: where each backend wins\n\n");
        md.append("Sizes at which each backend was faster, with the speed-up; and the ND4J wrapper's overhead "
                + "(`nd4j/nd4j-raw`) where a raw baseline was measured.\n\n");
        md.append("| Benchmark | EJML faster at | ND4J faster at | nd4j/nd4j-raw |\n|---|---|---|---|\n");
        for (String l : lines) {
            md.append(l).append('\n');
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, String title, List<Comparison.Row> rows, String chart) {
        md.append("### ").append(title).append("\n\n");
        if (chart != null) {
            md.append("![").append(title).append("](").append(chart).append(")\n\n");
        }
        List<String> series = Comparison.series(rows);
        List<String[]> ratios = new ArrayList<>();
        if (series.contains("ejml") && series.contains("nd4j")) {
            ratios.add(new String[] {"ejml", "nd4j"});
        }
        if (series.contains("nd4j") && series.contains(BenchmarkResult.RAW_SERIES)) {
            ratios.add(new String[] {"nd4j", BenchmarkResult.RAW_SERIES});
        }
        String sizeParam = rows.stream()
                .map(Comparison.Row::sizeParam)
                .filter(s -> s != null)
                .findFirst()
                .orElse(null);
        StringBuilder head = new StringBuilder("| ")
                .append(sizeParam == null ? "benchmark" : sizeParam)
                .append(" |");
        StringBuilder rule = new StringBuilder(sizeParam == null ? "|---|" : "|---:|");
        for (String s : series) {
            head.append(' ')
                    .append(BenchmarkResult.NO_BACKEND.equals(s) ? "time" : s)
                    .append(" |");
            rule.append("---:|");
        }
        for (String[] r : ratios) {
            head.append(' ').append(r[0]).append('/').append(r[1]).append(" |");
            rule.append("---:|");
        }
        md.append(head).append('\n').append(rule).append('\n');
        for (Comparison.Row row : rows) {
            md.append("| ").append(cell(row.label())).append(" |");
            for (String s : series) {
                Double ns = row.nanos().get(s);
                md.append(' ').append(ns == null ? MISSING : time(ns)).append(" |");
            }
            for (String[] r : ratios) {
                double v = row.ratio(r[0], r[1]);
                md.append(' ').append(Double.isNaN(v) ? MISSING : ratio(v)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** A time in nanoseconds with three significant digits and a readable unit: {@code 12.3 µs}. */
    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return MISSING;
        }
        double v;
        String unit;
        if (nanos < 1e3) {
            v = nanos;
            unit = "ns";
        } else if (nanos < 1e6) {
            v = nanos / 1e3;
            unit = "\u00b5s";
        } else if (nanos < 1e9) {
            v = nanos / 1e6;
            unit = "ms";
        } else {
            v = nanos / 1e9;
            unit = "s";
        }
        String digits;
        if (v >= 100) {
            digits = String.format(Locale.ROOT, "%.0f", v);
        } else if (v >= 10) {
            digits = String.format(Locale.ROOT, "%.1f", v);
        } else {
            digits = String.format(Locale.ROOT, "%.2f", v);
        }
        return digits + " " + unit;
    }

    /** A ratio with three significant digits and no exponent: {@code 0.0206}, {@code 1.25}, {@code 4870}. */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return MISSING;
        }
        if (r == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(r).round(new MathContext(3, RoundingMode.HALF_EVEN));
        if (d.precision() < 3 && d.scale() >= 0) {
            d = d.setScale(d.scale() + 3 - d.precision(), RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? MISSING : cell(String.join(", ", items));
    }

    private static String cell(String s) {
        return s == null || s.isEmpty() ? MISSING : s.replace("|", "\\|").replace("\n", " ");
    }
}
