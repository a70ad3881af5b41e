package org.nabla4j.optim;

import java.util.function.Function;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.ValueAndGrad;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * A scalar autodiff program seen as a {@link DifferentiableFunction}: the flat vector is reshaped to the starting
 * point's shape and evaluated on its backend and dtype with {@link Autodiff#valueAndGrad}.
 */
final class AutodiffObjective implements DifferentiableFunction {
    private final Function<Var, Var> f;
    private final Backend backend;
    private final DType dtype;
    private final int[] dims;
    private final String op;

    AutodiffObjective(Function<Var, Var> f, Tensor x0, String op) {
        this.f = Checks.notNull(f, op, "objective");
        Checks.notNull(x0, op, "x0");
        x0.ensureOpen();
        if (x0.size() == 0) {
            throw new InvalidArgumentException(op + ": x0 must have at least one element, got shape " + x0.shape());
        }
        this.backend = x0.backend();
        this.dtype = x0.dtype();
        this.dims = x0.dims();
        this.op = op;
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor xt = tensor(x);
            ValueAndGrad vg = Autodiff.valueAndGrad(f, xt);
            if (vg.value().size() != 1) {
                throw new InvalidArgumentException(op + ": the objective must return a single element, got shape "
                        + vg.value().shape());
            }
            double value = vg.value().item();
            double[] g = vg.gradient().toDoubleArray();
            System.arraycopy(g, 0, gradient, 0, gradient.length);
            return value;
        }
    }

    /** A new tensor of the starting point's shape, dtype and backend holding {@code x}. */
    Tensor tensor(double[] x) {
        return Vectors.tensor(backend, dtype, x, dims);
    }
}
