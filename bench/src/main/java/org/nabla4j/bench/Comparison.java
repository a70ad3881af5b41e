package org.nabla4j.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark results arranged for comparison: one {@link Row} per operation, configuration and size, holding the
 * median time of every series (backend) measured there.
 */
final class Comparison {
    /** Series in the order they are shown; others follow alphabetically. */
    static final List<String> SERIES_ORDER = List.of("ejml", "nd4j", BenchmarkResult.RAW_SERIES);

    private Comparison() {}

    /**
     * One line of the comparison.
     *
     * @param group the operation, e.g. {@code Matmul.matmul}
     * @param config the other parameters, e.g. {@code dtype=FLOAT64}; empty when there are none
     * @param sizeParam name of the size parameter, or null
     * @param size the size, or null
     * @param nanos median nanoseconds per operation by series
     */
    record Row(String group, String config, String sizeParam, Long size, Map<String, Double> nanos) {
        Row {
            nanos = Map.copyOf(nanos);
        }

        /** The part of {@link #group} before the dot: the benchmark class without its suffix. */
        String stem() {
            int dot = group.indexOf('.');
            return dot < 0 ? group : group.substring(0, dot);
        }

        /**
         * The row's name within its table: the size for a sized row; the method and configuration otherwise, e.g.
         * {@code integrate (integrand=gaussian)}.
         */
        String label() {
            if (size != null) {
                return String.valueOf(size);
            }
            String method = group.substring(group.indexOf('.') + 1);
            return config.isEmpty() ? method : method + " (" + config + ")";
        }

        /** {@code nanos(numerator) / nanos(denominator)}, or NaN when either is missing. */
        double ratio(String numerator, String denominator) {
            Double a = nanos.get(numerator);
            Double b = nanos.get(denominator);
            return a == null || b == null ? Double.NaN : a / b;
        }
    }

    /**
     * Groups results into rows sorted by operation, configuration and size. When the same row and series occur
     * twice (two result files), the later result wins.
     */
    static List<Row> rows(List<BenchmarkResult> results) {
        Map<List<Object>, Map<String, Double>> cells = new LinkedHashMap<>();
        Map<List<Object>, String> sizeParams = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            List<Object> key = keyOf(r);
            cells.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.series(), r.medianNanos());
            sizeParams.put(key, r.size() == null ? null : r.sizeParam());
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((k, v) ->
                rows.add(new Row((String) k.get(0), (String) k.get(1), sizeParams.get(k), (Long) k.get(2), v)));
        rows.sort(Comparator.comparing(Row::group)
                .thenComparing(Row::config)
                .thenComparing(Row::size, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    private static List<Object> keyOf(BenchmarkResult r) {
        List<Object> key = new ArrayList<>(3);
        key.add(r.group());
        key.add(r.config());
        key.add(r.size());
        return key;
    }

    /** The series present in {@code rows}, in display order. */
    static List<String> series(List<Row> rows) {
        Set<String> seen = new LinkedHashSet<>();
        for (Row r : rows) {
            seen.addAll(r.nanos().keySet());
        }
        List<String> out = new ArrayList<>();
        for (String s : SERIES_ORDER) {
            if (seen.contains(s)) {
                out.add(s);
            }
        }
        seen.stream().filter(s -> !SERIES_ORDER.contains(s)).sorted().forEach(out::add);
        return out;
    }

    /**
     * The rows split into tables, in order: one per operation and configuration for sized rows (one chart each),
     * one per benchmark class for rows without a size.
     */
    static Map<String, List<Row>> byGroupAndConfig(List<Row> rows) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(title(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /**
     * Title of a row's table: {@code Matmul.matmul (dtype=FLOAT64)} for a sized row, the class stem
     * ({@code Quadrature}) for a row without a size.
     */
    static String title(Row r) {
        if (r.size() == null) {
            return r.stem();
        }
        return r.config().isEmpty() ? r.group() : r.group() + " (" + r.config() + ")";
    }
}
