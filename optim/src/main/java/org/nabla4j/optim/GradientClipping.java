package org.nabla4j.optim;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Gradient clipping, in place, before an optimizer step.
 *
 * <p>Why: when a gradient is very large (a steep cliff of the loss, exploding gradients through many layers), the
 * step {@code −γ g} is large too, overshoots the region where the local linear model is valid, jumps over the minimum
 * and can make training diverge. Clipping bounds the step while keeping its direction:
 *
 * <ul>
 *   <li>{@link #clipByGlobalNorm}: if {@code ‖g‖ > maxNorm} for the norm of all gradients together, every gradient is
 *       multiplied by {@code maxNorm / (‖g‖ + 1e-6)}; the direction of the joint gradient is unchanged and a plain
 *       gradient step moves at most about {@code γ · maxNorm}. Same as PyTorch's
 *       {@code torch.nn.utils.clip_grad_norm_}, including the returned pre-clip norm.
 *   <li>{@link #clipByValue}: every element is clamped into {@code [−clipValue, clipValue]}; simpler, but it changes
 *       the direction ({@code torch.nn.utils.clip_grad_value_}).
 * </ul>
 *
 * <pre>{@code
 * double norm = GradientClipping.clipByGlobalNorm(1.0, gradients);   // log it: a growing norm warns early
 * optimizer.step(loss, gradients);
 * }</pre>
 *
 * <p>Non-finite gradients: a NaN or infinite element makes the global norm non-finite; the gradients are then left
 * as they are and the non-finite norm is returned, so that the optimizer's {@link NonFinitePolicy} sees the problem
 * (scaling by a NaN coefficient would silently turn every gradient into NaN).
 */
public final class GradientClipping {
    /** The constant PyTorch adds to the norm in the clipping coefficient, so a zero norm is never divided by. */
    public static final double NORM_EPS = 1e-6;

    private GradientClipping() {}

    /**
     * Clips by the global Euclidean norm {@code ‖g‖₂ = sqrt(Σ_tensors Σ_elements g²)}; see the class documentation.
     *
     * @return the global norm before clipping
     * @throws InvalidArgumentException if {@code maxNorm} is negative or not finite, or a gradient is null or closed
     */
    public static double clipByGlobalNorm(double maxNorm, Tensor... gradients) {
        return clipByGlobalNorm(maxNorm, 2.0, gradients);
    }

    /**
     * Clips by the global {@code p}-norm {@code (Σ |g|^p)^(1/p)} over all elements of all gradients, or the maximum
     * absolute element for {@code p = +∞}: if the norm exceeds {@code maxNorm}, every gradient is multiplied in place
     * by {@code maxNorm / (norm + 1e-6)}.
     *
     * @return the global norm before clipping ({@code 0} for no gradients)
     * @throws InvalidArgumentException if {@code maxNorm} is negative or not finite, {@code normType} is not
     *     {@code > 0} (infinity allowed), or a gradient is null or closed
     */
    public static double clipByGlobalNorm(double maxNorm, double normType, Tensor... gradients) {
        String op = "clipByGlobalNorm";
        Checks.nonNegative(maxNorm, op, "maxNorm");
        if (!(normType > 0)) {
            throw new InvalidArgumentException(op + ": normType must be > 0 (or +infinity), got " + normType);
        }
        double norm = globalNorm(normType, gradients);
        if (Double.isFinite(norm)) {
            double coefficient = maxNorm / (norm + NORM_EPS);
            if (coefficient < 1) {
                for (Tensor g : gradients) {
                    g.muli(coefficient);
                }
            }
        }
        return norm;
    }

    /**
     * The global {@code p}-norm of all elements of all gradients, as used by {@link #clipByGlobalNorm}; the Euclidean
     * case is computed without overflow or underflow.
     *
     * @throws InvalidArgumentException if {@code normType} is not {@code > 0}, or a gradient is null or closed
     */
    public static double globalNorm(double normType, Tensor... gradients) {
        String op = "globalNorm";
        Checks.notNull(gradients, op, "gradients");
        if (!(normType > 0)) {
            throw new InvalidArgumentException(op + ": normType must be > 0 (or +infinity), got " + normType);
        }
        for (int i = 0; i < gradients.length; i++) {
            Checks.notNull(gradients[i], op, "gradients[" + i + "]");
            gradients[i].ensureOpen();
        }
        try (TensorScope scope = TensorScope.open()) {
            if (normType == Double.POSITIVE_INFINITY) {
                double max = 0;
                for (Tensor g : gradients) {
                    if (g.size() > 0) {
                        double m = g.abs().max().item();
                        if (Double.isNaN(m)) {
                            return Double.NaN;
                        }
                        max = Math.max(max, m);
                    }
                }
                return max;
            }
            if (normType == 2.0) {
                // Combine per-tensor norms (each overflow-safe) with scaling, as hypot does.
                double scale = 0;
                double sumSq = 1;
                for (Tensor g : gradients) {
                    double n = g.norm().item();
                    if (!Double.isFinite(n)) {
                        return Double.isNaN(n) ? Double.NaN : Double.POSITIVE_INFINITY;
                    }
                    if (n > scale) {
                        sumSq = 1 + sumSq * (scale / n) * (scale / n);
                        scale = n;
                    } else if (n > 0) {
                        sumSq += (n / scale) * (n / scale);
                    }
                }
                return scale * Math.sqrt(sumSq);
            }
            double sum = 0;
            for (Tensor g : gradients) {
                sum += g.abs().pow(normType).sum().item();
            }
            return Math.pow(sum, 1 / normType);
        }
    }

    /**
     * Clamps every element of every gradient in place into {@code [−clipValue, clipValue]}; NaN elements stay NaN.
     *
     * @throws InvalidArgumentException if {@code clipValue} is not {@code > 0} and finite, or a gradient is null or
     *     closed
     */
    public static void clipByValue(double clipValue, Tensor... gradients) {
        String op = "clipByValue";
        Checks.positive(clipValue, op, "clipValue");
        Checks.notNull(gradients, op, "gradients");
        for (int i = 0; i < gradients.length; i++) {
            Checks.notNull(gradients[i], op, "gradients[" + i + "]");
            gradients[i].ensureOpen();
        }
        for (Tensor g : gradients) {
            try (Tensor clamped = g.clamp(-clipValue, clipValue)) {
                g.assign(clamped);
            }
        }
    }
}
