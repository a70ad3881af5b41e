/**
 * Optimization for Nabla4j: first-order optimizers for training, deterministic minimizers for smooth objectives,
 * and constrained optimization by Lagrange multipliers.
 *
 * <h2>First-order optimizers</h2>
 *
 * <p>An {@link org.nabla4j.optim.Optimizer} is built over a list of parameter tensors and updates them in place from
 * one gradient per parameter: {@link org.nabla4j.optim.Sgd}, {@link org.nabla4j.optim.Momentum} (heavy-ball and
 * Nesterov), {@link org.nabla4j.optim.Adam} (AMSGrad, L2 or decoupled weight decay = AdamW),
 * {@link org.nabla4j.optim.RmsProp} and {@link org.nabla4j.optim.Adagrad}, each following PyTorch's published update
 * step for step. Learning rates follow a {@link org.nabla4j.optim.LearningRateSchedule} or a
 * {@link org.nabla4j.optim.ReduceLrOnPlateau}; {@link org.nabla4j.optim.GradientClipping} bounds the gradients;
 * {@link org.nabla4j.optim.NonFinitePolicy} says what a NaN loss or gradient does; the state is saved and restored
 * exactly in a versioned binary format.
 *
 * <pre>{@code
 * Tensor w = Tensor.zeros(3);
 * try (Optimizer opt = Adam.adamW().learningRate(1e-2).build(w)) {
 *     opt.setSchedule(LearningRateSchedule.cosineWithWarmup(1e-2, 100, 10_000, 1e-4));
 *     for (int step = 0; step < 10_000; step++) {
 *         try (TensorScope scope = TensorScope.open()) {
 *             ValueAndGrad vg = Autodiff.valueAndGrad(loss, w);
 *             GradientClipping.clipByGlobalNorm(1.0, vg.gradient());
 *             opt.step(vg.value().item(), vg.gradient());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Deterministic minimization</h2>
 *
 * <p>A {@link org.nabla4j.optim.Minimizer} ({@link org.nabla4j.optim.Lbfgs} with a strong-Wolfe line search, or with
 * bounds {@code l ≤ x ≤ u} by projection, or {@link org.nabla4j.optim.GradientDescent}) minimizes a scalar autodiff program {@code Function<Var, Var>} from a
 * starting tensor and returns an {@link org.nabla4j.optim.OptimizationResult} with a status and the history;
 * {@link org.nabla4j.optim.Stability} gives the largest stable gradient-descent learning rate {@code 2/λ_max}.
 *
 * <h2>Constrained optimization</h2>
 *
 * <p>A {@link org.nabla4j.optim.ConstrainedProblem} (objective, equalities {@code h(x) = 0}, inequalities
 * {@code g(x) ≤ 0}, bounds) is solved by the {@link org.nabla4j.optim.AugmentedLagrangian} method of multipliers,
 * which returns the multipliers of every constraint and the KKT residuals in a
 * {@link org.nabla4j.optim.ConstrainedResult}; {@link org.nabla4j.optim.EqualityQp} solves equality-constrained
 * quadratic programs exactly through their KKT system.
 *
 * <p>All derivatives come from reverse-mode automatic differentiation ({@code org.nabla4j.autodiff}), never from
 * finite differences. Invalid arguments throw the exceptions of {@code org.nabla4j.core}; numerical failure is a
 * status in the result.
 */
package org.nabla4j.optim;
