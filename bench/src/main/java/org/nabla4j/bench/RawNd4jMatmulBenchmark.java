package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.DType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
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
 * Baseline for {@link MatmulBenchmark}: the same product called directly on ND4J, same numbers and dtype, no Nabla4j
 * wrapper. It runs the native op the backend runs ({@code Mmul} into a new row-major array), so
 * {@code MatmulBenchmark(nd4j) / RawNd4jMatmulBenchmark} is the wrapper's overhead alone; the convenience call
 * {@code INDArray.mmul} goes through a slower path (about 1.5 times slower in our runs) and would hide it. Measured
 * only where the product is large enough for the ratio to mean something.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class RawNd4jMatmulBenchmark {
    /** Element type. */
    @Param({"FLOAT64", "FLOAT32"})
    public DType dtype;

    /** Matrix order. */
    @Param({"256", "1024", "2048"})
    public int n;

    private INDArray a;
    private INDArray b;

    /** Creates the operands (the numbers of {@link MatmulBenchmark}). */
    @Setup(Level.Trial)
    public void setUp() {
        a = RawNd4j.uniform(dtype, Fixtures.SEED_A, n, n);
        b = RawNd4j.uniform(dtype, Fixtures.SEED_B, n, n);
    }

    /** Releases the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
    }

    /** {@code A B} by ND4J's {@code Mmul} op into a new row-major array. */
    @Benchmark
    public void matmul(Blackhole bh) {
        try (INDArray c = Nd4j.createUninitialized(a.dataType(), new long[] {n, n}, 'c')) {
            Nd4j.exec(new Mmul(a, b, c, MMulTranspose.allFalse()));
            bh.consume(c);
        }
    }
}
