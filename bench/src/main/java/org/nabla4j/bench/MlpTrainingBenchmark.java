package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Losses;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.optim.Adam;
import org.nabla4j.optim.StepStatus;
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

/**
 * One training step of a {@value #INPUTS}-{@value #HIDDEN}-{@value #CLASSES} MLP (ReLU hidden layer, softmax
 * cross-entropy from logits) on a batch of {@value #BATCH}: forward pass recorded on a gradient tape, backward pass
 * for the four parameter tensors, and an Adam update in place. The parameters keep training from one call to the
 * next, as in a real loop; every temporary is closed by a scope each step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class MlpTrainingBenchmark {
    /** Batch size. */
    public static final int BATCH = 64;

    /** Input features (a 28 x 28 image). */
    public static final int INPUTS = 784;

    /** Hidden units. */
    public static final int HIDDEN = 128;

    /** Classes. */
    public static final int CLASSES = 10;

    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** Element type of data and parameters. */
    @Param({"FLOAT64", "FLOAT32"})
    public DType dtype;

    private Tensor x;
    private final int[] labels = new int[BATCH];
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;
    private Adam adam;

    /** Creates a random batch, He-initialised weights, zero biases and the optimizer. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend be = Fixtures.backend(backend);
        x = be.randUniform(dtype, Fixtures.SEED_A, 0.0, 1.0, BATCH, INPUTS);
        for (int i = 0; i < BATCH; i++) {
            labels[i] = (int) ((i * 7L + 3) % CLASSES);
        }
        w1 = be.randNormal(dtype, Fixtures.SEED_B, 0.0, Math.sqrt(2.0 / INPUTS), INPUTS, HIDDEN);
        b1 = be.zeros(dtype, HIDDEN);
        w2 = be.randNormal(dtype, Fixtures.SEED_B + 1, 0.0, Math.sqrt(2.0 / HIDDEN), HIDDEN, CLASSES);
        b2 = be.zeros(dtype, CLASSES);
        adam = Adam.builder().learningRate(1e-3).build(w1, b1, w2, b2);
    }

    /** Releases the data, the parameters and the optimizer state. */
    @TearDown(Level.Trial)
    public void tearDown() {
        adam.close();
        for (Tensor t : new Tensor[] {x, w1, b1, w2, b2}) {
            t.close();
        }
    }

    /**
     * One step: loss, gradients, Adam update.
     *
     * @return the loss before the update
     * @throws IllegalStateException if Adam skipped the step (non-finite loss or gradient)
     */
    @Benchmark
    @SuppressWarnings("try") // the scope is used only for its close()
    public double trainStep() {
        try (TensorScope scope = TensorScope.open();
                GradientTape tape = new GradientTape()) {
            Var pw1 = tape.watch(w1);
            Var pb1 = tape.watch(b1);
            Var pw2 = tape.watch(w2);
            Var pb2 = tape.watch(b2);
            Var hidden = tape.constant(x).matmul(pw1).add(pb1).relu();
            Var loss = Losses.crossEntropyWithLogits(hidden.matmul(pw2).add(pb2), labels);
            double value = loss.item();
            Tensor[] g = tape.gradient(loss, pw1, pb1, pw2, pb2);
            if (adam.step(value, g) != StepStatus.APPLIED) {
                throw new IllegalStateException("Adam did not apply the step; loss " + value);
            }
            return value;
        }
    }
}
