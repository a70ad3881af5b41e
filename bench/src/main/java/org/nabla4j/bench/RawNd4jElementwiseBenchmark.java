package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.DType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
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
 * Baseline for {@link ElementwiseBenchmark}: the same three kernels called directly on ND4J, same numbers and
 * dtype, each result a new array closed after use, as in the wrapped version. Measured only for long vectors, where
 * the ratio to the wrapped version is the wrapper's overhead rather than call latency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class RawNd4jElementwiseBenchmark {
    /** Element type. */
    @Param({"FLOAT64", "FLOAT32"})
    public DType dtype;

    /** Number of elements. */
    @Param({"100000", "1000000"})
    public int length;

    private INDArray x;
    private INDArray y;

    /** Creates the operands (the numbers of {@link ElementwiseBenchmark}). */
    @Setup(Level.Trial)
    public void setUp() {
        x = RawNd4j.uniform(dtype, Fixtures.SEED_A, length);
        y = RawNd4j.uniform(dtype, Fixtures.SEED_B, length);
    }

    /** Releases the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        y.close();
    }

    /** {@code x + y}. */
    @Benchmark
    public void add(Blackhole bh) {
        try (INDArray z = x.add(y)) {
            bh.consume(z);
        }
    }

    /** {@code exp(x)} into a new array. */
    @Benchmark
    public void exp(Blackhole bh) {
        try (INDArray z = Transforms.exp(x, true)) {
            bh.consume(z);
        }
    }

    /** {@code tanh(x y + 1) x}, every step into a new array, as the wrapped chain does. */
    @Benchmark
    public void chain(Blackhole bh) {
        try (INDArray t1 = x.mul(y);
                INDArray t2 = t1.add(1.0);
                INDArray t3 = Transforms.tanh(t2, true);
                INDArray z = t3.mul(x)) {
            bh.consume(z);
        }
    }
}
