package org.nabla4j.autodiff;

import java.util.Arrays;
import org.nabla4j.core.Tensor;

/**
 * The value of a scalar function of several inputs and its gradient with respect to each, from
 * {@link Autodiff#valueAndGrad(java.util.function.Function, Tensor...)}. All tensors are new and owned by the caller.
 *
 * @param value the function value
 * @param gradients one gradient per input, in input order, each with the shape of its input
 */
public record ValueAndGrads(Tensor value, Tensor[] gradients) {

    /** The gradient with respect to input {@code i}. */
    public Tensor gradient(int i) {
        return gradients[i];
    }

    @Override
    public String toString() {
        return "ValueAndGrads[value=" + value + ", gradients=" + Arrays.toString(gradients) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueAndGrads v && value.equals(v.value) && Arrays.equals(gradients, v.gradients);
    }

    @Override
    public int hashCode() {
        return 31 * value.hashCode() + Arrays.hashCode(gradients);
    }
}
