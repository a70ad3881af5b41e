package org.nabla4j.autodiff;

import org.nabla4j.core.Tensor;

/**
 * A user-defined differentiable operation: a forward computation on tensors and its own vector-Jacobian rule.
 * Apply it with {@link Var#custom(CustomOp, Var...)}.
 *
 * <p>Write {@link #vjp} with {@link Var} operations (on {@code gradOutput}, {@code output}, {@code inputs} and
 * constants from {@code output.tape().constant(...)}): the rule is then recorded like any built-in one when a graph
 * of the backward pass is requested ({@link GradientTape#gradientVars}), so the operation can be differentiated
 * twice. Tensors that {@code vjp} creates itself and wraps with {@code constant} remain the caller's to close.
 *
 * <pre>{@code
 * CustomOp cube = new CustomOp() {
 *     public Tensor forward(Tensor... x) { return x[0].pow(3); }
 *     public Var[] vjp(Var g, Var y, Var... x) { return new Var[] {g.mul(x[0].square()).mul(3)}; }
 * };
 * Var y = Var.custom(cube, x);
 * }</pre>
 */
public interface CustomOp {

    /** The name used in error messages; defaults to the simple class name. */
    default String name() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "custom" : n;
    }

    /**
     * Computes the output value from the input values. Must return a tensor the caller may own (a new tensor, or an
     * input, which is then copied); must not modify the inputs.
     */
    Tensor forward(Tensor... inputs);

    /**
     * The vector-Jacobian product: for each input {@code i}, {@code gradOutput^T (d output / d input_i)}, with the
     * shape of that input, or null for a zero gradient (also allowed for inputs that need none).
     *
     * @param gradOutput the gradient with respect to the output (the output's shape)
     * @param output the output computed by {@link #forward}
     * @param inputs the inputs, in the order given to {@link Var#custom}
     * @return one entry per input
     */
    Var[] vjp(Var gradOutput, Var output, Var... inputs);
}
