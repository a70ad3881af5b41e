package org.nabla4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON result file: one benchmark method at one combination of parameters.
 *
 * <p>Naming conventions that the report relies on (see the package documentation): the {@code backend} parameter is
 * the series a result belongs to; a class named {@code RawNd4j<X>} is the raw ND4J baseline of class {@code <X>} and
 * forms the series {@value #RAW_SERIES}; the size is the parameter named in {@link #SIZE_PARAMS}; every other
 * parameter is part of the configuration ({@code dtype=FLOAT64}).
 *
 * @param benchmark fully qualified method name, e.g. {@code org.nabla4j.bench.MatmulBenchmark.matmul}
 * @param mode JMH mode: {@code avgt}, {@code sample}, {@code ss} or {@code thrpt}
 * @param params parameter values by name, in JMH's order
 * @param score JMH's primary score (the mean of the iterations) in {@code unit}
 * @param scoreError half-width of JMH's 99.9% confidence interval in {@code unit}; NaN when JMH gives none
 * @param median the 50th percentile of the measured iterations in {@code unit}
 * @param unit JMH's score unit, e.g. {@code us/op} or {@code ops/s}
 * @param forks number of forks
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTime warm-up iteration time as JMH prints it, e.g. {@code 200 ms}
 * @param measurementIterations measurement iterations per fork
 * @param measurementTime measurement iteration time as JMH prints it
 * @param jmhVersion JMH version
 * @param jdkVersion JDK version of the benchmark JVM
 * @param vmName VM name and version of the benchmark JVM
 * @param jvmArgs JVM arguments of the forks
 */
record BenchmarkResult(
        String benchmark,
        String mode,
        Map<String, String> params,
        double score,
        double scoreError,
        double median,
        String unit,
        int forks,
        int warmupIterations,
        String warmupTime,
        int measurementIterations,
        String measurementTime,
        String jmhVersion,
        String jdkVersion,
        String vmName,
        List<String> jvmArgs) {

    /** Parameters that hold the problem size, in order of preference. */
    static final List<String> SIZE_PARAMS = List.of("n", "length");

    /** Class-name prefix of raw ND4J baselines. */
    static final String RAW_PREFIX = "RawNd4j";

    /** Series name of raw ND4J baselines. */
    static final String RAW_SERIES = "nd4j-raw";

    /** Series name of benchmarks without a {@code backend} parameter. */
    static final String NO_BACKEND = "-";

    BenchmarkResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * Reads every entry of a JMH JSON result file ({@code -rf json}).
     *
     * @throws IllegalArgumentException if the text is not JSON, not an array, or an entry lacks a field the report
     *     needs; the message names the entry and the field
     */
    static List<BenchmarkResult> parseAll(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException("JMH result file: expected a JSON array of results at the top level");
        }
        List<BenchmarkResult> out = new ArrayList<>();
        int index = 0;
        for (Object e : entries) {
            out.add(fromEntry(e, index++));
        }
        return out;
    }

    private static BenchmarkResult fromEntry(Object entry, int index) {
        if (!(entry instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("JMH result " + index + ": expected a JSON object");
        }
        String where = "JMH result " + index;
        String benchmark = str(m, "benchmark", where);
        where = where + " (" + benchmark + ")";
        Map<String, String> params = new LinkedHashMap<>();
        Object p = m.get("params");
        if (p instanceof Map<?, ?> pm) {
            for (Map.Entry<?, ?> pe : pm.entrySet()) {
                params.put(String.valueOf(pe.getKey()), String.valueOf(pe.getValue()));
            }
        } else if (p != null) {
            throw new IllegalArgumentException(where + ": 'params' must be an object");
        }
        if (!(m.get("primaryMetric") instanceof Map<?, ?> metric)) {
            throw new IllegalArgumentException(where + ": missing object 'primaryMetric'");
        }
        double score = num(metric, "score", where + ".primaryMetric");
        double error = metric.containsKey("scoreError") ? num(metric, "scoreError", where) : Double.NaN;
        double median = score;
        if (metric.get("scorePercentiles") instanceof Map<?, ?> pct && pct.containsKey("50.0")) {
            median = num(pct, "50.0", where + ".primaryMetric.scorePercentiles");
        }
        List<String> jvmArgs = new ArrayList<>();
        if (m.get("jvmArgs") instanceof List<?> args) {
            for (Object a : args) {
                jvmArgs.add(String.valueOf(a));
            }
        }
        String vm = (optStr(m, "vmName") + " " + optStr(m, "vmVersion")).trim();
        return new BenchmarkResult(
                benchmark,
                str(m, "mode", where),
                params,
                score,
                error,
                median,
                str(metric, "scoreUnit", where + ".primaryMetric"),
                (int) optNum(m, "forks"),
                (int) optNum(m, "warmupIterations"),
                optStr(m, "warmupTime"),
                (int) optNum(m, "measurementIterations"),
                optStr(m, "measurementTime"),
                optStr(m, "jmhVersion"),
                optStr(m, "jdkVersion"),
                vm,
                jvmArgs);
    }

    private static String str(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + ": missing string field '" + key + "'");
        }
        return s;
    }

    private static String optStr(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** JMH writes NaN and infinities as strings. */
    private static double num(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(where + ": missing numeric field '" + key + "'");
    }

    private static double optNum(Map<?, ?> m, String key) {
        return m.get(key) instanceof Double d ? d : 0;
    }

    /** Simple name of the benchmark class, e.g. {@code MatmulBenchmark}. */
    String simpleClassName() {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** Name of the benchmark method, e.g. {@code matmul}. */
    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** True for a raw ND4J baseline. */
    boolean isRaw() {
        return simpleClassName().startsWith(RAW_PREFIX) && simpleClassName().length() > RAW_PREFIX.length();
    }

    /** The series this result is drawn in: its backend, {@value #RAW_SERIES}, or {@value #NO_BACKEND}. */
    String series() {
        if (isRaw()) {
            return RAW_SERIES;
        }
        return params.getOrDefault("backend", NO_BACKEND);
    }

    /**
     * The operation compared across series, e.g. {@code Matmul.matmul}: the class name without the raw prefix and
     * the {@code Benchmark} suffix, a dot, and the method.
     */
    String group() {
        String cls = simpleClassName();
        if (isRaw()) {
            cls = cls.substring(RAW_PREFIX.length());
        }
        if (cls.endsWith("Benchmark") && cls.length() > "Benchmark".length()) {
            cls = cls.substring(0, cls.length() - "Benchmark".length());
        }
        return cls + "." + method();
    }

    /** Name of the size parameter, or null when the benchmark has none. */
    String sizeParam() {
        for (String s : SIZE_PARAMS) {
            if (params.containsKey(s)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The problem size, or null when there is no size parameter or its value is not an integer.
     */
    Long size() {
        String p = sizeParam();
        if (p == null) {
            return null;
        }
        try {
            return Long.parseLong(params.get(p).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The parameters other than backend and size, sorted by name: {@code dtype=FLOAT64, fn=gauss}; may be empty. */
    String config() {
        Map<String, String> rest = new TreeMap<>(params);
        rest.remove("backend");
        String sp = sizeParam();
        if (sp != null && size() != null) {
            rest.remove(sp);
        }
        StringJoiner j = new StringJoiner(", ");
        rest.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** The median time of one operation in nanoseconds (throughput scores are inverted). */
    double medianNanos() {
        return toNanosPerOp(median, unit);
    }

    /**
     * Converts a JMH score to nanoseconds per operation.
     *
     * @throws IllegalArgumentException for a unit that is neither time per op nor ops per time
     */
    static double toNanosPerOp(double value, String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return value * nanosPer(u.substring(0, u.length() - 3), unit);
        }
        if (u.startsWith("ops/")) {
            return nanosPer(u.substring(4), unit) / value;
        }
        throw new IllegalArgumentException("unsupported JMH score unit '" + unit + "'");
    }

    private static double nanosPer(String timeUnit, String unit) {
        switch (timeUnit) {
            case "ns":
                return 1;
            case "us":
            case "\u00b5s":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "min":
                return 60e9;
            case "hr":
                return 3600e9;
            default:
                throw new IllegalArgumentException("unsupported JMH score unit '" + unit + "'");
        }
    }
}
