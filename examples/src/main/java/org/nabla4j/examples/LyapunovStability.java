package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.optim.EigenvalueEstimate;
import org.nabla4j.optim.GradientDescent;
import org.nabla4j.optim.IterationRecord;
import org.nabla4j.optim.OptimizationResult;
import org.nabla4j.optim.OptimizationStatus;
import org.nabla4j.optim.Stability;

/**
 * Tour section 8: the Lyapunov view of training (the seed article's FAQ Q3): when does gradient descent converge?
 *
 * <p>Gradient descent {@code w_{k+1} = w_k − η ∇L(w_k)} is a discrete dynamical system. On the least-squares loss
 * {@code L(w) = ½ mean((Xw − y)²)} with Hessian {@code H = XᵀX/n} and minimizer {@code w*}, the error obeys
 * {@code e_{k+1} = (I − ηH) e_k}; each eigen-component is multiplied by {@code 1 − ηλ_i} per step. A Lyapunov function
 * is a quantity that decreases along every trajectory; here {@code V(w) = L(w) − L(w*) = ½ eᵀHe} is one exactly when
 * every {@code |1 − ηλ_i| < 1}, i.e.
 *
 * <pre>
 * 0 &lt; η &lt; 2 / λ_max(H).
 * </pre>
 *
 * The section estimates {@code λ_max} with {@link Stability#largestHessianEigenvalue} (power iteration on
 * Hessian-vector products from autodiff, no Hessian formed), checks it against the eigenvalues of {@code XᵀX/n}
 * computed directly, then runs fixed-step gradient descent just below and just above {@code 2/λ_max}: below, {@code V}
 * decreases at every step and the run converges; above, the top eigen-component flips sign and grows by
 * {@code |1 − ηλ_max| > 1} per step, and the loss diverges.
 */
public final class LyapunovStability {
    /** The number of samples. */
    public static final int SAMPLES = 64;
    /** The scales of the two feature columns: they make the curvature anisotropic. */
    static final double[] FEATURE_SCALES = {1.0, 3.0};
    /** The generating weights (no noise, so {@code L(w*) = 0} and {@code V = L}). */
    static final double[] TRUE_WEIGHTS = {1.0, -2.0};
    /** The learning rates tried, as fractions of {@code 2/λ_max}. */
    public static final double BELOW = 0.95;
    /** The learning rate above the bound, as a fraction of {@code 2/λ_max}. */
    public static final double ABOVE = 1.05;
    /** The step limit of each run. */
    public static final int MAX_STEPS = 300;

    private LyapunovStability() {}

    /**
     * One fixed-step run.
     *
     * @param learningRate the step {@code η}
     * @param losses {@code L(w_k)} for every accepted step, starting with {@code k = 0}
     * @param status why the run ended
     * @param monotone whether {@code V = L} decreased strictly at every step
     * @param largestRatio the largest {@code V_{k+1} / V_k} over the run
     */
    public record Run(
            double learningRate, double[] losses, OptimizationStatus status, boolean monotone, double largestRatio) {
        /** The loss at the last point. */
        public double finalLoss() {
            return losses[losses.length - 1];
        }

        /** The number of steps taken. */
        public int steps() {
            return losses.length - 1;
        }
    }

    /**
     * The key numbers of the section.
     *
     * @param lambdaMax {@code λ_max} from power iteration on Hessian-vector products
     * @param lambdaMaxExact the largest eigenvalue of {@code XᵀX/n} from a symmetric eigen-decomposition
     * @param lambdaMin the smallest eigenvalue of {@code XᵀX/n}
     * @param hessianVectorProducts the Hessian-vector products the power iteration used
     * @param maxStableLearningRate {@code 2/λ_max}
     * @param below the run at {@link #BELOW} times the bound
     * @param above the run at {@link #ABOVE} times the bound
     */
    public record Result(
            double lambdaMax,
            double lambdaMaxExact,
            double lambdaMin,
            int hessianVectorProducts,
            double maxStableLearningRate,
            Run below,
            Run above) {}

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the loss is evaluated on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 8, "The Lyapunov view of training: gradient descent is stable for lr < 2/lambda_max");
        double lambdaMax;
        double exactMax;
        double exactMin;
        int products;
        double etaMax;
        Run below;
        Run above;
        try (TensorScope scope = TensorScope.open()) {
            Tensor scales = backend.of(FEATURE_SCALES.clone());
            Tensor x = backend.randUniform(99, -1, 1, SAMPLES, FEATURE_SCALES.length)
                    .mul(scales);
            Tensor y = x.matmul(backend.of(TRUE_WEIGHTS.clone()));
            Function<Var, Var> loss = w -> {
                Var r = w.tape().constant(x).matmul(w).sub(w.tape().constant(y));
                return r.square().mean().mul(0.5);
            };
            Tensor w0 = backend.zeros(FEATURE_SCALES.length);
            EigenvalueEstimate top = Stability.largestHessianEigenvalue(loss, w0);
            lambdaMax = top.value();
            products = top.iterations();
            etaMax = Stability.maxStableLearningRate(top);
            Linalg.Eigen eigen = backend.linalg().eigh(x.transpose().matmul(x).div(SAMPLES));
            double[] values = eigen.values().toDoubleArray();
            exactMin = values[0];
            exactMax = values[values.length - 1];
            Report.printf(
                    out,
                    "  L(w) = mean((Xw - y)^2)/2, X %s with column scales %s, y = X w* (so L(w*) = 0)%n",
                    x.shape(),
                    Report.vector(FEATURE_SCALES, 1));
            Report.printf(
                    out,
                    "  lambda_max by power iteration on autodiff Hessian-vector products: %.12f (%d HVPs)%n",
                    lambdaMax,
                    products);
            Report.printf(
                    out,
                    "  eigenvalues of X^T X / n by a symmetric eigen-decomposition:     [%.12f, %.12f]%n",
                    exactMin,
                    exactMax);
            Report.printf(out, "  stability bound 2 / lambda_max = %.6f%n", etaMax);
            below = descend(loss, w0, BELOW * etaMax);
            above = descend(loss, w0, ABOVE * etaMax);
        }
        print(out, below, BELOW);
        print(out, above, ABOVE);
        Report.printf(
                out,
                "  below: V = L decreased at every one of %d steps (largest ratio V_k+1/V_k = %.4f; theory"
                        + " max|1 - lr lambda_i|^2 = %.4f)%n",
                below.steps(),
                below.largestRatio(),
                theoryRatio(below.learningRate(), exactMin, exactMax));
        Report.printf(
                out,
                "  above: the loss grew by up to %.4f per step (theory (lr lambda_max - 1)^2 = %.4f):"
                        + " %s after %d steps%n",
                above.largestRatio(),
                Math.pow(above.learningRate() * exactMax - 1, 2),
                above.finalLoss() > above.losses()[0] ? "diverged" : "did not diverge",
                above.steps());
        return new Result(lambdaMax, exactMax, exactMin, products, etaMax, below, above);
    }

    private static double theoryRatio(double eta, double lmin, double lmax) {
        return Math.max(Math.pow(1 - eta * lmin, 2), Math.pow(1 - eta * lmax, 2));
    }

    private static Run descend(Function<Var, Var> loss, Tensor w0, double eta) {
        OptimizationResult r = GradientDescent.builder()
                .fixedStep(eta)
                .maxIterations(MAX_STEPS)
                .gradientTolerance(1e-10)
                .build()
                .minimize(loss, w0);
        r.x().close();
        List<IterationRecord> history = r.history();
        double[] losses = new double[history.size()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = history.get(i).value();
        }
        boolean monotone = true;
        double largestRatio = 0;
        for (int i = 1; i < losses.length; i++) {
            monotone &= losses[i] < losses[i - 1];
            largestRatio = Math.max(largestRatio, losses[i] / losses[i - 1]);
        }
        return new Run(eta, losses, r.status(), monotone, largestRatio);
    }

    private static void print(PrintStream out, Run run, double fraction) {
        Report.subheading(out, Report.format("lr = %.2f x 2/lambda_max = %.6f", fraction, run.learningRate()));
        StringBuilder line = new StringBuilder("  step:loss ");
        int[] shown = {0, 1, 2, 3, 5, 10, 25, 50, 100, 150, 200, 250, 300};
        for (int k : shown) {
            if (k < run.losses().length) {
                line.append(Report.format(" %d:%.2e", k, run.losses()[k]));
            }
        }
        out.println(line);
        Report.printf(
                out,
                "  status %s after %d steps, final loss %s, loss decreased at every step: %s%n",
                run.status(),
                run.steps(),
                Report.sci(run.finalLoss()),
                run.monotone());
    }
}
