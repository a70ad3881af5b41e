/**
 * Reverse-mode automatic differentiation for Nabla4j tensors.
 *
 * <p>A {@link org.nabla4j.autodiff.GradientTape} records the operations applied to its
 * {@link org.nabla4j.autodiff.Var}s as a Wengert list and computes gradients with one reverse sweep over it; the
 * backward pass can itself be recorded, which gives Hessian-vector products, Hessians and higher derivatives.
 * {@link org.nabla4j.autodiff.Autodiff} offers the same as functional transforms ({@code grad}, {@code valueAndGrad},
 * {@code jacobian}, {@code hessian}, {@code hvp}, {@code jvp}, {@code vjp}); {@link org.nabla4j.autodiff.Losses}
 * holds numerically stable loss functions and {@link org.nabla4j.autodiff.GradCheck} checks gradients against
 * central differences. Linear algebra is on the tape as well: {@code Var.solve}, {@code inverse}, {@code det},
 * {@code cholesky} and {@code eigh}, differentiable to any order.
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     Var w = tape.watch(weights);
 *     Var loss = Losses.mse(tape.constant(x).matmul(w), y);
 *     Tensor g = tape.gradient(loss, w);     // owned by the caller
 * }                                          // intermediate values released here
 * }</pre>
 */
package org.nabla4j.autodiff;
