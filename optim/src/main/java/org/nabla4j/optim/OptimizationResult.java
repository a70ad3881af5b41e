package org.nabla4j.optim;

import java.util.List;
import org.nabla4j.core.Tensor;

/**
 * Outcome of a deterministic minimization. Whatever the status, {@code x} is the best point the method accepted,
 * with finite {@code value} and gradient (the starting point if nothing better was accepted, or if it was itself
 * non-finite, in which case {@code value} is the non-finite value found there).
 *
 * @param x the final point, a new tensor with the shape, dtype and backend of the starting point, owned by the caller
 * @param value {@code f(x)}
 * @param gradientNorm {@code ‖∇f(x)‖∞}; for {@link Lbfgs} with bounds, the projected gradient's
 *     {@code ‖x − P(x − ∇f(x))‖∞}
 * @param iterations number of accepted steps
 * @param evaluations number of objective-and-gradient evaluations
 * @param status why the run ended
 * @param history one record per iteration, starting with iteration 0 (empty if history recording was turned off)
 */
public record OptimizationResult(
        Tensor x,
        double value,
        double gradientNorm,
        int iterations,
        int evaluations,
        OptimizationStatus status,
        List<IterationRecord> history) {

    /** Makes {@code history} an unmodifiable copy. */
    public OptimizationResult {
        history = List.copyOf(history);
    }

    /** True when {@link #status()} is one of the converged statuses. */
    public boolean converged() {
        return status.isConverged();
    }
}
