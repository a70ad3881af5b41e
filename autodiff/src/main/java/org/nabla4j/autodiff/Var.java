package org.nabla4j.autodiff;

import java.util.ArrayList;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * A tensor value on a {@link GradientTape}: a watched input, a constant, or the result of a recorded operation.
 *
 * <p>{@code Var} mirrors every differentiable operation of {@link Tensor}, with the same names, arguments, shape rules
 * (NumPy broadcasting) and exceptions; see the {@code Tensor} method of the same name for what each computes. Every
 * operation is defined here together with its vector-Jacobian rule: given the gradient {@code g} of the result, the
 * rule returns the gradient of each input, written with {@code Var} operations so that the backward pass can itself
 * be recorded and differentiated (see {@link GradientTape#gradientVars}). Where an operand was broadcast, its
 * gradient is summed back to its shape with {@link Tensor#sumTo}.
 *
 * <p><b>Subgradients.</b> At points where an operation is not differentiable the tape uses these conventions:
 * {@code abs'(0) = 0}; {@code relu'(0) = 0}; {@code clamp}, {@code maximum(double)} and {@code minimum(double)} pass
 * the gradient where the input lies in the closed range (ties included); {@code maximum}/{@code minimum} of two
 * {@code Var}s split the gradient equally between tied operands; {@code max}/{@code min} reductions split it equally
 * among the tied maximal (minimal) elements; the gradient of {@code norm} at zero is zero; {@code pow} has zero
 * gradient with respect to the base where the exponent is 0, and zero gradient with respect to the exponent where the
 * base is 0 (NaN where the base is negative).
 *
 * <p>Operands of one operation must belong to the same tape ({@link TapeException} otherwise), the same backend and
 * dtype (the core exceptions otherwise). A {@code Var} is immutable; its value belongs to the tape (see
 * {@link #value()}).
 */
public final class Var {
    final GradientTape tape;
    final Tensor value;
    final Node node;
    /** Index in the tape's gradient array; negative for constants. */
    final int slot;

    final byte kind;
    /** While a backward pass runs: the slot whose gradient this TEMP value is, or a negative state. */
    int ownerSlot = -1;

    Var(GradientTape tape, Tensor value, Node node, int slot, byte kind) {
        this.tape = tape;
        this.value = value;
        this.node = node;
        this.slot = slot;
        this.kind = kind;
    }

    // ------------------------------------------------------------------ properties

    /**
     * The forward value. For a watched input or a constant made with {@link GradientTape#constant(Tensor)} this is
     * the caller's tensor; otherwise the tape owns it and closes it with the tape: copy it to keep it longer. Do not
     * modify it in place while a gradient that needs it is still to be computed.
     */
    public Tensor value() {
        return value;
    }

    /** The shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** The rank of the value. */
    public int rank() {
        return value.rank();
    }

    /** The number of elements of the value. */
    public int size() {
        return value.size();
    }

    /** The dtype of the value. */
    public DType dtype() {
        return value.dtype();
    }

    /** The tape this variable belongs to. */
    public GradientTape tape() {
        return tape;
    }

    /**
     * True if gradients flow through this variable: a watched input or the result of a recorded operation on one;
     * false for constants and {@link #stopGradient()} results.
     */
    public boolean requiresGrad() {
        return slot >= 0;
    }

    /**
     * The single element of a one-element value.
     *
     * @throws ShapeMismatchException if the value has more than one element
     */
    public double item() {
        return v("item").item();
    }

    /** A short description: the producing operation, shape, dtype and backend. */
    @Override
    public String toString() {
        String origin = node != null ? node.op : slot >= 0 ? "input" : "constant";
        return "Var(" + origin + ", " + value.describe() + ")";
    }

    // ------------------------------------------------------------------ helpers

    private Tensor v(String op) {
        tape.ensureOpen(op);
        return value;
    }

    private Tensor o(Var other, String op) {
        Checks.notNull(other, op, "operand");
        if (other.tape != tape) {
            throw new TapeException(op + ": operands belong to different GradientTapes: " + this + " on " + tape
                    + " and " + other + " on " + other.tape);
        }
        return other.value;
    }

    /** Wraps a tensor that a rule just created (a mask, a weight) as a constant on g's tape. */
    private static Var c(Var g, Tensor t) {
        return g.tape.fresh(t);
    }

    private Var zero() {
        return tape.fresh(value.backend().scalar(value.dtype(), 0.0));
    }

    /** Reshape that returns this Var when the shape is already right (used by rules, which never need a copy). */
    private Var reshapeTo(Shape s) {
        return s.equals(shape()) ? this : reshape(s.dims());
    }

    /** Restores reduced axes with extent 1 (when they were dropped), so the result broadcasts against the input. */
    private Var keptDims(int[] axes, boolean keepDims, Shape in) {
        return keepDims ? this : reshapeTo(in.reduce(axes, true));
    }

    /** The gradient of a reduction over {@code axes} spread back over the input shape. */
    private Var unreduce(int[] axes, boolean keepDims, Shape in) {
        Var k = keptDims(axes, keepDims, in);
        return k.shape().equals(in) ? k : k.broadcastTo(in.dims());
    }

    private static Var[] checkVars(String op, Var[] vars) {
        Checks.notNull(vars, op, "vars");
        if (vars.length == 0) {
            throw new InvalidArgumentException(op + ": need at least one Var");
        }
        Var first = Checks.notNull(vars[0], op, "vars[0]");
        first.v(op);
        for (int i = 1; i < vars.length; i++) {
            Checks.notNull(vars[i], op, "vars[" + i + "]");
            first.o(vars[i], op);
        }
        return vars.clone();
    }

    private static Tensor[] values(Var[] vars) {
        Tensor[] t = new Tensor[vars.length];
        for (int i = 0; i < vars.length; i++) {
            t[i] = vars[i].value;
        }
        return t;
    }

    private static int[] normAxes(int[] axes, int rank, String op) {
        return Shape.normalizeAxes(axes, rank, op);
    }

    // ------------------------------------------------------------------ element-wise arithmetic

    /** {@code this + other}, broadcast; gradient {@code g} to both, summed over broadcast axes. */
    public Var add(Var other) {
        Tensor y = v("add").add(o(other, "add"));
        return tape.record("add", y, this, other, (n, i, g) -> g.sumTo(n.in[i].shape()));
    }

    /** {@code this + s}. */
    public Var add(double s) {
        return tape.record("add", v("add").add(s), this, (n, i, g) -> g);
    }

    /** {@code this - other}, broadcast; gradients {@code g} and {@code -g}. */
    public Var sub(Var other) {
        Tensor y = v("sub").sub(o(other, "sub"));
        return tape.record("sub", y, this, other, (n, i, g) -> (i == 0 ? g : g.neg()).sumTo(n.in[i].shape()));
    }

    /** {@code this - s}. */
    public Var sub(double s) {
        return tape.record("sub", v("sub").sub(s), this, (n, i, g) -> g);
    }

    /** {@code s - this}; gradient {@code -g}. */
    public Var rsub(double s) {
        return tape.record("rsub", v("rsub").rsub(s), this, (n, i, g) -> g.neg());
    }

    /** {@code this * other} element-wise, broadcast; gradients {@code g * other} and {@code g * this}. */
    public Var mul(Var other) {
        Tensor y = v("mul").mul(o(other, "mul"));
        return tape.record("mul", y, this, other, (n, i, g) -> g.mul(n.x(1 - i)).sumTo(n.in[i].shape()));
    }

    /** {@code this * s}; gradient {@code g * s}. */
    public Var mul(double s) {
        return tape.record("mul", v("mul").mul(s), this, (n, i, g) -> g.mul(s));
    }

    /** {@code this / other}, broadcast; gradients {@code g / other} and {@code -g * this / other^2}. */
    public Var div(Var other) {
        Tensor y = v("div").div(o(other, "div"));
        return tape.record(
                "div",
                y,
                this,
                other,
                (n, i, g) -> i == 0
                        ? g.div(n.x(1)).sumTo(n.in[0].shape())
                        : g.mul(n.y()).div(n.x(1)).neg().sumTo(n.in[1].shape()));
    }

    /** {@code this / s}; gradient {@code g / s}. */
    public Var div(double s) {
        return tape.record("div", v("div").div(s), this, (n, i, g) -> g.div(s));
    }

    /** {@code s / this}; gradient {@code -g * s / this^2 = -g * y / this}. */
    public Var rdiv(double s) {
        return tape.record("rdiv", v("rdiv").rdiv(s), this, (n, i, g) -> g.mul(n.y())
                .div(n.x(0))
                .neg());
    }

    /**
     * {@code this ^ exponent} element-wise, broadcast. Gradients: {@code g * b * a^(b-1)} for the base (zero where
     * {@code b = 0}) and {@code g * a^b * log a} for the exponent (zero where {@code a = 0}, NaN where {@code a < 0}).
     */
    public Var pow(Var exponent) {
        Tensor y = v("pow").pow(o(exponent, "pow"));
        return tape.record("pow", y, this, exponent, (n, i, g) -> {
            Var a = n.x(0);
            Var b = n.x(1);
            if (i == 0) {
                // b - 1 + [b == 0] keeps a^(...) finite at a = 0 where the factor b is 0 anyway
                Var safeExp = b.sub(1.0).add(c(g, b.value.eq(0.0)));
                return g.mul(b.mul(a.pow(safeExp))).sumTo(a.shape());
            }
            Var safeBase = a.add(c(g, a.value.eq(0.0)));
            return g.mul(n.y().mul(safeBase.log())).sumTo(b.shape());
        });
    }

    /** {@code this ^ p}; gradient {@code g * p * this^(p-1)} (zero for {@code p = 0}). */
    public Var pow(double p) {
        return tape.record(
                "pow",
                v("pow").pow(p),
                this,
                (n, i, g) -> p == 0 ? null : g.mul(n.x(0).pow(p - 1)).mul(p));
    }

    /** {@code -this}. */
    public Var neg() {
        return tape.record("neg", v("neg").neg(), this, (n, i, g) -> g.neg());
    }

    /**
     * Element-wise maximum, broadcast; the gradient goes to the larger operand, half to each where they are equal.
     */
    public Var maximum(Var other) {
        Tensor y = v("maximum").maximum(o(other, "maximum"));
        return tape.record(
                "maximum", y, this, other, (n, i, g) -> g.mul(c(g, tieWeights(n.x(i).value, n.x(1 - i).value, true)))
                        .sumTo(n.in[i].shape()));
    }

    /** Element-wise {@code max(this, s)}; the gradient passes where {@code this >= s}. */
    public Var maximum(double s) {
        return tape.record(
                "maximum",
                v("maximum").maximum(s),
                this,
                (n, i, g) -> g.mul(c(g, n.x(0).value.ge(s))));
    }

    /**
     * Element-wise minimum, broadcast; the gradient goes to the smaller operand, half to each where they are equal.
     */
    public Var minimum(Var other) {
        Tensor y = v("minimum").minimum(o(other, "minimum"));
        return tape.record(
                "minimum", y, this, other, (n, i, g) -> g.mul(c(g, tieWeights(n.x(i).value, n.x(1 - i).value, false)))
                        .sumTo(n.in[i].shape()));
    }

    /** Element-wise {@code min(this, s)}; the gradient passes where {@code this <= s}. */
    public Var minimum(double s) {
        return tape.record(
                "minimum",
                v("minimum").minimum(s),
                this,
                (n, i, g) -> g.mul(c(g, n.x(0).value.le(s))));
    }

    /** 1 where {@code mine} wins, 1/2 where tied, 0 elsewhere (shape: the broadcast of both). */
    private static Tensor tieWeights(Tensor mine, Tensor theirs, boolean larger) {
        try (Tensor win = larger ? mine.gt(theirs) : mine.lt(theirs);
                Tensor tie = mine.eq(theirs);
                Tensor half = tie.mul(0.5)) {
            return win.add(half);
        }
    }

    /**
     * Clamps into {@code [lo, hi]}; the gradient passes where {@code lo <= this <= hi}.
     *
     * @throws InvalidArgumentException if a bound is NaN or {@code lo > hi}
     */
    public Var clamp(double lo, double hi) {
        return tape.record("clamp", v("clamp").clamp(lo, hi), this, (n, i, g) -> {
            Tensor x = n.x(0).value;
            try (Tensor ge = x.ge(lo);
                    Tensor le = x.le(hi)) {
                return g.mul(c(g, ge.mul(le)));
            }
        });
    }

    // ------------------------------------------------------------------ element-wise functions

    /** {@code |this|}; gradient {@code g * sign(this)} (0 at 0). */
    public Var abs() {
        return tape.record(
                "abs",
                v("abs").abs(),
                this,
                (n, i, g) -> g.mul(c(g, n.x(0).value.sign())));
    }

    /** {@code e^this}; gradient {@code g * y}. */
    public Var exp() {
        return tape.record("exp", v("exp").exp(), this, (n, i, g) -> g.mul(n.y()));
    }

    /** {@code e^this - 1}; gradient {@code g * (y + 1)}. */
    public Var expm1() {
        return tape.record("expm1", v("expm1").expm1(), this, (n, i, g) -> g.mul(n.y().add(1.0)));
    }

    /** Natural logarithm; gradient {@code g / this}. */
    public Var log() {
        return tape.record("log", v("log").log(), this, (n, i, g) -> g.div(n.x(0)));
    }

    /** {@code log(1 + this)}; gradient {@code g / (1 + this)}. */
    public Var log1p() {
        return tape.record("log1p", v("log1p").log1p(), this, (n, i, g) -> g.div(n.x(0).add(1.0)));
    }

    /** Square root; gradient {@code g / (2 y)}. */
    public Var sqrt() {
        return tape.record(
                "sqrt", v("sqrt").sqrt(), this, (n, i, g) -> g.div(n.y()).mul(0.5));
    }

    /** {@code this * this}; gradient {@code 2 g this}. */
    public Var square() {
        return tape.record(
                "square", v("square").square(), this, (n, i, g) -> g.mul(n.x(0)).mul(2.0));
    }

    /** {@code 1 / this}; gradient {@code -g y^2}. */
    public Var reciprocal() {
        return tape.record("reciprocal", v("reciprocal").reciprocal(), this, (n, i, g) -> g.mul(n.y().square())
                .neg());
    }

    /** Sine; gradient {@code g cos(this)}. */
    public Var sin() {
        return tape.record("sin", v("sin").sin(), this, (n, i, g) -> g.mul(n.x(0).cos()));
    }

    /** Cosine; gradient {@code -g sin(this)}. */
    public Var cos() {
        return tape.record(
                "cos", v("cos").cos(), this, (n, i, g) -> g.mul(n.x(0).sin()).neg());
    }

    /** Tangent; gradient {@code g (1 + y^2)}. */
    public Var tan() {
        return tape.record(
                "tan", v("tan").tan(), this, (n, i, g) -> g.mul(n.y().square().add(1.0)));
    }

    /** Hyperbolic tangent; gradient {@code g (1 - y^2)}. */
    public Var tanh() {
        return tape.record(
                "tanh",
                v("tanh").tanh(),
                this,
                (n, i, g) -> g.mul(n.y().square().rsub(1.0)));
    }

    /** Logistic sigmoid; gradient {@code g y (1 - y)} with {@code y = sigmoid(this)}. */
    public Var sigmoid() {
        return tape.record("sigmoid", v("sigmoid").sigmoid(), this, (n, i, g) -> {
            Var y = n.y();
            return g.mul(y.mul(y.rsub(1.0)));
        });
    }

    /** {@code max(this, 0)}; gradient {@code g} where {@code this > 0}, else 0. */
    public Var relu() {
        return tape.record(
                "relu",
                v("relu").relu(),
                this,
                (n, i, g) -> g.mul(c(g, n.x(0).value.gt(0.0))));
    }

    /** {@code log(1 + e^this)}, overflow-free; gradient {@code g sigmoid(this)}. */
    public Var softplus() {
        return tape.record("softplus", v("softplus").softplus(), this, (n, i, g) -> g.mul(n.x(0).sigmoid()));
    }

    /**
     * {@code cond != 0 ? a : b} element-wise; {@code cond}, {@code a} and {@code b} broadcast together. The gradient
     * goes to {@code a} where the condition holds and to {@code b} elsewhere; the condition is not differentiated.
     *
     * @throws TapeException if {@code a} and {@code b} belong to different tapes
     */
    public static Var where(Tensor cond, Var a, Var b) {
        Checks.notNull(cond, "where", "cond");
        Checks.notNull(a, "where", "a");
        a.v("where");
        a.o(b, "where");
        return whereOp(a.tape.constant(cond), a, b);
    }

    private static Var whereOp(Var cond, Var a, Var b) {
        Tensor y = Tensor.where(cond.value, a.value, b.value);
        return a.tape.record("where", y, new Var[] {cond, a, b}, (n, i, g) -> {
            Var z = g.zero();
            Var picked = i == 1 ? whereOp(n.x(0), g, z) : whereOp(n.x(0), z, g);
            return picked.sumTo(n.in[i].shape());
        });
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (rank 0). */
    public Var sum() {
        return sum(shape().allAxes(), false);
    }

    /** Sum over {@code axes}, dropping them. */
    public Var sum(int... axes) {
        return sum(axes, false);
    }

    /** Sum over {@code axes}, kept with extent 1 when {@code keepDims}; gradient {@code g} broadcast back. */
    public Var sum(int[] axes, boolean keepDims) {
        Tensor y = v("sum").sum(axes, keepDims);
        int[] ax = normAxes(axes, rank(), "sum");
        return tape.record("sum", y, this, (n, i, g) -> g.unreduce(ax, keepDims, n.in[0].shape()));
    }

    /** Mean of all elements. */
    public Var mean() {
        return mean(shape().allAxes(), false);
    }

    /** Mean over {@code axes}. */
    public Var mean(int... axes) {
        return mean(axes, false);
    }

    /** Mean over {@code axes}, optionally keeping them; gradient {@code g / count} broadcast back. */
    public Var mean(int[] axes, boolean keepDims) {
        Tensor y = v("mean").mean(axes, keepDims);
        int[] ax = normAxes(axes, rank(), "mean");
        int count = 1;
        for (int a : ax) {
            count *= shape().dim(a);
        }
        double inv = 1.0 / count;
        return tape.record("mean", y, this, (n, i, g) -> g.unreduce(ax, keepDims, n.in[0].shape())
                .mul(inv));
    }

    /** Maximum of all elements. */
    public Var max() {
        return max(shape().allAxes(), false);
    }

    /** Maximum over {@code axes}. */
    public Var max(int... axes) {
        return max(axes, false);
    }

    /**
     * Maximum over {@code axes}, optionally keeping them; the gradient goes to the maximal element, split equally
     * among ties.
     */
    public Var max(int[] axes, boolean keepDims) {
        Tensor y = v("max").max(axes, keepDims);
        return extremum("max", y, normAxes(axes, rank(), "max"), keepDims);
    }

    /** Minimum of all elements. */
    public Var min() {
        return min(shape().allAxes(), false);
    }

    /** Minimum over {@code axes}. */
    public Var min(int... axes) {
        return min(axes, false);
    }

    /**
     * Minimum over {@code axes}, optionally keeping them; the gradient goes to the minimal element, split equally
     * among ties.
     */
    public Var min(int[] axes, boolean keepDims) {
        Tensor y = v("min").min(axes, keepDims);
        return extremum("min", y, normAxes(axes, rank(), "min"), keepDims);
    }

    private Var extremum(String op, Tensor y, int[] ax, boolean keepDims) {
        return tape.record(op, y, this, (n, i, g) -> {
            Tensor x = n.x(0).value;
            Tensor yv = n.y().value;
            Tensor w;
            try (Tensor yk = keepDims
                            ? yv.copy()
                            : yv.reshape(x.shape().reduce(ax, true).dims());
                    Tensor hit = x.eq(yk);
                    Tensor count = hit.sum(ax, true)) {
                w = hit.div(count);
            }
            return g.unreduce(ax, keepDims, x.shape()).mul(c(g, w));
        });
    }

    /** {@code log(sum(exp(this)))} over all elements, stable for any magnitude. */
    public Var logSumExp() {
        return logSumExp(shape().allAxes(), false);
    }

    /** {@code log(sum(exp(this)))} over {@code axes}. */
    public Var logSumExp(int... axes) {
        return logSumExp(axes, false);
    }

    /**
     * {@code log(sum(exp(this)))} over {@code axes}, optionally keeping them; gradient {@code g * softmax(this)}
     * over those axes.
     */
    public Var logSumExp(int[] axes, boolean keepDims) {
        Tensor y = v("logSumExp").logSumExp(axes, keepDims);
        int[] ax = normAxes(axes, rank(), "logSumExp");
        return tape.record("logSumExp", y, this, (n, i, g) -> {
            Var x = n.x(0);
            Var softmax = x.sub(n.y().keptDims(ax, keepDims, x.shape())).exp();
            return g.unreduce(ax, keepDims, x.shape()).mul(softmax);
        });
    }

    /** Euclidean (Frobenius) norm of all elements. */
    public Var norm() {
        return norm(shape().allAxes(), false);
    }

    /** Euclidean norm over {@code axes}, optionally keeping them; gradient {@code g * this / y} (0 where y = 0). */
    public Var norm(int[] axes, boolean keepDims) {
        Tensor y = v("norm").norm(axes, keepDims);
        int[] ax = normAxes(axes, rank(), "norm");
        return tape.record("norm", y, this, (n, i, g) -> {
            Var x = n.x(0);
            Var yk = n.y().keptDims(ax, keepDims, x.shape());
            Var safe = yk.add(c(g, yk.value.eq(0.0)));
            return g.unreduce(ax, keepDims, x.shape()).mul(x.div(safe));
        });
    }

    /** Log-softmax along {@code axis}: {@code this - logSumExp(this, axis)}, stable for any magnitude. */
    public Var logSoftmax(int axis) {
        return sub(logSumExp(new int[] {axis}, true));
    }

    /** Softmax along {@code axis}: {@code exp(logSoftmax(axis))}. */
    public Var softmax(int axis) {
        return logSoftmax(axis).exp();
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product with NumPy {@code matmul} semantics (2-D, batched with broadcast batch axes, 1-D operands as
     * row/column vectors). Gradients {@code g B^T} and {@code A^T g}, summed over broadcast batch axes.
     */
    public Var matmul(Var other) {
        Tensor y = v("matmul").matmul(o(other, "matmul"));
        return tape.record("matmul", y, this, other, Var::matmulVjp);
    }

    private static Var matmulVjp(Node n, int i, Var g) {
        Var a = n.x(0);
        Var b = n.x(1);
        boolean aVec = a.rank() == 1;
        boolean bVec = b.rank() == 1;
        // undo the axis removal of 1-D operands, so that the rule is the batched 2-D one
        Var a2 = aVec ? a.reshapeTo(Shape.of(1, a.shape().dim(0))) : a;
        Var b2 = bVec ? b.reshapeTo(Shape.of(b.shape().dim(0), 1)) : b;
        Var g2 = g;
        if (aVec && bVec) {
            g2 = g.reshapeTo(Shape.of(1, 1));
        } else if (aVec) {
            g2 = g.unsqueeze(-2);
        } else if (bVec) {
            g2 = g.unsqueeze(-1);
        }
        if (i == 0) {
            return g2.matmul(b2.transpose(-1, -2)).sumTo(a2.shape()).reshapeTo(a.shape());
        }
        return a2.transpose(-1, -2).matmul(g2).sumTo(b2.shape()).reshapeTo(b.shape());
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * The main diagonal of a matrix; see {@link Tensor#diagonal()}. Recorded as a flatten and a strided slice, so
     * the gradient is {@code g} on the diagonal and 0 elsewhere.
     *
     * @throws ShapeMismatchException if this is not a matrix (rank 2)
     */
    public Var diagonal() {
        Shape s = v("diagonal").shape();
        if (s.rank() != 2) {
            throw new ShapeMismatchException("diagonal: need a matrix [m, n], got shape " + s);
        }
        int n = s.dim(1);
        int k = Math.min(s.dim(0), n);
        return flatten().slice(0, 0, k == 0 ? 0 : (k - 1) * (n + 1) + 1, n + 1);
    }

    /**
     * Solves {@code this · x = b} for a square, non-singular {@code this} {@code [n, n]} and {@code b} {@code [n]} or
     * {@code [n, k]}, with the backend's {@link org.nabla4j.core.Linalg#solve}. Gradients, with {@code x} the
     * solution: {@code ḡ_b = thisᵀ⁻¹ g} (one more solve, with the transpose) and {@code ḡ_A = −ḡ_b xᵀ}. Stacks
     * {@code [..., n, n]} work as in {@code Linalg} (a shared {@code b [n]}, or broadcast batch axes), the gradient of
     * a broadcast operand summed back to its shape.
     *
     * @throws org.nabla4j.core.ShapeMismatchException if {@code this} is not square or {@code b}'s rows differ
     * @throws org.nabla4j.core.SingularMatrixException if {@code this} is singular to working precision (also when
     *     the gradient is taken at such a point)
     */
    public Var solve(Var b) {
        Tensor y = v("solve").backend().linalg().solve(value, o(b, "solve"));
        return tape.record("solve", y, this, b, (n, i, g) -> {
            Var a = n.x(0);
            Var x = n.y();
            // one right-hand side per matrix: solve with the columns [..., n, 1], as Linalg reads [..., n, k]
            boolean vectors = n.x(1).rank() == 1;
            Var gColumns = vectors ? g.unsqueeze(-1) : g;
            Var gb = a.transpose(-1, -2).solve(gColumns);
            if (i == 1) {
                return (vectors ? gb.squeeze(-1) : gb).sumTo(n.x(1).shape());
            }
            Var xColumns = vectors ? x.unsqueeze(-1) : x;
            return gb.matmul(xColumns.transpose(-1, -2)).neg().sumTo(a.shape());
        });
    }

    /**
     * The inverse of a square, non-singular matrix; see {@link org.nabla4j.core.Linalg#inverse}. Gradient, with
     * {@code Y = this⁻¹}: {@code −Yᵀ g Yᵀ}. Prefer {@link #solve} to multiplying by an inverse.
     *
     * @throws org.nabla4j.core.ShapeMismatchException if {@code this} is not a square matrix
     * @throws org.nabla4j.core.SingularMatrixException if it is singular to working precision
     */
    public Var inverse() {
        Tensor y = v("inverse").backend().linalg().inverse(value);
        return tape.record("inverse", y, this, (n, i, g) -> {
            Var yt = n.y().transpose(-1, -2);
            return yt.matmul(g).matmul(yt).neg();
        });
    }

    /**
     * The determinant of a square matrix, as a rank-0 value; see {@link org.nabla4j.core.Linalg#det}. Gradient:
     * {@code g · det(A) · A⁻ᵀ} (Jacobi's formula). The gradient needs {@code A⁻¹}, so taking it at a singular matrix
     * fails with {@link org.nabla4j.core.SingularMatrixException} even though {@code det} itself is defined there.
     *
     * @throws org.nabla4j.core.ShapeMismatchException if {@code this} is not a square matrix
     */
    public Var det() {
        Tensor a = v("det");
        Tensor y = a.backend().scalar(a.dtype(), a.backend().linalg().det(a));
        return tape.record("det", y, this, (n, i, g) -> inverseTranspose(n).mul(g.mul(n.y())));
    }

    /**
     * {@code ln |det A|} of a square matrix, as a rank-0 value, without the overflow of {@link #det}; see
     * {@link org.nabla4j.core.Linalg#slogdet}. Gradient: {@code g · A⁻ᵀ}. A singular matrix gives {@code -∞}, and
     * its gradient fails with {@link org.nabla4j.core.SingularMatrixException}.
     *
     * @throws ShapeMismatchException if {@code this} is not a square 2-D matrix
     */
    public Var logAbsDet() {
        Tensor a = v("logAbsDet");
        Tensor y = a.backend().scalar(a.dtype(), a.backend().linalg().slogdet(a).logAbs());
        return tape.record(
                "logAbsDet", y, this, (n, i, g) -> inverseTranspose(n).mul(g));
    }

    /** {@code A⁻ᵀ} of a determinant node's input, the derivative of {@code ln |det A|} (Jacobi's formula). */
    private static Var inverseTranspose(Node n) {
        return n.x(0).inverse().transpose();
    }

    /**
     * The lower-triangular Cholesky factor {@code L} of a symmetric positive definite matrix ({@code A = L Lᵀ}); see
     * {@link org.nabla4j.core.Linalg#cholesky}. Gradient (Murray, 2016): with {@code P = Φ(Lᵀ g)}, where {@code Φ}
     * keeps the lower triangle and halves the diagonal, {@code S = L⁻ᵀ P L⁻¹} (two triangular solves), the gradient is
     * the symmetric {@code (S + Sᵀ) / 2}: since {@code A} must be symmetric, it is perturbed symmetrically, and the
     * gradient is the one for that parameterization (as in PyTorch and JAX). Build {@code A} from unconstrained
     * parameters (for example {@code X Xᵀ + εI}) to differentiate with respect to them.
     *
     * @throws org.nabla4j.core.ShapeMismatchException if {@code this} is not a square matrix
     * @throws InvalidArgumentException if it is not symmetric
     * @throws org.nabla4j.core.NotPositiveDefiniteException if it is not positive definite
     */
    public Var cholesky() {
        Tensor y = v("cholesky").backend().linalg().cholesky(value);
        return tape.record("cholesky", y, this, (n, i, g) -> {
            Var l = n.y();
            Var lt = l.transpose(-1, -2);
            Var p = lt.matmul(g).mul(c(g, lowerHalfMask(l.value)));
            Var t = lt.solve(p);
            Var s = lt.solve(t.transpose(-1, -2)).transpose(-1, -2);
            return s.add(s.transpose(-1, -2)).mul(0.5);
        });
    }

    /**
     * The eigen-decomposition of a symmetric matrix on the tape: eigenvalues ascending and unit eigenvectors in the
     * columns, as in {@link org.nabla4j.core.Linalg#eigh}.
     *
     * @param values the eigenvalues {@code λ}, shape {@code [n]}
     * @param vectors the eigenvectors {@code V}, shape {@code [n, n]}
     */
    public record Eigen(Var values, Var vectors) {}

    /**
     * The eigen-decomposition of a symmetric matrix; see {@link org.nabla4j.core.Linalg#eigh}. Both parts are
     * differentiable, to any order. Gradients (Giles, 2008), taken, as for {@link #cholesky}, for symmetric
     * perturbations and therefore symmetric: from the eigenvalues {@code V diag(λ̄) Vᵀ}; from the eigenvectors
     * {@code V (F ∘ (Vᵀ V̄)) Vᵀ}, symmetrized, with {@code F_ij = 1/(λ_j − λ_i)} off the diagonal and 0 on it.
     *
     * <p>Eigenvectors are defined up to sign (and, for a repeated eigenvalue, up to a rotation within its eigenspace),
     * and the backends may choose differently: differentiate functions that do not depend on that choice, such as
     * {@code V diag(h(λ)) Vᵀ} or the squares of the components. The eigenvectors' gradient does not exist where two
     * eigenvalues coincide; taking it where two of them are within {@code 1e-13 · max(1, max |λ|)} of each other
     * fails with {@link InvalidArgumentException} naming them. The eigenvalues' first-order gradient is always
     * defined.
     *
     * @throws org.nabla4j.core.ShapeMismatchException if {@code this} is not a square matrix
     * @throws InvalidArgumentException if it is not symmetric (relative tolerance 1e-10 in FLOAT64, 1e-5 in FLOAT32)
     */
    public Eigen eigh() {
        org.nabla4j.core.Linalg.Eigen e = v("eigh").backend().linalg().eigh(value);
        Var[] parts = new Var[2];
        parts[0] = tape.record("eigh", e.values(), this, (n, i, g) -> {
            Var vecs = parts[1];
            return vecs.mul(g.unsqueeze(-2)).matmul(vecs.transpose(-1, -2));
        });
        parts[1] = tape.record("eigh", e.vectors(), this, (n, i, g) -> {
            Var lambda = parts[0];
            Var vecs = n.y();
            Var f = lambda.unsqueeze(-2).sub(lambda.unsqueeze(-1));
            Tensor eye = checkedGapsEye(lambda.value);
            Tensor offDiagonal = eye.rsub(1.0);
            Var inverseGaps = f.add(c(g, eye)).reciprocal().mul(c(g, offDiagonal));
            Var vt = vecs.transpose(-1, -2);
            Var s = vecs.matmul(inverseGaps.mul(vt.matmul(g))).matmul(vt);
            return s.add(s.transpose(-1, -2)).mul(0.5);
        });
        return new Eigen(parts[0], parts[1]);
    }

    /**
     * The identity matrix for the eigenvector rule, after checking that no two eigenvalues are too close for the
     * rule's {@code 1/(λ_j − λ_i)}.
     */
    private static Tensor checkedGapsEye(Tensor lambda) {
        double[] l = lambda.toDoubleArray();
        int n = lambda.shape().dim(-1);
        for (int start = 0; start < l.length; start += n) {
            double scale = 1;
            for (int i = start; i < start + n; i++) {
                scale = Math.max(scale, Math.abs(l[i]));
            }
            for (int i = start + 1; i < start + n; i++) {
                if (l[i] - l[i - 1] <= 1e-13 * scale) {
                    throw new InvalidArgumentException("eigh: the gradient of the eigenvectors does not exist at the "
                            + "repeated eigenvalue " + l[i] + " (eigenvalues " + (i - 1 - start) + " and "
                            + (i - start) + (lambda.rank() > 1 ? " of matrix " + start / n + " of the stack" : "")
                            + " differ by " + (l[i] - l[i - 1]) + "); differentiate a function of the eigenvalues, "
                            + "or one that does not depend on the basis of that eigenspace");
                }
            }
        }
        return lambda.backend().eye(lambda.dtype(), n);
    }

    /** {@code Φ}'s weights for an {@code [m, m]} matrix like {@code like}: 1 below the diagonal, ½ on it, 0 above. */
    private static Tensor lowerHalfMask(Tensor like) {
        int m = like.shape().dim(-1);
        double[] w = new double[m * m];
        for (int r = 0; r < m; r++) {
            for (int col = 0; col < r; col++) {
                w[r * m + col] = 1;
            }
            w[r * m + r] = 0.5;
        }
        return like.backend().of(like.dtype(), w, m, m);
    }

    // ------------------------------------------------------------------ shape

    /** Reverses the order of all axes; gradient {@code g.transpose()}. */
    public Var transpose() {
        return tape.record("transpose", v("transpose").transpose(), this, (n, i, g) -> g.transpose());
    }

    /** Swaps two axes; gradient {@code g.transpose(axis1, axis2)}. */
    public Var transpose(int axis1, int axis2) {
        Tensor y = v("transpose").transpose(axis1, axis2);
        return tape.record("transpose", y, this, (n, i, g) -> g.transpose(axis1, axis2));
    }

    /** Permutes axes (result axis {@code i} is input axis {@code perm[i]}); gradient: the inverse permutation. */
    public Var permute(int... perm) {
        Tensor y = v("permute").permute(perm);
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[Shape.normalizeAxis(perm[i], perm.length, "permute")] = i;
        }
        return tape.record("permute", y, this, (n, i, g) -> g.permute(inverse));
    }

    /** Same elements with a new shape (one extent may be -1); gradient {@code g} reshaped back. */
    public Var reshape(int... newShape) {
        return reshaped("reshape", v("reshape").reshape(newShape));
    }

    /** Reshapes to 1-D. */
    public Var flatten() {
        return reshaped("flatten", v("flatten").flatten());
    }

    /** Removes {@code axis}, which must have extent 1. */
    public Var squeeze(int axis) {
        return reshaped("squeeze", v("squeeze").squeeze(axis));
    }

    /** Inserts an axis of extent 1 at {@code axis}. */
    public Var unsqueeze(int axis) {
        return reshaped("unsqueeze", v("unsqueeze").unsqueeze(axis));
    }

    private Var reshaped(String op, Tensor y) {
        return tape.record(op, y, this, (n, i, g) -> g.reshapeTo(n.in[0].shape()));
    }

    /** Slice {@code [start, end)} along {@code axis}; see {@link #slice(int, int, int, int)}. */
    public Var slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /**
     * Python-style slice {@code start:end:step} along {@code axis} (as {@link Tensor#slice(int, int, int, int)});
     * gradient: {@code g} scattered into zeros of the input shape.
     */
    public Var slice(int axis, int start, int end, int step) {
        Tensor y = v("slice").slice(axis, start, end, step);
        int a = Shape.normalizeAxis(axis, rank(), "slice");
        int n = shape().dim(a);
        int s = Math.max(0, Math.min(n, start < 0 ? start + n : start));
        return tape.record("slice", y, this, (nd, i, g) -> g.unslice(a, s, step, n));
    }

    /** The sub-tensor at {@code index} along {@code axis}, that axis removed; gradient scattered back. */
    public Var select(int axis, int index) {
        Tensor y = v("select").select(axis, index);
        int a = Shape.normalizeAxis(axis, rank(), "select");
        int n = shape().dim(a);
        int idx = index < 0 ? index + n : index;
        return tape.record("select", y, this, (nd, i, g) -> g.unsqueeze(a).unslice(a, idx, 1, n));
    }

    /**
     * The adjoint of slicing: this tensor's elements placed at {@code start, start + step, ...} of an axis of extent
     * {@code n}, zeros elsewhere. Its gradient is the slice again, so slicing is differentiable to any order.
     */
    private Var unslice(int axis, int start, int step, int n) {
        Tensor y = scatter(v("slice"), axis, start, step, n);
        int len = shape().dim(axis);
        return tape.record(
                "unslice",
                y,
                this,
                (nd, i, g) -> len == 0 ? null : g.slice(axis, start, start + (len - 1) * step + 1, step));
    }

    private static Tensor scatter(Tensor g, int axis, int start, int step, int n) {
        int[] d = g.dims();
        int len = d[axis];
        int[] full = d.clone();
        full[axis] = n;
        if (len == 0) {
            return g.backend().zeros(g.dtype(), full);
        }
        ArrayList<Tensor> temps = new ArrayList<>();
        try {
            Tensor spread = g;
            int span = len;
            if (step > 1 && len > 1) {
                // interleave step-1 zeros after each element, then cut the trailing zeros
                Tensor gu = g.unsqueeze(axis + 1);
                temps.add(gu);
                int[] zd = gu.dims();
                zd[axis + 1] = step - 1;
                Tensor z = g.backend().zeros(g.dtype(), zd);
                temps.add(z);
                Tensor joined = Tensor.concat(axis + 1, gu, z);
                temps.add(joined);
                int[] rd = d.clone();
                rd[axis] = len * step;
                Tensor r = joined.reshape(rd);
                temps.add(r);
                span = (len - 1) * step + 1;
                spread = r.slice(axis, 0, span);
                temps.add(spread);
            }
            int after = n - start - span;
            if (start == 0 && after == 0) {
                if (spread == g) {
                    return g.copy();
                }
                temps.remove(spread);
                return spread;
            }
            ArrayList<Tensor> parts = new ArrayList<>(3);
            if (start > 0) {
                int[] bd = d.clone();
                bd[axis] = start;
                Tensor before = g.backend().zeros(g.dtype(), bd);
                temps.add(before);
                parts.add(before);
            }
            parts.add(spread);
            if (after > 0) {
                int[] ad = d.clone();
                ad[axis] = after;
                Tensor rest = g.backend().zeros(g.dtype(), ad);
                temps.add(rest);
                parts.add(rest);
            }
            return Tensor.concat(axis, parts.toArray(new Tensor[0]));
        } finally {
            for (Tensor t : temps) {
                t.close();
            }
        }
    }

    /**
     * Concatenates along {@code axis} (as {@link Tensor#concat}); each input's gradient is its slice of {@code g}.
     *
     * @throws TapeException if the Vars belong to different tapes
     */
    public static Var concat(int axis, Var... vars) {
        Var[] in = checkVars("concat", vars);
        Tensor y = Tensor.concat(axis, values(in));
        int a = Shape.normalizeAxis(axis, in[0].rank(), "concat");
        int[] off = new int[in.length + 1];
        for (int i = 0; i < in.length; i++) {
            off[i + 1] = off[i] + in[i].shape().dim(a);
        }
        return in[0].tape.record("concat", y, in, (n, i, g) -> g.slice(a, off[i], off[i + 1]));
    }

    /**
     * Stacks equally shaped Vars along a new axis (as {@link Tensor#stack}); input {@code i}'s gradient is
     * {@code g.select(axis, i)}.
     *
     * @throws TapeException if the Vars belong to different tapes
     */
    public static Var stack(int axis, Var... vars) {
        Var[] in = checkVars("stack", vars);
        Tensor y = Tensor.stack(axis, values(in));
        int a = Shape.normalizeAxis(axis, in[0].rank() + 1, "stack");
        return in[0].tape.record("stack", y, in, (n, i, g) -> g.select(a, i));
    }

    /**
     * Materializes the broadcast to {@code target}; gradient {@code g.sumTo(shape)}. Returns this Var when the shape
     * is already {@code target}.
     */
    public Var broadcastTo(int... target) {
        Checks.notNull(target, "broadcastTo", "target");
        if (Shape.of(target).equals(shape())) {
            v("broadcastTo");
            return this;
        }
        Tensor y = v("broadcastTo").broadcastTo(target);
        return tape.record("broadcastTo", y, this, (n, i, g) -> g.sumTo(n.in[0].shape()));
    }

    /**
     * Sums this Var down to {@code target}, a shape that broadcasts to this one (the adjoint of
     * {@link #broadcastTo}, as {@link Tensor#sumTo}); gradient {@code g} broadcast back. Returns this Var when the
     * shape is already {@code target}.
     *
     * @throws ShapeMismatchException if {@code target} does not broadcast to this shape
     */
    public Var sumTo(Shape target) {
        Checks.notNull(target, "sumTo", "target");
        if (target.equals(shape())) {
            v("sumTo");
            return this;
        }
        Tensor y = v("sumTo").sumTo(target);
        return tape.record("sumTo", y, this, (n, i, g) -> g.broadcastTo(n.in[0].value.dims()));
    }

    // ------------------------------------------------------------------ gradient control

    /**
     * The same value with the gradient blocked: a constant for the tape, so nothing flows back through it. The
     * value is shared with this Var, not copied.
     */
    public Var stopGradient() {
        v("stopGradient");
        if (slot < 0 || !tape.isRecording()) {
            return this;
        }
        return new Var(tape, value, null, -1, GradientTape.USER);
    }

    /**
     * Applies a user-defined operation with its own vector-Jacobian rule. The forward value is
     * {@code op.forward(values of inputs)}; the backward pass calls {@code op.vjp}. All inputs must belong to the
     * same tape; the operation is recorded if any of them requires a gradient.
     *
     * @throws InvalidArgumentException if {@code op} or an input is null, or {@code forward} returns null
     * @throws TapeException if the inputs belong to different tapes
     */
    public static Var custom(CustomOp op, Var... inputs) {
        Checks.notNull(op, "custom", "op");
        String name = String.valueOf(op.name());
        Var[] in = checkVars(name, inputs);
        Tensor[] vals = values(in);
        Tensor y = op.forward(vals.clone());
        if (y == null) {
            throw new InvalidArgumentException(name + ": forward returned null");
        }
        y.ensureOpen();
        for (Tensor t : vals) {
            if (t == y) {
                y = y.copy(); // the tape owns and closes its results; never an input
                break;
            }
        }
        return in[0].tape.record(name, y, in, (n, i, g) -> {
            Var[] all = (Var[]) n.cache;
            if (all == null) {
                Var[] xs = new Var[n.in.length];
                for (int k = 0; k < xs.length; k++) {
                    xs[k] = n.x(k);
                }
                all = op.vjp(g, n.y(), xs);
                checkCustomVjp(name, all, xs, g.tape);
                n.cache = all;
            }
            return all[i];
        });
    }

    private static void checkCustomVjp(String name, Var[] grads, Var[] inputs, GradientTape tape) {
        if (grads == null || grads.length != inputs.length) {
            throw new InvalidArgumentException(name + ": vjp must return one gradient (or null) per input: expected "
                    + inputs.length + ", got " + (grads == null ? "null" : String.valueOf(grads.length)));
        }
        for (int k = 0; k < grads.length; k++) {
            Var gk = grads[k];
            if (gk == null) {
                continue;
            }
            if (gk.tape != tape) {
                throw new TapeException(name + ": vjp returned a Var of another GradientTape for input " + k);
            }
            if (!gk.shape().equals(inputs[k].shape())) {
                throw new ShapeMismatchException(name + ": vjp returned a gradient of shape " + gk.shape()
                        + " for input " + k + " of shape " + inputs[k].shape());
            }
        }
    }
}
