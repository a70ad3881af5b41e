package org.nabla4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.Losses;
import org.nabla4j.autodiff.ValueAndGrads;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.optim.Adam;
import org.nabla4j.optim.GradientClipping;
import org.nabla4j.optim.Momentum;
import org.nabla4j.optim.Optimizer;
import org.nabla4j.optim.StepStatus;

/**
 * Tour section 4: a small multilayer perceptron trained by backpropagation, with Momentum and with Adam.
 *
 * <p>The network {@code 1 → 32 → 32 → 1} with {@code tanh} hidden layers fits {@code y = sin(πx) + ¼ sin(4πx)} on
 * {@value #SAMPLES} points of {@code [−1, 1]} by full-batch mean squared error. Backpropagation is the chain rule run
 * backwards through the layers: one forward pass records the operations on a tape, one reverse sweep gives the
 * gradient of the loss with respect to every weight (the seed article's section 3.1). Each step clips the gradients
 * by their global norm at {@value #CLIP_NORM} and then lets the optimizer update the weights in place: heavy-ball
 * Momentum ({@code b ← μ b + g, θ ← θ − η b}) and Adam (bias-corrected first and second moments, a per-weight step
 * size). Both start from the same initial weights. The loss curves are written as a PNG chart.
 */
public final class MlpTraining {
    /** The number of training points. */
    public static final int SAMPLES = 128;
    /** The width of each hidden layer. */
    public static final int HIDDEN = 32;
    /** The number of optimizer steps per run. */
    public static final int STEPS = 2000;
    /** The threshold of gradient clipping by global norm. */
    public static final double CLIP_NORM = 1.0;
    /** Momentum's learning rate. */
    public static final double MOMENTUM_LR = 0.2;
    /** Momentum's coefficient {@code μ}. */
    public static final double MOMENTUM = 0.9;
    /** Adam's learning rate. */
    public static final double ADAM_LR = 0.01;
    /** The steps at which the loss is printed. */
    static final int[] CHECKPOINTS = {0, 50, 100, 250, 500, 1000, 1250, 1500, 1750, 2000};
    /** The file name of the chart inside the output folder. */
    public static final String CHART_FILE = "loss-curve.png";

    private MlpTraining() {}

    /**
     * The outcome of one training run.
     *
     * @param optimizer a description of the optimizer
     * @param losses the training loss before step {@code i} for {@code i = 0 ... STEPS} (the last entry is the loss
     *     after the final step)
     * @param clippedSteps the number of steps whose gradient norm exceeded the threshold and was clipped
     * @param largestGradientNorm the largest global gradient norm before clipping
     */
    public record Run(String optimizer, double[] losses, int clippedSteps, double largestGradientNorm) {
        /** The loss after the last step. */
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * The key numbers of the section.
     *
     * @param momentum the Momentum run
     * @param adam the Adam run
     * @param chart the PNG file written
     */
    public record Result(Run momentum, Run adam, Path chart) {}

    /** The network's parameters {@code W1, b1, W2, b2, W3, b3}, seeded. */
    static Tensor[] initialParameters(Backend backend) {
        return new Tensor[] {
            backend.randNormal(21, 0, 1.0, 1, HIDDEN),
            backend.zeros(HIDDEN),
            backend.randNormal(22, 0, 1 / Math.sqrt(HIDDEN), HIDDEN, HIDDEN),
            backend.zeros(HIDDEN),
            backend.randNormal(23, 0, 1 / Math.sqrt(HIDDEN), HIDDEN, 1),
            backend.zeros(1)
        };
    }

    /** The mean squared error of the network on {@code (x, y)}; {@code p} holds the parameters in order. */
    static Var loss(Var[] p, Tensor x, Tensor y) {
        Var input = p[0].tape().constant(x);
        Var h1 = input.matmul(p[0]).add(p[1]).tanh();
        Var h2 = h1.matmul(p[2]).add(p[3]).tanh();
        Var prediction = h2.matmul(p[4]).add(p[5]);
        return Losses.mse(prediction, y);
    }

    /**
     * Runs the section, prints it and writes the loss-curve chart to {@code outDir/}{@value #CHART_FILE}.
     *
     * @param backend the backend the network is trained on
     * @param outDir the folder for the chart (created if missing)
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, Path outDir, PrintStream out) {
        Report.heading(out, 4, "A small MLP trained by backpropagation: Momentum vs Adam, with gradient clipping");
        Report.printf(
                out,
                "  1 -> %d -> %d -> 1 tanh network, y = sin(pi x) + sin(4 pi x)/4 on %d points, full-batch"
                        + " MSE,%n  %d steps each, gradients clipped to global norm %.1f%n",
                HIDDEN,
                HIDDEN,
                SAMPLES,
                STEPS,
                CLIP_NORM);
        Run momentum;
        Run adam;
        try (TensorScope data = TensorScope.open()) {
            Tensor x = backend.linspace(-1, 1, SAMPLES).reshape(SAMPLES, 1);
            Tensor y = x.mul(Math.PI).sin().add(x.mul(4 * Math.PI).sin().mul(0.25));
            Tensor[] initial = initialParameters(backend);

            Tensor[] p1 = copies(initial);
            String m = Report.format("Momentum (lr %.2f, mu %.1f)", MOMENTUM_LR, MOMENTUM);
            try (Optimizer opt = Momentum.builder()
                    .learningRate(MOMENTUM_LR)
                    .momentum(MOMENTUM)
                    .build(p1)) {
                momentum = train(m, opt, p1, x, y, out);
            }
            Tensor[] p2 = copies(initial);
            String a = Report.format("Adam (lr %.2f)", ADAM_LR);
            try (Optimizer opt = Adam.builder().learningRate(ADAM_LR).build(p2)) {
                adam = train(a, opt, p2, x, y, out);
            }
        }
        Report.subheading(out, "loss at checkpoints");
        Report.printf(out, "   step   %-28s %-28s%n", momentum.optimizer(), adam.optimizer());
        for (int c : CHECKPOINTS) {
            Report.printf(
                    out, "  %5d   %-28s %-28s%n", c, Report.sci(momentum.losses()[c]), Report.sci(adam.losses()[c]));
        }
        Report.printf(
                out,
                "  steps clipped: Momentum %d (largest norm %.2f), Adam %d (largest norm %.2f)%n",
                momentum.clippedSteps(),
                momentum.largestGradientNorm(),
                adam.clippedSteps(),
                adam.largestGradientNorm());
        Path chart = outDir.resolve(CHART_FILE);
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put(momentum.optimizer(), momentum.losses());
        curves.put(adam.optimizer(), adam.losses());
        LossChart.write(chart, "MLP training loss: Momentum vs Adam (backend " + backend.name() + ")", curves);
        out.println("  loss curves written to " + chart.toAbsolutePath().normalize());
        return new Result(momentum, adam, chart);
    }

    private static Run train(String name, Optimizer opt, Tensor[] params, Tensor x, Tensor y, PrintStream out) {
        double[] losses = new double[STEPS + 1];
        int clipped = 0;
        double largest = 0;
        out.print("  training with " + name + ": ");
        for (int step = 0; step <= STEPS; step++) {
            try (TensorScope scope = TensorScope.open()) {
                ValueAndGrads vg = Autodiff.valueAndGrad(v -> loss(v, x, y), params);
                losses[step] = vg.value().item();
                if (step == STEPS) {
                    break;
                }
                Tensor[] grads = vg.gradients();
                double norm = GradientClipping.clipByGlobalNorm(CLIP_NORM, grads);
                if (norm > CLIP_NORM) {
                    clipped++;
                }
                largest = Math.max(largest, norm);
                StepStatus status = opt.step(losses[step], grads);
                if (status != StepStatus.APPLIED) {
                    throw new IllegalStateException(name + ": step " + step + " was " + status + " (loss "
                            + losses[step] + ", gradient norm " + norm + ")");
                }
            }
            if (step % (STEPS / 10) == 0) {
                out.print(step == 0 ? "." : " " + (100 * step / STEPS) + "%");
            }
        }
        out.println(" done, final loss " + Report.sci(losses[STEPS]));
        return new Run(name, losses, clipped, largest);
    }

    private static Tensor[] copies(Tensor[] ts) {
        return Arrays.stream(ts).map(Tensor::copy).toArray(Tensor[]::new);
    }
}
