package org.nabla4j.autodiff;

import java.util.function.Function;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Functional transforms over functions written with {@link Var}s, in the style of JAX: {@code grad},
 * {@code valueAndGrad}, {@code jacobian}, {@code hessian}, {@code hvp}, {@code jvp} and {@code vjp}.
 *
 * <p>Each call creates a {@link GradientTape}, watches the inputs, applies the function once (or once per call), and
 * closes the tape before returning; the returned tensors are new and owned by the caller. The inputs are neither
 * copied nor modified. The function must build its result from the {@code Var}s it is given (constants may be created
 * with {@code x.tape().constant(...)}); returning a {@code Var} of another tape throws {@link TapeException}, and
 * returning null throws {@link InvalidArgumentException}.
 *
 * <p>Shapes: for {@code f: R^{shape(x)} -> R^{shape(y)}}, the gradient has {@code shape(x)}, the Jacobian
 * {@code shape(y) ++ shape(x)}, the Hessian {@code shape(x) ++ shape(x)} (both limited to rank
 * {@value Shape#MAX_RANK}), {@code hvp} returns {@code shape(x)}, {@code jvp} {@code shape(y)} and {@code vjp}
 * {@code shape(x)}.
 */
public final class Autodiff {
    private Autodiff() {}

    /**
     * The gradient of a scalar-valued {@code f} at {@code x}.
     *
     * @throws ShapeMismatchException if {@code f(x)} has more than one element
     * @throws InvalidArgumentException if an argument is null
     */
    public static Tensor grad(Function<Var, Var> f, Tensor x) {
        Checks.notNull(f, "grad", "f");
        Checks.notNull(x, "grad", "x");
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            Var y = scalar(apply(f, xv, "grad"), "grad");
            return tape.gradient(y, xv);
        }
    }

    /**
     * The value and the gradient of a scalar-valued {@code f} at {@code x}, from one forward and one backward pass.
     *
     * @throws ShapeMismatchException if {@code f(x)} has more than one element
     */
    public static ValueAndGrad valueAndGrad(Function<Var, Var> f, Tensor x) {
        Checks.notNull(f, "valueAndGrad", "f");
        Checks.notNull(x, "valueAndGrad", "x");
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            Var y = scalar(apply(f, xv, "valueAndGrad"), "valueAndGrad");
            Tensor g = tape.gradient(y, xv);
            return new ValueAndGrad(y.value().copy(), g);
        }
    }

    /**
     * The gradients of a scalar-valued {@code f} of several inputs, one per input.
     *
     * @throws ShapeMismatchException if {@code f(xs)} has more than one element
     * @throws InvalidArgumentException if no input is given or an argument is null
     */
    public static Tensor[] grad(Function<Var[], Var> f, Tensor... xs) {
        Checks.notNull(f, "grad", "f");
        try (GradientTape tape = new GradientTape()) {
            Var[] vs = watchAll(tape, xs, "grad");
            Var y = scalar(applyN(f, vs, tape, "grad"), "grad");
            return tape.gradient(y, vs);
        }
    }

    /**
     * The value and the gradients of a scalar-valued {@code f} of several inputs.
     *
     * @throws ShapeMismatchException if {@code f(xs)} has more than one element
     */
    public static ValueAndGrads valueAndGrad(Function<Var[], Var> f, Tensor... xs) {
        Checks.notNull(f, "valueAndGrad", "f");
        try (GradientTape tape = new GradientTape()) {
            Var[] vs = watchAll(tape, xs, "valueAndGrad");
            Var y = scalar(applyN(f, vs, tape, "valueAndGrad"), "valueAndGrad");
            Tensor[] g = tape.gradient(y, vs);
            return new ValueAndGrads(y.value().copy(), g);
        }
    }

    /**
     * The Hessian-vector product {@code H(x) v} of a scalar-valued {@code f}, without forming the Hessian: the
     * gradient of {@code <grad f(x), v>} (reverse over reverse).
     *
     * @throws ShapeMismatchException if {@code v}'s shape differs from {@code x}'s, or {@code f(x)} is not scalar
     */
    public static Tensor hvp(Function<Var, Var> f, Tensor x, Tensor v) {
        Checks.notNull(f, "hvp", "f");
        Checks.notNull(x, "hvp", "x");
        sameShape("hvp", x, v, "v");
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            Var y = scalar(apply(f, xv, "hvp"), "hvp");
            Var g = tape.gradientVars(y, xv)[0];
            Var gv = g.mul(tape.constant(v)).sum();
            return tape.gradient(gv, xv);
        }
    }

    /**
     * The Hessian of a scalar-valued {@code f} at {@code x}, of shape {@code shape(x) ++ shape(x)}: one reverse pass
     * through the recorded gradient per element of {@code x}.
     *
     * @throws ShapeMismatchException if {@code f(x)} is not scalar
     * @throws InvalidArgumentException if {@code 2 rank(x)} exceeds the maximum rank
     */
    public static Tensor hessian(Function<Var, Var> f, Tensor x) {
        Checks.notNull(f, "hessian", "f");
        Checks.notNull(x, "hessian", "x");
        int[] dims = joined("hessian", x.shape(), x.shape());
        try (GradientTape tape = GradientTape.persistent()) {
            Var xv = tape.watch(x);
            Var y = scalar(apply(f, xv, "hessian"), "hessian");
            Var g = tape.gradientVars(y, xv)[0];
            return rows(tape, g, xv, dims);
        }
    }

    /**
     * The Jacobian of {@code f} at {@code x}, of shape {@code shape(f(x)) ++ shape(x)}, by reverse mode: one backward
     * pass per element of {@code f(x)}.
     *
     * @throws InvalidArgumentException if {@code rank(f(x)) + rank(x)} exceeds the maximum rank
     */
    public static Tensor jacobian(Function<Var, Var> f, Tensor x) {
        Checks.notNull(f, "jacobian", "f");
        Checks.notNull(x, "jacobian", "x");
        try (GradientTape tape = GradientTape.persistent()) {
            Var xv = tape.watch(x);
            Var y = apply(f, xv, "jacobian");
            int[] dims = joined("jacobian", y.shape(), x.shape());
            return rows(tape, y, xv, dims);
        }
    }

    /**
     * The Jacobian-vector product {@code J(x) v} (forward-mode derivative of {@code f} at {@code x} in direction
     * {@code v}), of shape {@code shape(f(x))}. Computed by the double-VJP trick: {@code u -> J^T u} is recorded with
     * a watched seed {@code u}, and {@code J v} is the gradient of {@code <J^T u, v>} with respect to {@code u}.
     *
     * @throws ShapeMismatchException if {@code v}'s shape differs from {@code x}'s
     */
    public static Tensor jvp(Function<Var, Var> f, Tensor x, Tensor v) {
        Checks.notNull(f, "jvp", "f");
        Checks.notNull(x, "jvp", "x");
        sameShape("jvp", x, v, "v");
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            Var y = apply(f, xv, "jvp");
            try (Tensor zeros = y.value().backend().zeros(y.dtype(), y.value().dims())) {
                Var u = tape.watch(zeros);
                Var jtu = tape.vjp(y, u, xv)[0];
                Var inner = jtu.mul(tape.constant(v)).sum();
                return tape.gradient(inner, u);
            }
        }
    }

    /**
     * The vector-Jacobian product {@code u^T J(x)} of {@code f} at {@code x}, of shape {@code shape(x)}: one backward
     * pass seeded with {@code u}.
     *
     * @throws ShapeMismatchException if {@code u}'s shape differs from {@code f(x)}'s
     */
    public static Tensor vjp(Function<Var, Var> f, Tensor x, Tensor u) {
        Checks.notNull(f, "vjp", "f");
        Checks.notNull(x, "vjp", "x");
        Checks.notNull(u, "vjp", "u");
        try (GradientTape tape = new GradientTape()) {
            Var xv = tape.watch(x);
            Var y = apply(f, xv, "vjp");
            return tape.gradient(y, u, xv)[0];
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Var apply(Function<Var, Var> f, Var x, String api) {
        return checkResult(f.apply(x), x.tape(), api);
    }

    private static Var applyN(Function<Var[], Var> f, Var[] xs, GradientTape tape, String api) {
        return checkResult(f.apply(xs.clone()), tape, api);
    }

    private static Var checkResult(Var y, GradientTape tape, String api) {
        if (y == null) {
            throw new InvalidArgumentException(api + ": the function returned null");
        }
        if (y.tape() != tape) {
            throw new TapeException(api + ": the function returned a Var of another GradientTape; build the result "
                    + "from the Vars it is given");
        }
        return y;
    }

    private static Var scalar(Var y, String api) {
        if (y.size() != 1) {
            throw new ShapeMismatchException(api + ": the function must return one element, got shape " + y.shape()
                    + "; use jacobian or vjp for vector-valued functions");
        }
        return y;
    }

    private static Var[] watchAll(GradientTape tape, Tensor[] xs, String api) {
        Checks.notNull(xs, api, "xs");
        if (xs.length == 0) {
            throw new InvalidArgumentException(api + ": need at least one input");
        }
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = tape.watch(Checks.notNull(xs[i], api, "xs[" + i + "]"));
        }
        return vs;
    }

    private static void sameShape(String api, Tensor x, Tensor v, String name) {
        Checks.notNull(v, api, name);
        Tensor.checkSame(x, v, api);
        if (!x.shape().equals(v.shape())) {
            throw new ShapeMismatchException(
                    api + ": " + name + " has shape " + v.shape() + " but x has shape " + x.shape());
        }
    }

    private static int[] joined(String api, Shape a, Shape b) {
        if (a.rank() + b.rank() > Shape.MAX_RANK) {
            throw new InvalidArgumentException(api + ": the result would have shape " + a + " ++ " + b + ", rank "
                    + (a.rank() + b.rank()) + " > " + Shape.MAX_RANK);
        }
        int[] d = new int[a.rank() + b.rank()];
        System.arraycopy(a.dims(), 0, d, 0, a.rank());
        System.arraycopy(b.dims(), 0, d, a.rank(), b.rank());
        return d;
    }

    /** A tensor like {@code like} (backend, dtype, shape) holding {@code data}; rank 0 included. */
    static Tensor tensorOf(Tensor like, double[] data) {
        if (like.rank() == 0) {
            return like.backend().scalar(like.dtype(), data[0]);
        }
        return like.backend().of(like.dtype(), data, like.dims());
    }

    /** Row i of the result: the gradient of element i of {@code y} with respect to {@code x}, stacked. */
    private static Tensor rows(GradientTape tape, Var y, Var x, int[] dims) {
        int m = y.size();
        if (m == 0 || x.size() == 0) {
            return x.value().backend().zeros(x.dtype(), dims);
        }
        Tensor[] rows = new Tensor[m];
        try {
            double[] e = new double[m];
            for (int i = 0; i < m; i++) {
                e[i] = 1.0;
                try (Tensor seed = tensorOf(y.value(), e)) {
                    rows[i] = tape.gradient(y, seed, x)[0];
                }
                e[i] = 0.0;
            }
            try (Tensor stacked = Tensor.stack(0, rows)) {
                return stacked.reshape(dims);
            }
        } finally {
            for (Tensor r : rows) {
                if (r != null) {
                    r.close();
                }
            }
        }
    }
}
