package org.nabla4j.examples;

import java.io.PrintStream;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.optim.GradientClipping;

/**
 * Tour section 7: exploding and vanishing gradients in a recurrent network, and gradient clipping.
 *
 * <p>The network {@code h_{t+1} = tanh(W h_t + U x_t)} is unrolled over {@value #STEPS} steps and scored by
 * {@code L = ½‖h_T‖²}. By the chain rule, the gradient reaching step {@code t} is a product of {@code T − t} Jacobians
 * {@code diag(1 − h²) W}; its size changes geometrically with the distance {@code T − t}. The recurrent matrix is
 * {@code W = s · G / √n} with {@code G} standard normal, so its spectral radius is about {@code s}: with a small scale
 * the product shrinks (vanishing gradients: the loss cannot feel early inputs, the long-term-dependency problem the
 * seed article mentions), with a large scale the network is chaotic and the product grows (exploding gradients).
 *
 * <p>Clipping by global norm ({@link GradientClipping#clipByGlobalNorm}) rescales all gradients together when their
 * norm exceeds a threshold, so a step moves at most {@code η · threshold} in the same direction: the answer of the seed
 * article's FAQ (a huge gradient makes a huge step that jumps over minima or diverges). It cannot help with vanishing
 * gradients, which is why gated cells (LSTM, GRU) exist.
 */
public final class RecurrentGradients {
    /** The hidden size {@code n}. */
    public static final int HIDDEN = 32;
    /** The input size. */
    public static final int INPUTS = 4;
    /** The number of unrolled steps {@code T}. */
    public static final int STEPS = 100;
    /** The recurrent weight scales {@code s} compared. */
    static final double[] SCALES = {0.5, 1.0, 2.0, 4.0};
    /** The scale whose gradients are clipped. */
    public static final double EXPLODING_SCALE = 4.0;
    /** The scale shown as the vanishing case. */
    public static final double VANISHING_SCALE = 0.5;
    /** The clipping threshold on the global norm of {@code (∂L/∂W, ∂L/∂U)}. */
    public static final double CLIP_NORM = 1.0;
    /** The learning rate of the single demonstration step. */
    public static final double LEARNING_RATE = 0.1;
    /** The distances from the loss at which the gradient with respect to the input is printed. */
    static final int[] LAGS = {1, 10, 25, 50, 100};

    private RecurrentGradients() {}

    /**
     * Gradient norms for one recurrent weight scale.
     *
     * @param scale the scale {@code s} of {@code W}
     * @param loss {@code L = ½‖h_T‖²}
     * @param weightGradientNorm {@code ‖(∂L/∂W, ∂L/∂U)‖₂}, the global norm of the parameter gradients
     * @param inputGradientNorms {@code ‖∂L/∂x_t‖₂} at distances 1, 10, 25, 50 and 100 from the loss (input {@code x_t} at
     *     distance {@code T − t + 1})
     */
    public record ScaleRow(double scale, double loss, double weightGradientNorm, double[] inputGradientNorms) {}

    /**
     * The key numbers of the section.
     *
     * @param rows one row per scale {@code s} = 0.5, 1, 2, 4
     * @param clipThreshold the clipping threshold
     * @param normBeforeClipping the global gradient norm of the exploding case before clipping
     * @param normAfterClipping the global gradient norm after clipping (at most the threshold)
     * @param lossBefore the loss of the exploding case before any step
     * @param lossAfterRawStep the loss after one gradient step with the unclipped gradient
     * @param lossAfterClippedStep the loss after one gradient step with the clipped gradient
     * @param rawStepNorm {@code ‖ΔW, ΔU‖} of the unclipped step
     * @param clippedStepNorm {@code ‖ΔW, ΔU‖} of the clipped step
     */
    public record Result(
            ScaleRow[] rows,
            double clipThreshold,
            double normBeforeClipping,
            double normAfterClipping,
            double lossBefore,
            double lossAfterRawStep,
            double lossAfterClippedStep,
            double rawStepNorm,
            double clippedStepNorm) {

        /**
         * The row of the given scale.
         *
         * @throws IllegalArgumentException if no row has that scale
         */
        public ScaleRow row(double scale) {
            return findRow(rows, scale);
        }
    }

    /** Loss and gradients {@code (∂L/∂W, ∂L/∂U, ∂L/∂X)} of the unrolled network; the gradients are the caller's. */
    private record Pass(double loss, Tensor dw, Tensor du, Tensor dx) {}

    private static Pass unroll(Backend backend, Tensor w, Tensor u, Tensor xs) {
        try (GradientTape tape = new GradientTape()) {
            Var wv = tape.watch(w);
            Var uv = tape.watch(u);
            Var xv = tape.watch(xs);
            Var h = tape.constant(backend.zeros(HIDDEN));
            for (int t = 0; t < STEPS; t++) {
                h = wv.matmul(h).add(uv.matmul(xv.select(0, t))).tanh();
            }
            Var loss = h.square().sum().mul(0.5);
            Tensor[] g = tape.gradient(loss, wv, uv, xv);
            return new Pass(loss.item(), g[0], g[1], g[2]);
        }
    }

    private static double lossOnly(Backend backend, Tensor w, Tensor u, Tensor xs) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor h = backend.zeros(HIDDEN);
            for (int t = 0; t < STEPS; t++) {
                h = w.matmul(h).add(u.matmul(xs.select(0, t))).tanh();
            }
            return 0.5 * h.square().sum().item();
        }
    }

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the network runs on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 7, "Exploding and vanishing gradients in a recurrent network; clipping");
        Report.printf(
                out,
                "  h_{t+1} = tanh(W h_t + U x_t), n = %d, T = %d steps, L = |h_T|^2 / 2, W = s * N(0, 1/n)%n",
                HIDDEN,
                STEPS);
        ScaleRow[] rows = new ScaleRow[SCALES.length];
        double normBefore = Double.NaN;
        double normAfter = Double.NaN;
        double lossBefore = Double.NaN;
        double lossRaw = Double.NaN;
        double lossClipped = Double.NaN;
        double rawStep = Double.NaN;
        double clippedStep = Double.NaN;
        StringBuilder header = new StringBuilder("      s      loss   |dL/dW, dL/dU|");
        for (int lag : LAGS) {
            String label = lag == 1 ? "|dL/dx_T|" : "|dL/dx_T-" + (lag - 1) + "|";
            header.append(Report.format("  %14s", label));
        }
        out.println(header);
        try (TensorScope data = TensorScope.open()) {
            Tensor g = backend.randNormal(11, 0, 1 / Math.sqrt(HIDDEN), HIDDEN, HIDDEN);
            Tensor u = backend.randNormal(12, 0, 1 / Math.sqrt(INPUTS), HIDDEN, INPUTS);
            Tensor xs = backend.randNormal(13, 0, 1, STEPS, INPUTS);
            for (int k = 0; k < SCALES.length; k++) {
                double s = SCALES[k];
                try (TensorScope scope = TensorScope.open()) {
                    Tensor w = g.mul(s);
                    Pass p = unroll(backend, w, u, xs);
                    double norm = GradientClipping.globalNorm(2, p.dw(), p.du());
                    double[] inputNorms = new double[LAGS.length];
                    StringBuilder line = new StringBuilder(Report.format("  %5.2f  %8.4f  %14.3e", s, p.loss(), norm));
                    for (int i = 0; i < LAGS.length; i++) {
                        inputNorms[i] = p.dx().select(0, STEPS - LAGS[i]).norm().item();
                        line.append(Report.format("  %14.3e", inputNorms[i]));
                    }
                    out.println(line);
                    rows[k] = new ScaleRow(s, p.loss(), norm, inputNorms);

                    if (s == EXPLODING_SCALE) {
                        lossBefore = p.loss();
                        Tensor rawW = w.sub(p.dw().mul(LEARNING_RATE));
                        Tensor rawU = u.sub(p.du().mul(LEARNING_RATE));
                        rawStep = LEARNING_RATE * norm;
                        lossRaw = lossOnly(backend, rawW, rawU, xs);
                        normBefore = GradientClipping.clipByGlobalNorm(CLIP_NORM, p.dw(), p.du());
                        normAfter = GradientClipping.globalNorm(2, p.dw(), p.du());
                        clippedStep = LEARNING_RATE * normAfter;
                        Tensor clippedW = w.sub(p.dw().mul(LEARNING_RATE));
                        Tensor clippedU = u.sub(p.du().mul(LEARNING_RATE));
                        lossClipped = lossOnly(backend, clippedW, clippedU, xs);
                    }
                }
            }
        }
        ScaleRow vanishing = findRow(rows, VANISHING_SCALE);
        ScaleRow exploding = findRow(rows, EXPLODING_SCALE);
        double[] v = vanishing.inputGradientNorms();
        double[] e = exploding.inputGradientNorms();
        Report.printf(
                out,
                "  vanishing (s = %.1f): the loss feels the input %d steps back %.1e times as much as the last"
                        + " one%n",
                VANISHING_SCALE,
                STEPS - 1,
                v[v.length - 1] / v[0]);
        Report.printf(
                out,
                "  exploding (s = %.1f): %.1e times as much; |dL/dW| = %.2e%n",
                EXPLODING_SCALE,
                e[e.length - 1] / e[0],
                exploding.weightGradientNorm());
        Report.subheading(out, "clipping the exploding gradient by global norm, threshold " + CLIP_NORM);
        Report.printf(
                out,
                "  global norm before %.3e, after %.6f (<= %.1f); direction unchanged%n",
                normBefore,
                normAfter,
                CLIP_NORM);
        Report.printf(
                out,
                "  one step with lr %.1f:  loss %.4f -> raw step (|dtheta| = %.2e) %.4f,"
                        + "  clipped step (|dtheta| = %.2f) %.4f%n",
                LEARNING_RATE,
                lossBefore,
                rawStep,
                lossRaw,
                clippedStep,
                lossClipped);
        Report.printf(
                out,
                "  The raw step throws the weights so far that every unit saturates (L = n/2 = %.1f, its"
                        + " maximum);%n  the clipped step moves them by lr * threshold = %.2f, in the same direction.%n",
                HIDDEN / 2.0,
                LEARNING_RATE * CLIP_NORM);
        out.println("  Clipping cannot revive vanishing gradients: that is what gated cells (LSTM/GRU) are for.");
        return new Result(
                rows, CLIP_NORM, normBefore, normAfter, lossBefore, lossRaw, lossClipped, rawStep, clippedStep);
    }

    private static ScaleRow findRow(ScaleRow[] rows, double scale) {
        for (ScaleRow r : rows) {
            if (r.scale() == scale) {
                return r;
            }
        }
        throw new IllegalArgumentException("no row for scale " + scale);
    }
}
