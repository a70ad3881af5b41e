package org.nabla4j.optim;

import java.util.List;
import java.util.function.Function;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.ValueAndGrad;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Evaluates the pieces of a {@link ConstrainedProblem} on flat {@code double[]} points: values by a forward pass,
 * gradients of scalar combinations by {@link Autodiff#valueAndGrad}. Bounds are kept as arrays of length {@code n}
 * ({@code ±∞} where absent) and handled in plain arithmetic by the callers.
 */
final class ProblemEvaluator {
    private final ConstrainedProblem problem;
    private final Backend backend;
    private final DType dtype;
    private final int[] dims;
    final int n;
    final int equalityCount;
    final int inequalityCount;
    final double[] lower;
    final double[] upper;
    int evaluations;

    /** Values of the problem's functions at one point. */
    record Values(double f, double[] h, double[] g) {
        boolean finite() {
            return Double.isFinite(f) && Vectors.allFinite(h) && Vectors.allFinite(g);
        }
    }

    ProblemEvaluator(ConstrainedProblem problem, Tensor x0, String op) {
        this.problem = Checks.notNull(problem, op, "problem");
        Checks.notNull(x0, op, "x0");
        x0.ensureOpen();
        if (x0.size() == 0) {
            throw new InvalidArgumentException(op + ": x0 must have at least one element, got shape " + x0.shape());
        }
        this.backend = x0.backend();
        this.dtype = x0.dtype();
        this.dims = x0.dims();
        this.n = x0.size();
        this.lower = Bounds.expand(problem.lowerBounds(), Double.NEGATIVE_INFINITY, n, "lowerBounds", op);
        this.upper = Bounds.expand(problem.upperBounds(), Double.POSITIVE_INFINITY, n, "upperBounds", op);
        Values v = values(x0.toDoubleArray());
        this.equalityCount = v.h().length;
        this.inequalityCount = v.g().length;
    }

    Tensor tensor(double[] x) {
        return Vectors.tensor(backend, dtype, x, dims);
    }

    Tensor vector(double[] v) {
        return Vectors.tensor(backend, dtype, v, new int[] {v.length});
    }

    /** {@code f(x)} as a one-element Var, checked. */
    Var objective(Var x) {
        Var f = problem.objective().apply(x);
        if (f == null || f.size() != 1) {
            throw new InvalidArgumentException("ConstrainedProblem: the objective must return one element, got "
                    + (f == null ? "null" : "shape " + f.shape()));
        }
        return f.rank() == 0 ? f : f.reshape();
    }

    /** All equality constraints as one flat Var, or null when there are none. */
    Var equalities(Var x) {
        return stacked(problem.equalities(), x, "equality");
    }

    /** All inequality constraints as one flat Var, or null when there are none. */
    Var inequalities(Var x) {
        return stacked(problem.inequalities(), x, "inequality");
    }

    private static Var stacked(List<Function<Var, Var>> fns, Var x, String kind) {
        Var[] parts = new Var[fns.size()];
        int total = 0;
        for (int k = 0; k < parts.length; k++) {
            Var c = fns.get(k).apply(x);
            if (c == null) {
                throw new InvalidArgumentException(
                        "ConstrainedProblem: " + kind + " constraint " + k + " returned null");
            }
            parts[k] = c.flatten();
            total += parts[k].size();
        }
        if (total == 0) {
            return null;
        }
        return parts.length == 1 ? parts[0] : Var.concat(0, parts);
    }

    /** {@code f(x)}, {@code h(x)} and {@code g(x)} by one forward pass (one evaluation). */
    Values values(double[] x) {
        evaluations++;
        try (TensorScope scope = TensorScope.open();
                GradientTape tape = new GradientTape()) {
            Var xv = tape.constant(tensor(x));
            double f = objective(xv).item();
            Var h = equalities(xv);
            Var g = inequalities(xv);
            return new Values(
                    f,
                    h == null ? new double[0] : h.value().toDoubleArray(),
                    g == null ? new double[0] : g.value().toDoubleArray());
        }
    }

    /** Value of the scalar program {@code s} at {@code x}, with its gradient written to {@code gradient}. */
    double valueAndGradient(Function<Var, Var> s, double[] x, double[] gradient) {
        evaluations++;
        try (TensorScope scope = TensorScope.open()) {
            ValueAndGrad vg = Autodiff.valueAndGrad(s, tensor(x));
            double[] g = vg.gradient().toDoubleArray();
            System.arraycopy(g, 0, gradient, 0, n);
            return vg.value().item();
        }
    }

    /** {@code Σ w_i c_i} for the flat constraint vector {@code c} (null when empty) and constant weights. */
    Var weightedSum(Var c, double[] w) {
        return c.mul(c.tape().constant(vector(w))).sum();
    }
}
