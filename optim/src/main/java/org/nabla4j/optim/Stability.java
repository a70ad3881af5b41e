package org.nabla4j.optim;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Local stability of gradient descent, seen through Lyapunov's eyes.
 *
 * <p>Near a minimum {@code x*} with Hessian {@code H}, gradient descent with learning rate {@code η} is the linear
 * dynamical system {@code e_{k+1} = (I − ηH) e_k} for the error {@code e = x − x*}. Along each eigenvector of
 * {@code H} (eigenvalue {@code λ_i > 0}) the error is multiplied by {@code 1 − ηλ_i} per step, so the Lyapunov
 * function {@code V(e) = ‖e‖²} decreases at every step, and {@code x*} is asymptotically stable, exactly when
 * {@code |1 − ηλ_i| < 1} for all {@code i}, i.e.
 *
 * <pre>
 * 0 &lt; η &lt; 2 / λ_max(H).
 * </pre>
 *
 * Slightly above {@code 2/λ_max} the component along the top eigenvector grows like {@code |1 − ηλ_max|^k} and the
 * iteration diverges (the oscillating blow-up seen when a learning rate is too large); slightly below, it converges.
 * This class estimates {@code λ_max} without forming {@code H}: power iteration on Hessian-vector products
 * {@code Hv} computed by {@link Autodiff#hvp} (reverse-over-reverse differentiation).
 *
 * <pre>{@code
 * // f(x) = ½ xᵀ A x with A = diag(1, 3, 10): λ_max = 10, so gradient descent is stable for η < 0.2
 * Tensor a = Tensor.of(new double[] {1, 3, 10});
 * Function<Var, Var> f = x -> x.square().mul(x.tape().constant(a)).sum().mul(0.5);
 * EigenvalueEstimate top = Stability.largestHessianEigenvalue(f, Tensor.ones(3));   // value ≈ 10
 * double etaMax = Stability.maxStableLearningRate(top);                            // ≈ 0.2
 * }</pre>
 *
 * <p>For a non-quadratic {@code f} the result describes the linearization at the given point only, which is what
 * matters near a minimum (the "edge of stability" of training dynamics).
 */
public final class Stability {
    /** Default limit of Hessian-vector products per power iteration. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private static final long SEED = 0x5EED_2024L;

    private Stability() {}

    /**
     * {@link #largestHessianEigenvalue(Function, Tensor, int, double)} with {@value #DEFAULT_MAX_ITERATIONS}
     * iterations and tolerance {@value #DEFAULT_TOLERANCE}.
     */
    public static EigenvalueEstimate largestHessianEigenvalue(Function<Var, Var> f, Tensor x) {
        return largestHessianEigenvalue(f, x, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    /**
     * Estimates the largest (algebraic) eigenvalue {@code λ_max} of the Hessian of the scalar {@code f} at
     * {@code x}. Power iteration {@code v ← Hv / ‖Hv‖} from a seeded random start (deterministic) converges to the
     * eigenvalue of largest magnitude; if that one is negative, a second power iteration on {@code H − λ I}, whose
     * dominant eigenvalue is {@code λ_max − λ}, recovers {@code λ_max}. Each run stops when the residual
     * {@code ‖Hv − λv‖₂ ≤ tolerance · |λ|} (or {@code Hv = 0}), or after {@code maxIterations} products. Convergence
     * is geometric with ratio {@code |λ_2 / λ_1|}; equal-magnitude eigenvalues of opposite sign do not converge
     * (reported by {@code converged = false}).
     *
     * @throws InvalidArgumentException if an argument is null, {@code x} is empty, {@code maxIterations < 1} or
     *     {@code tolerance} is not {@code > 0}
     */
    public static EigenvalueEstimate largestHessianEigenvalue(
            Function<Var, Var> f, Tensor x, int maxIterations, double tolerance) {
        String op = "largestHessianEigenvalue";
        Checks.notNull(f, op, "f");
        Checks.notNull(x, op, "x");
        x.ensureOpen();
        if (x.size() == 0) {
            throw new InvalidArgumentException(op + ": x must have at least one element, got shape " + x.shape());
        }
        Checks.atLeast(maxIterations, 1, op, "maxIterations");
        Checks.positive(tolerance, op, "tolerance");
        int[] dims = x.dims();
        UnaryOperator<double[]> hessianTimes = v -> {
            try (TensorScope scope = TensorScope.open()) {
                Tensor vt = Vectors.tensor(x.backend(), x.dtype(), v, dims);
                return Autodiff.hvp(f, x, vt).toDoubleArray();
            }
        };
        double[] start;
        try (Tensor r = x.backend().randNormal(x.dtype(), SEED, 0, 1, dims)) {
            start = r.toDoubleArray();
        }
        Power dominant = power(hessianTimes, 0.0, start.clone(), maxIterations, tolerance);
        Power result = dominant;
        int iterations = dominant.iterations;
        if (dominant.value < 0) {
            double shift = dominant.value;
            Power shifted = power(hessianTimes, shift, start.clone(), maxIterations, tolerance);
            iterations += shifted.iterations;
            result = new Power(shifted.value + shift, shifted.vector, iterations, shifted.converged);
        }
        return new EigenvalueEstimate(
                result.value,
                Vectors.tensor(x.backend(), x.dtype(), result.vector, dims),
                iterations,
                result.converged);
    }

    /**
     * The largest learning rate for which gradient descent is locally stable at {@code x}: {@code 2 / λ_max}, with
     * {@code λ_max} from {@link #largestHessianEigenvalue(Function, Tensor)}.
     *
     * @return {@code 2 / λ_max}, or {@code +∞} when {@code λ_max ≤ 0} (no curvature limits the step; the point is
     *     then not a strict minimum)
     */
    public static double maxStableLearningRate(Function<Var, Var> f, Tensor x) {
        return maxStableLearningRate(largestHessianEigenvalue(f, x));
    }

    /**
     * {@code 2 / estimate.value()}, or {@code +∞} when the eigenvalue is not positive.
     *
     * @throws InvalidArgumentException if {@code estimate} is null or its value is NaN
     */
    public static double maxStableLearningRate(EigenvalueEstimate estimate) {
        Checks.notNull(estimate, "maxStableLearningRate", "estimate");
        if (Double.isNaN(estimate.value())) {
            throw new InvalidArgumentException("maxStableLearningRate: the eigenvalue estimate is NaN");
        }
        return estimate.value() > 0 ? 2 / estimate.value() : Double.POSITIVE_INFINITY;
    }

    private record Power(double value, double[] vector, int iterations, boolean converged) {}

    /** Power iteration on {@code v ↦ Hv − shift·v}. */
    private static Power power(
            UnaryOperator<double[]> hessianTimes, double shift, double[] v, int maxIterations, double tolerance) {
        normalize(v);
        double lambda = 0;
        for (int k = 1; k <= maxIterations; k++) {
            double[] w = hessianTimes.apply(v);
            for (int i = 0; i < w.length; i++) {
                w[i] -= shift * v[i];
            }
            lambda = Vectors.dot(v, w);
            double[] residual = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                residual[i] = w[i] - lambda * v[i];
            }
            double r = Vectors.norm2(residual);
            double wNorm = Vectors.norm2(w);
            if (!Double.isFinite(lambda) || !Double.isFinite(wNorm)) {
                return new Power(Double.NaN, v, k, false);
            }
            if (r <= tolerance * Math.abs(lambda) || wNorm == 0) {
                return new Power(lambda, v, k, true);
            }
            for (int i = 0; i < w.length; i++) {
                v[i] = w[i] / wNorm;
            }
        }
        return new Power(lambda, v, maxIterations, false);
    }

    private static void normalize(double[] v) {
        double norm = Vectors.norm2(v);
        if (norm == 0) {
            v[0] = 1;
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
    }
}
