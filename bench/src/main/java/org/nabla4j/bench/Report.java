package org.nabla4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH JSON results into a Markdown report ({@value #REPORT_FILE}: run details, where each backend wins, one
 * table of median times and ratios per operation) and log–log PNG charts of time against size, in one folder:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.nabla4j.bench.Report [options] results.json [more.json...] out-dir
 *
 * options: --title TEXT     document title
 *          --machine TEXT   machine description (default: CPU model from /proc/cpuinfo and the CPU count)
 *          --note TEXT      paragraph shown under the run details
 * </pre>
 *
 * <p>Runs headless ({@code java.awt.headless=true} is set before any chart is drawn). Ratios are
 * {@code ejml/nd4j} (above 1: ND4J faster) and {@code nd4j/nd4j-raw} (the ND4J wrapper's overhead).
 */
public final class Report {
    /** Name of the Markdown file written into the output folder. */
    public static final String REPORT_FILE = "report.md";

    private static final String USAGE =
            "usage: Report [--title TEXT] [--machine TEXT] [--note TEXT] " + "results.json [more.json...] out-dir";

    private Report() {}

    /**
     * Command-line entry point; see the class documentation. Exits with status 2 on bad arguments and 1 when a
     * result file cannot be read or parsed.
     *
     * @param args options, the JMH JSON files, then the output folder
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path out = run(args);
            System.out.println("wrote " + out.resolve(REPORT_FILE));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(e.getMessage().startsWith("usage") ? 2 : 1);
        } catch (IOException e) {
            System.err.println("Report: " + e);
            System.exit(1);
        }
    }

    /**
     * Does the work of {@link #main} without exiting: reads the results, writes {@value #REPORT_FILE} and the charts.
     *
     * @param args as for {@link #main}
     * @return the output folder
     * @throws IllegalArgumentException on bad arguments (message starting with {@code usage}) or unparsable results
     * @throws IOException if a file cannot be read or written
     */
    public static Path run(String... args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String title = "Nabla4j backend benchmarks";
        String machine = null;
        String note = "";
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE + " (" + a + " needs a value)");
            }
            String value = args[++i];
            switch (a) {
                case "--title":
                    title = value;
                    break;
                case "--machine":
                    machine = value;
                    break;
                case "--note":
                    note = value;
                    break;
                default:
                    throw new IllegalArgumentException(USAGE + " (unknown option " + a + ")");
            }
        }
        if (positional.size() < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        Path outDir = Path.of(positional.remove(positional.size() - 1));
        List<BenchmarkResult> results = new ArrayList<>();
        FileTime latest = null;
        for (String f : positional) {
            Path p = Path.of(f);
            try {
                results.addAll(BenchmarkResult.parseAll(Files.readString(p, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
            }
            FileTime t = Files.getLastModifiedTime(p);
            latest = latest == null || t.compareTo(latest) > 0 ? t : latest;
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no benchmark results in " + positional);
        }
        Files.createDirectories(outDir);
        Map<String, String> charts = Charts.write(Comparison.byGroupAndConfig(Comparison.rows(results)), outDir);
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(latest.toInstant().atOffset(ZoneOffset.UTC));
        MarkdownReport.RunInfo info =
                new MarkdownReport.RunInfo(title, date, machine == null ? machine() : machine, note);
        Files.writeString(
                outDir.resolve(REPORT_FILE), MarkdownReport.render(results, info, charts), StandardCharsets.UTF_8);
        return outDir;
    }

    /** The CPU model named in {@code /proc/cpuinfo} (Linux) or {@code os.arch}, and the CPU count. */
    static String machine() {
        String model = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            model = null;
        }
        if (model == null) {
            model = System.getProperty("os.arch");
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version");
    }
}
