package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
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
 * The tape on large tensors, where kernels dominate: {@code L = Σ tanh(x w + b)²} over vectors of {@code length}
 * FLOAT64 elements (five kernels forward). Compares the plain tensor ops with the same ops recorded on a tape, and
 * with recording plus the backward pass for {@code ∂L/∂w} and {@code ∂L/∂b}; the recording overhead is
 * {@code tapeForward / rawTensors}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class TapeGraphBenchmark {
    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Number of elements. */
    @Param({"1000", "100000", "1000000"})
    public int length;

    private Tensor x;
    private Tensor w;
    private Tensor b;

    /** Creates the operands (uniform in {@code [-1, 1)}, the same numbers on every backend). */
    @Setup(Level.Trial)
    public void setUp() {
        x = Fixtures.uniform(Fixtures.backend(backend), DType.FLOAT64, Fixtures.SEED_A, length);
        w = Fixtures.uniform(Fixtures.backend(backend), DType.FLOAT64, Fixtures.SEED_B, length);
        b = Fixtures.uniform(Fixtures.backend(backend), DType.FLOAT64, Fixtures.SEED_A + 1, length);
    }

    /** Releases the operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        w.close();
        b.close();
    }

    /** {@code Σ tanh(x w + b)²} on tensors, no tape. */
    @Benchmark
    @SuppressWarnings("try") // the scope is used only for its close()
    public double rawTensors() {
        try (TensorScope scope = TensorScope.open()) {
            return x.mul(w).add(b).tanh().square().sum().item();
        }
    }

    /** The same forward pass recorded on a tape. */
    @Benchmark
    public double tapeForward() {
        try (GradientTape tape = new GradientTape()) {
            return loss(tape.constant(x), tape.watch(w), tape.watch(b)).item();
        }
    }

    /** Recording plus the backward pass for both gradients. */
    @Benchmark
    public void tapeForwardBackward(Blackhole bh) {
        try (GradientTape tape = new GradientTape()) {
            Var wv = tape.watch(w);
            Var bv = tape.watch(b);
            Tensor[] g = tape.gradient(loss(tape.constant(x), wv, bv), wv, bv);
            bh.consume(g);
            g[0].close();
            g[1].close();
        }
    }

    private static Var loss(Var x, Var w, Var b) {
        return x.mul(w).add(b).tanh().square().sum();
    }
}
