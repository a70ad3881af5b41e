package org.nabla4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report parsing, table generation and charts, on a hand-made JMH result file (no JMH run). */
class ReportTest {
    private static final double EXACT = 1e-12;
    private static final String FIXTURE = "/jmh-fixture.json";

    private static String fixtureText;
    private static List<BenchmarkResult> results;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream(FIXTURE)) {
            fixtureText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        results = BenchmarkResult.parseAll(fixtureText);
    }

    private static BenchmarkResult find(String benchmark, String series, String config, Long size) {
        return results.stream()
                .filter(r -> r.benchmark().endsWith(benchmark)
                        && r.series().equals(series)
                        && r.config().equals(config)
                        && java.util.Objects.equals(r.size(), size))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void parsesEveryEntryWithItsFields() {
        assertEquals(10, results.size());
        BenchmarkResult first = results.get(0);
        assertEquals("org.nabla4j.bench.MatmulBenchmark.matmul", first.benchmark());
        assertEquals("avgt", first.mode());
        assertEquals(
                List.of("backend", "dtype", "n"), List.copyOf(first.params().keySet()));
        assertEquals(0.25, first.score(), EXACT);
        assertEquals(0.2, first.median(), EXACT);
        assertTrue(Double.isNaN(first.scoreError()));
        assertEquals("us/op", first.unit());
        assertEquals(1, first.forks());
        assertEquals(1, first.warmupIterations());
        assertEquals("200 ms", first.warmupTime());
        assertEquals(2, first.measurementIterations());
        assertEquals("300 ms", first.measurementTime());
        assertEquals("1.37", first.jmhVersion());
        assertEquals("17.0.15", first.jdkVersion());
        assertEquals("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1", first.vmName());
        assertEquals(List.of("-Xmx2g"), first.jvmArgs());
        assertEquals(150.0, results.get(3).scoreError(), EXACT);
    }

    @Test
    void derivesGroupSeriesSizeAndConfigFromNames() {
        BenchmarkResult wrapped = results.get(3);
        assertEquals("Matmul.matmul", wrapped.group());
        assertEquals("nd4j", wrapped.series());
        assertEquals("n", wrapped.sizeParam());
        assertEquals(256L, wrapped.size());
        assertEquals("dtype=FLOAT64", wrapped.config());
        assertFalse(wrapped.isRaw());

        BenchmarkResult raw = results.get(4);
        assertTrue(raw.isRaw());
        assertEquals("Matmul.matmul", raw.group());
        assertEquals(BenchmarkResult.RAW_SERIES, raw.series());

        BenchmarkResult vector = results.get(8);
        assertEquals("Elementwise.add", vector.group());
        assertEquals("length", vector.sizeParam());
        assertEquals(1_000_000L, vector.size());

        BenchmarkResult plain = results.get(9);
        assertEquals("Quadrature.integrate", plain.group());
        assertEquals(BenchmarkResult.NO_BACKEND, plain.series());
        assertNull(plain.sizeParam());
        assertNull(plain.size());
        assertEquals("function=gaussian", plain.config());
    }

    @Test
    void convertsEveryUnitToNanosecondsPerOperation() {
        assertEquals(200.0, results.get(0).medianNanos(), 1e-9);
        assertEquals(2000.0, results.get(1).medianNanos(), 1e-9);
        assertEquals(8e6, results.get(2).medianNanos(), 1e-3);
        assertEquals(4e6, results.get(5).medianNanos(), 1e-3, "250 ops/s is 4 ms per op");
        assertEquals(1.5e9, BenchmarkResult.toNanosPerOp(1.5, "s/op"), 1e-3);
        assertEquals(1.0, BenchmarkResult.toNanosPerOp(1000, "ops/us"), 1e-12);
        assertEquals(5e5, BenchmarkResult.toNanosPerOp(2, "ops/ms"), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> BenchmarkResult.toNanosPerOp(1, "furlongs/op"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkResult.toNanosPerOp(1, "bytes"));
    }

    @Test
    void rowsHoldOneCellPerSeriesAndTheRatios() {
        List<Comparison.Row> rows = Comparison.rows(results);
        List<String> titles = rows.stream().map(Comparison::title).distinct().collect(Collectors.toList());
        assertEquals(
                List.of(
                        "Elementwise.add (dtype=FLOAT64)", "Matmul.matmul (dtype=FLOAT32)",
                        "Matmul.matmul (dtype=FLOAT64)", "Quadrature"),
                titles);
        List<Comparison.Row> matmul64 = Comparison.byGroupAndConfig(rows).get("Matmul.matmul (dtype=FLOAT64)");
        assertEquals(2, matmul64.size());
        assertEquals(4L, matmul64.get(0).size());
        assertEquals(256L, matmul64.get(1).size());
        assertEquals(0.1, matmul64.get(0).ratio("ejml", "nd4j"), 1e-12);
        assertTrue(Double.isNaN(matmul64.get(0).ratio("nd4j", BenchmarkResult.RAW_SERIES)));
        assertEquals(4.0, matmul64.get(1).ratio("ejml", "nd4j"), 1e-12);
        assertEquals(1.25, matmul64.get(1).ratio("nd4j", BenchmarkResult.RAW_SERIES), 1e-12);
        assertEquals(List.of("ejml", "nd4j", "nd4j-raw"), Comparison.series(matmul64));
        Comparison.Row add = Comparison.byGroupAndConfig(rows)
                .get("Elementwise.add (dtype=FLOAT64)")
                .get(0);
        assertEquals(1.5, add.ratio("ejml", "nd4j"), 1e-12);
        assertEquals(1.2, add.ratio("nd4j", BenchmarkResult.RAW_SERIES), 1e-12);
    }

    @Test
    void laterResultWinsWhenTheSameCellAppearsTwice() {
        BenchmarkResult a = find("MatmulBenchmark.matmul", "ejml", "dtype=FLOAT64", 4L);
        BenchmarkResult b = new BenchmarkResult(
                a.benchmark(),
                a.mode(),
                a.params(),
                0.4,
                Double.NaN,
                0.4,
                "us/op",
                1,
                1,
                "",
                1,
                "",
                "",
                "",
                "",
                List.of());
        List<Comparison.Row> rows = Comparison.rows(List.of(a, b));
        assertEquals(1, rows.size());
        assertEquals(400.0, rows.get(0).nanos().get("ejml"), 1e-9);
    }

    @Test
    void markdownHasTheTablesRatiosAndSummary() {
        MarkdownReport.RunInfo info =
                new MarkdownReport.RunInfo("Fixture run", "2026-01-02 03:04 UTC", "Test CPU, 2 CPUs", "Noisy.");
        String md = MarkdownReport.render(results, info, Map.of("Matmul.matmul (dtype=FLOAT64)", "m.png"));
        assertTrue(md.startsWith("# Fixture run\n"), md);
        assertContains(md, "| Results written | 2026-01-02 03:04 UTC |");
        assertContains(md, "| Machine | Test CPU, 2 CPUs |");
        assertContains(md, "| JVM | JDK 17.0.15, OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 |");
        assertContains(md, "mode avgt, 1 fork(s), warm-up 1 x 200 ms, measurement 2 x 300 ms (8 results)");
        assertContains(md, "mode thrpt, 1 fork(s), warm-up 1 x 200 ms, measurement 2 x 300 ms (1 result)");
        assertContains(md, "\nNoisy.\n");

        assertContains(
                md,
                "### Matmul.matmul (dtype=FLOAT64)\n\n![Matmul.matmul (dtype=FLOAT64)](m.png)\n\n"
                        + "| n | ejml | nd4j | nd4j-raw | ejml/nd4j | nd4j/nd4j-raw |\n"
                        + "|---:|---:|---:|---:|---:|---:|\n"
                        + "| 4 | 200 ns | 2.00 \u00b5s | - | 0.100 | - |\n"
                        + "| 256 | 8.00 ms | 2.00 ms | 1.60 ms | 4.00 | 1.25 |\n");
        assertContains(md, "### Matmul.matmul (dtype=FLOAT32)\n\n| n | ejml |\n|---:|---:|\n| 1024 | 4.00 ms |\n");
        assertContains(
                md,
                "| length | ejml | nd4j | nd4j-raw | ejml/nd4j | nd4j/nd4j-raw |\n|---:|---:|---:|---:|---:|---:|\n"
                        + "| 1000000 | 900 \u00b5s | 600 \u00b5s | 500 \u00b5s | 1.50 | 1.20 |\n");
        assertContains(
                md,
                "### Quadrature\n\n| benchmark | time |\n|---|---:|\n| integrate (function=gaussian) | 12.5 \u00b5s |\n");

        assertContains(md, "| Matmul.matmul (dtype=FLOAT64) | 4 (10.0x) | 256 (4.00x) | 256: 1.25 |\n");
        assertContains(md, "| Elementwise.add (dtype=FLOAT64) | - | 1000000 (1.50x) | 1000000: 1.20 |\n");
        assertFalse(md.contains("| Quadrature | -"), "no comparison, no summary line");
    }

    @Test
    void formatsTimesWithThreeSignificantDigits() {
        assertEquals("12.0 ns", MarkdownReport.time(12));
        assertEquals("1.23 \u00b5s", MarkdownReport.time(1234));
        assertEquals("123 ms", MarkdownReport.time(123.4e6));
        assertEquals("2.50 s", MarkdownReport.time(2.5e9));
        assertEquals("-", MarkdownReport.time(Double.NaN));
    }

    @Test
    void formatsRatiosWithThreeSignificantDigits() {
        assertEquals("0.000206", MarkdownReport.ratio(2.0576e-4));
        assertEquals("0.100", MarkdownReport.ratio(0.1));
        assertEquals("1.25", MarkdownReport.ratio(1.25));
        assertEquals("4870", MarkdownReport.ratio(4865.76));
        assertEquals("4.00", MarkdownReport.ratio(4.0));
        assertEquals("10.0", MarkdownReport.ratio(10.0));
        assertEquals("-", MarkdownReport.ratio(Double.NaN));
    }

    @Test
    void commandWritesTheReportAndOneChartPerMultiSizeTable(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("results.json");
        Files.writeString(json, fixtureText, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Report.run("--machine", "Test CPU", json.toString(), out.toString());

        String md = Files.readString(out.resolve(Report.REPORT_FILE), StandardCharsets.UTF_8);
        assertContains(md, "| Machine | Test CPU |");
        assertContains(md, "![Matmul.matmul (dtype=FLOAT64)](matmul-matmul-dtype-float64.png)");
        List<String> pngs;
        try (Stream<Path> files = Files.list(out)) {
            pngs = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".png"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(List.of("matmul-matmul-dtype-float64.png"), pngs, "single-size tables get no chart");
        Path png = out.resolve(pngs.get(0));
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(png)) {
            assertEquals(4, in.read(head));
        }
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void commandRejectsBadArgumentsAndBadFiles(@TempDir Path dir) throws IOException {
        IllegalArgumentException usage = assertThrows(IllegalArgumentException.class, () -> Report.run(dir.toString()));
        assertTrue(usage.getMessage().startsWith("usage"), usage.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Report.run("--colour", "x", "a.json", "out"));

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"benchmark\": \"x.Y.z\", \"mode\": \"avgt\"}]", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Report.run(bad.toString(), dir.resolve("o").toString()));
        assertContains(e.getMessage(), "bad.json");
        assertContains(e.getMessage(), "x.Y.z");
        assertContains(e.getMessage(), "primaryMetric");
    }

    @Test
    void chartFileNamesAreSafe() {
        assertEquals("matmul-matmul-dtype-float64.png", Charts.fileName("Matmul.matmul (dtype=FLOAT64)"));
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected to find:\n" + part + "\nin:\n" + text);
    }
}
