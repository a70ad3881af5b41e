/**
 * JMH benchmarks that compare the Nabla4j backends side by side, and the {@link org.nabla4j.bench.Report} command
 * that turns JMH's JSON output into a Markdown table of times and ratios plus log–log charts.
 *
 * <p>Every benchmark class that runs on a backend has a {@code backend} parameter ({@code "ejml"}, {@code "nd4j"}),
 * so one JMH run measures both and the report can divide one by the other. Size parameters are named {@code n}
 * (order of a square matrix) or {@code length} (number of elements of a vector). The {@code RawNd4j*} classes call
 * ND4J directly, without the Nabla4j wrapper, with the same parameters as the class whose name follows the prefix
 * ({@code RawNd4jMatmulBenchmark} mirrors {@code MatmulBenchmark}); the report uses them to compute the wrapper's
 * overhead.
 */
package org.nabla4j.bench;
