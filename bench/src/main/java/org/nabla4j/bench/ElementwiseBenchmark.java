package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
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
 * Element-wise kernels on vectors of {@code length} elements: a binary op ({@code x + y}), a transcendental
 * ({@code exp(x)}) and a chain of four ops with three temporaries ({@code tanh(x y + 1) x}), the shape of an
 * activation with its gate. Each call allocates its results, as user code does, and closes them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ElementwiseBenchmark {
    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Element type. */
    @Param({"FLOAT64", "FLOAT32"})
    public DType dtype;

    /** Number of elements. */
    @Param({"10", "1000", "100000", "1000000"})
    public int length;

    private Tensor x;
    private Tensor y;

    /** Creates the operands (uniform in {@code [-1, 1)}, the same numbers on every backend). */
    @Setup(Level.Trial)
    public void setUp() {
        x = Fixtures.uniform(Fixtures.backend(backend), dtype, Fixtures.SEED_A, length);
        y = Fixtures.uniform(Fixtures.backend(backend), dtype, Fixtures.SEED_B, length);
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
        try (Tensor z = x.add(y)) {
            bh.consume(z);
        }
    }

    /** {@code exp(x)}. */
    @Benchmark
    public void exp(Blackhole bh) {
        try (Tensor z = x.exp()) {
            bh.consume(z);
        }
    }

    /** {@code tanh(x y + 1) x}: four kernels, three temporaries closed by a scope. */
    @Benchmark
    @SuppressWarnings("try") // the scope is used only for its close()
    public void chain(Blackhole bh) {
        try (TensorScope scope = TensorScope.open()) {
            bh.consume(x.mul(y).add(1.0).tanh().mul(x));
        }
    }
}
