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
 * Dense matrix product {@code C = A B} of two {@code n x n} matrices, {@code 2 n³} flops, on each backend and dtype.
 * The result is a new tensor, closed after each call so native memory stays flat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class MatmulBenchmark {
    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Element type. */
    @Param({"FLOAT64", "FLOAT32"})
    public DType dtype;

    /** Matrix order. */
    @Param({"4", "16", "64", "256", "1024", "2048"})
    public int n;

    private Tensor a;
    private Tensor b;

    /** Creates the operands (uniform in {@code [-1, 1)}, the same numbers on every backend). */
    @Setup(Level.Trial)
    public void setUp() {
        a = Fixtures.uniform(Fixtures.backend(backend), dtype, Fixtures.SEED_A, n, n);
        b = Fixtures.uniform(Fixtures.backend(backend), dtype, Fixtures.SEED_B, n, n);
    }

    /** Releases the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
    }

    /** {@code A B}. */
    @Benchmark
    public void matmul(Blackhole bh) {
        try (Tensor c = a.matmul(b)) {
            bh.consume(c);
        }
    }
}
