package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reductions of an {@code n x n} FLOAT64 matrix: the sum of all elements, column sums (axis 0), and the row-wise
 * log-sum-exp (axis 1, the normaliser of a softmax over classes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ReductionBenchmark {
    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Matrix order. */
    @Param({"4", "16", "64", "256", "1024", "2048"})
    public int n;

    private Tensor x;

    /** Creates the operand (uniform in {@code [-1, 1)}, the same numbers on every backend). */
    @Setup(Level.Trial)
    public void setUp() {
        x = Fixtures.uniform(Fixtures.backend(backend), DType.FLOAT64, Fixtures.SEED_A, n, n);
    }

    /** Releases the operand. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }

    /** Sum of all elements. */
    @Benchmark
    public void sum(Blackhole bh) {
        try (Tensor s = x.sum()) {
            bh.consume(s);
        }
    }

    /** Column sums: {@code [n, n] -> [n]}. */
    @Benchmark
    public void sumAxis0(Blackhole bh) {
        try (Tensor s = x.sum(0)) {
            bh.consume(s);
        }
    }

    /** Row-wise {@code log Σ_j exp(x_ij)}: {@code [n, n] -> [n]}. */
    @Benchmark
    public void logSumExpAxis1(Blackhole bh) {
        try (Tensor s = x.logSumExp(1)) {
            bh.consume(s);
        }
    }
}
