package org.nabla4j.autodiff;

import org.nabla4j.core.Tensor;

/**
 * The value of a scalar function and its gradient at one point, from {@link Autodiff#valueAndGrad(
 * java.util.function.Function, Tensor)}. Both tensors are new and owned by the caller.
 *
 * @param value the function value (one element, the shape the function returned)
 * @param gradient the gradient, with the shape of the input
 */
public record ValueAndGrad(Tensor value, Tensor gradient) {}
