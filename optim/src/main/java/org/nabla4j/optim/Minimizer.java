package org.nabla4j.optim;

import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Tensor;

/**
 * A deterministic minimizer of a smooth scalar function given as an autodiff program. Gradients come from
 * reverse-mode automatic differentiation ({@code Autodiff.valueAndGrad}), never from finite differences.
 *
 * <p>Implementations: {@link Lbfgs} (quasi-Newton with a strong-Wolfe line search, the default choice) and
 * {@link GradientDescent} (fixed step or Armijo backtracking).
 */
public interface Minimizer {
    /**
     * Minimizes {@code objective} starting from {@code x0}, which is not modified. The objective receives a
     * {@link Var} of {@code x0}'s shape, dtype and backend and must return a {@code Var} with exactly one element.
     * Tensors the objective creates while it runs are closed after each evaluation.
     *
     * @throws org.nabla4j.core.InvalidArgumentException if an argument is null or {@code x0} is empty
     * @throws org.nabla4j.core.TensorClosedException if {@code x0} is closed
     * @throws org.nabla4j.core.ShapeMismatchException if the objective does not return a single element (raised by
     *     {@code Autodiff.valueAndGrad})
     */
    OptimizationResult minimize(Function<Var, Var> objective, Tensor x0);
}
