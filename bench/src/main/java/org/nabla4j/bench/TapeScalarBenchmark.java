package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-operation cost of the gradient tape: a chain of {@value #OPS} operations on rank-0 tensors (cycling through
 * {@code y x}, {@code y + 0.5}, {@code tanh y}, {@code 0.9 y}), where the tensor work is negligible and only the
 * bookkeeping is left. Scores are nanoseconds per operation ({@code @OperationsPerInvocation}): recording plus the
 * backward sweep, recording alone, and the same chain on plain tensors without a tape.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class TapeScalarBenchmark {
    /** Length of the chain. */
    public static final int OPS = 1000;

    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    private Tensor x;

    /** Creates the input {@code x = 0.5}. */
    @Setup(Level.Trial)
    public void setUp() {
        x = Fixtures.backend(backend).scalar(0.5);
    }

    /** Releases the input. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }

    private static Var chain(Var x) {
        Var y = x;
        for (int i = 0; i < OPS; i++) {
            switch (i & 3) {
                case 0:
                    y = y.mul(x);
                    break;
                case 1:
                    y = y.add(0.5);
                    break;
                case 2:
                    y = y.tanh();
                    break;
                default:
                    y = y.mul(0.9);
                    break;
            }
        }
        return y;
    }

    /** Records the chain and runs the backward pass for {@code dy/dx}. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void tapeForwardBackward(Blackhole bh) {
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            try (Tensor g = tape.gradient(chain(xv), xv)) {
                bh.consume(g);
            }
        }
    }

    /** Records the chain without differentiating it. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void tapeForward(Blackhole bh) {
        try (GradientTape tape = new GradientTape()) {
            bh.consume(chain(tape.watch(x)).value());
        }
    }

    /** The same chain on tensors, no tape; temporaries closed by a scope. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @SuppressWarnings("try") // the scope is used only for its close()
    public void rawTensors(Blackhole bh) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor y = x;
            for (int i = 0; i < OPS; i++) {
                switch (i & 3) {
                    case 0:
                        y = y.mul(x);
                        break;
                    case 1:
                        y = y.add(0.5);
                        break;
                    case 2:
                        y = y.tanh();
                        break;
                    default:
                        y = y.mul(0.9);
                        break;
                }
            }
            bh.consume(y);
        }
    }
}
