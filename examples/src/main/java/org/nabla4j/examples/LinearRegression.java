package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.ValueAndGrads;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Tour section 3: linear regression trained by gradient descent with gradients from autodiff.
 *
 * <p>This is the corrected version of the seed article's NumPy snippet. That snippet computes
 * {@code np.gradient(loss_fn(weights))}: it passes the loss <i>value</i> where a function is expected (so it stops at
 * once with {@code TypeError: 'numpy.float64' object is not callable}), and even called on the scalar loss,
 * {@code np.gradient} differences an array of samples along the array's own axes, of which a scalar has none (NumPy
 * returns an empty tuple). What the update needs is {@code ∂L/∂w}, the gradient of the loss with respect to the
 * weights. The snippet also subtracts {@code y} of shape {@code (100, 1)} from predictions of shape {@code (100,)},
 * which silently broadcasts to {@code (100, 100)}; {@code Losses.mse} and our explicit shapes refuse that.
 *
 * <p>Here the loss is the snippet's {@code L(w, b) = ½ mean((Xw + b − y)²)} on synthetic data {@code y = X w* + b* +
 * noise}; each step computes {@code L} and {@code (∂L/∂w, ∂L/∂b)} in one forward and one reverse pass and applies
 * {@code w ← w − η ∂L/∂w}. The result is checked against the generating weights and against the least-squares solution
 * of the normal equations {@code AᵀA θ = Aᵀy}, {@code A = [X 1]}, solved directly with {@code Linalg.solve}.
 */
public final class LinearRegression {
    /** The generating weights {@code w*}. */
    static final double[] TRUE_WEIGHTS = {2.0, -3.5, 0.5};
    /** The generating bias {@code b*}. */
    public static final double TRUE_BIAS = 1.25;
    /** The standard deviation of the label noise. */
    public static final double NOISE = 1e-3;
    /** The number of samples. */
    public static final int SAMPLES = 256;
    /** The learning rate {@code η}. */
    public static final double LEARNING_RATE = 0.5;
    /** The number of gradient-descent steps. */
    public static final int STEPS = 300;

    private LinearRegression() {}

    /**
     * The key numbers of the section.
     *
     * @param trueWeights the generating weights {@code w*}
     * @param trueBias the generating bias {@code b*}
     * @param weights the weights learned by gradient descent
     * @param bias the bias learned by gradient descent
     * @param leastSquares {@code (w, b)} of the least-squares solution, bias last
     * @param maxErrorVsTrue the largest difference between learned and generating parameters
     * @param maxErrorVsLeastSquares the largest difference between learned and least-squares parameters
     * @param initialGradientError the largest difference between the autodiff gradient and the closed form
     *     {@code Aᵀ(Aθ − y)/n} at the starting point
     * @param initialLoss {@code L} at {@code w = 0, b = 0}
     * @param finalLoss {@code L} after the last step
     */
    public record Result(
            double[] trueWeights,
            double trueBias,
            double[] weights,
            double bias,
            double[] leastSquares,
            double maxErrorVsTrue,
            double maxErrorVsLeastSquares,
            double initialGradientError,
            double initialLoss,
            double finalLoss) {}

    /** The loss {@code ½ mean((Xw + b − y)²)} as an autodiff program; {@code x} and {@code y} are constants. */
    static Var loss(Var w, Var b, Tensor x, Tensor y) {
        Var prediction = w.tape().constant(x).matmul(w).add(b);
        return prediction.sub(w.tape().constant(y)).square().mean().mul(0.5);
    }

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the data and parameters live on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 3, "Linear regression by gradient descent with autodiff gradients");
        out.println("  The seed's NumPy snippet calls np.gradient(loss): a scalar loss has no axes to difference, so"
                + " that is not");
        out.println("  dL/dw (NumPy returns an empty tuple; as written, the snippet even passes the loss value where a"
                + " function");
        out.println("  is expected and stops with a TypeError). Here dL/dw comes from reverse-mode autodiff.");
        int d = TRUE_WEIGHTS.length;
        try (TensorScope data = TensorScope.open()) {
            Tensor x = backend.randUniform(42, -1, 1, SAMPLES, d);
            Tensor wTrue = backend.of(TRUE_WEIGHTS.clone());
            Tensor y = x.matmul(wTrue).add(TRUE_BIAS).add(backend.randNormal(7, 0, NOISE, SAMPLES));
            Report.printf(
                    out,
                    "  data: X %s uniform in [-1, 1], y = X w* + b* + N(0, %.0e), w* = %s, b* = %.2f%n",
                    x.shape(),
                    NOISE,
                    Report.vector(TRUE_WEIGHTS, 2),
                    TRUE_BIAS);

            double[] ls = leastSquares(backend, x, y);
            Tensor w = backend.zeros(d);
            Tensor b = backend.scalar(0.0);
            double initialLoss = Double.NaN;
            double gradientError = Double.NaN;
            double finalLoss = Double.NaN;
            out.println("  step        loss        |dL/dw|");
            for (int step = 0; step <= STEPS; step++) {
                try (TensorScope scope = TensorScope.open()) {
                    ValueAndGrads vg = Autodiff.valueAndGrad(v -> loss(v[0], v[1], x, y), w, b);
                    double lossValue = vg.value().item();
                    Tensor gw = vg.gradient(0);
                    Tensor gb = vg.gradient(1);
                    if (step == 0) {
                        initialLoss = lossValue;
                        gradientError = closedFormGradientError(x, y, w, b, gw, gb);
                    }
                    finalLoss = lossValue;
                    if (step % 50 == 0) {
                        Report.printf(
                                out,
                                "  %4d  %.6e  %.3e%n",
                                step,
                                lossValue,
                                gw.norm().item());
                    }
                    if (step < STEPS) {
                        // the correct update: w_{t+1} = w_t - lr * dL/dw
                        w.subi(gw.mul(LEARNING_RATE));
                        b.subi(gb.mul(LEARNING_RATE));
                    }
                }
            }
            double[] weights = w.toDoubleArray();
            double bias = b.item();
            double[] learned = append(weights, bias);
            double[] truth = append(TRUE_WEIGHTS, TRUE_BIAS);
            double errTrue = Report.maxAbsDiff(learned, truth);
            double errLs = Report.maxAbsDiff(learned, ls);
            Report.printf(
                    out,
                    "  autodiff gradient at the start vs closed form A^T(A theta - y)/n: max |diff| %s%n",
                    Report.sci(gradientError));
            out.println("               w1          w2          w3          b");
            out.println("  generating " + row(truth));
            out.println("  learned    " + row(learned) + "   max |diff| " + Report.sci(errTrue));
            out.println("  lstsq      " + row(ls) + "   GD vs normal equations max |diff| " + Report.sci(errLs));
            out.println("  (the learned weights differ from the generating ones by the noise, not by the method)");
            return new Result(
                    TRUE_WEIGHTS.clone(),
                    TRUE_BIAS,
                    weights,
                    bias,
                    ls,
                    errTrue,
                    errLs,
                    gradientError,
                    initialLoss,
                    finalLoss);
        }
    }

    /** The least-squares {@code (w, b)} from the normal equations {@code AᵀA θ = Aᵀy} with {@code A = [X 1]}. */
    private static double[] leastSquares(Backend backend, Tensor x, Tensor y) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = Tensor.concat(1, x, backend.ones(x.dims()[0], 1));
            Tensor at = a.transpose();
            return backend.linalg().solve(at.matmul(a), at.matmul(y)).toDoubleArray();
        }
    }

    /** {@code max |autodiff − Aᵀ(Aθ − y)/n|}: the gradient of {@code ½ mean(r²)} written out by hand. */
    private static double closedFormGradientError(Tensor x, Tensor y, Tensor w, Tensor b, Tensor gw, Tensor gb) {
        int n = x.dims()[0];
        Tensor residual = x.matmul(w).add(b).sub(y);
        double[] gwClosed = x.transpose().matmul(residual).div(n).toDoubleArray();
        double gbClosed = residual.mean().item();
        return Math.max(Report.maxAbsDiff(gwClosed, gw.toDoubleArray()), Math.abs(gbClosed - gb.item()));
    }

    private static double[] append(double[] v, double last) {
        double[] r = Arrays.copyOf(v, v.length + 1);
        r[v.length] = last;
        return r;
    }

    private static String row(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double e : v) {
            sb.append(Report.format(" %10.6f", e));
        }
        return sb.toString();
    }
}
