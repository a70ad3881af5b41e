package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
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
 * Dense linear algebra on a well-conditioned symmetric positive-definite {@code n x n} FLOAT64 matrix: the general
 * solver {@code A x = b} (each backend's LU path, about {@code 2n³/3} flops) and the Cholesky factor {@code L}
 * (about {@code n³/3} flops). Both include the argument checks of {@link Linalg} (finiteness,
 * symmetry), which every user call pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class SolveBenchmark {
    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Matrix order. */
    @Param({"4", "16", "64", "256", "1024", "2048"})
    public int n;

    private Linalg linalg;
    private Tensor a;
    private Tensor b;

    /** Creates {@code A} (see {@link Fixtures#spd}) and {@code b} (uniform in {@code [-1, 1)}). */
    @Setup(Level.Trial)
    public void setUp() {
        linalg = Fixtures.backend(backend).linalg();
        a = Fixtures.spd(Fixtures.backend(backend), DType.FLOAT64, n);
        b = Fixtures.uniform(Fixtures.backend(backend), DType.FLOAT64, Fixtures.SEED_B, n);
    }

    /** Releases the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
    }

    /** {@code x = A⁻¹ b} by the general solver. */
    @Benchmark
    public void solve(Blackhole bh) {
        try (Tensor x = linalg.solve(a, b)) {
            bh.consume(x);
        }
    }

    /** Lower-triangular {@code L} with {@code A = L Lᵀ}. */
    @Benchmark
    public void cholesky(Blackhole bh) {
        try (Tensor l = linalg.cholesky(a)) {
            bh.consume(l);
        }
    }
}
