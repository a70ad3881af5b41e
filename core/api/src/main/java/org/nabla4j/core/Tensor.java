package org.nabla4j.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An n-dimensional array (rank 0 to {@value Shape#MAX_RANK}) of {@link DType#FLOAT64} or {@link DType#FLOAT32}
 * numbers, stored row-major and owned by one {@link Backend}.
 *
 * <p><b>Semantics.</b> Operations return new tensors and never share storage with their inputs. Element-wise
 * operations follow NumPy broadcasting. The only mutations are the in-place methods with an {@code i} suffix
 * ({@link #addi}, {@link #subi}, {@link #muli}, {@link #divi}) and {@link #assign}; each increments
 * {@link #version()} so that autodiff can detect mutation of a tensor it saved.
 *
 * <p><b>Errors.</b> Every method validates its arguments and throws a {@link Nabla4jException} subclass naming what
 * was wrong: {@link ShapeMismatchException} (showing both shapes), {@link InvalidAxisException},
 * {@link DTypeMismatchException} and {@link BackendMismatchException} when two tensors of different dtypes or
 * backends meet (convert explicitly with {@link #toDType} or {@link #toBackend}), {@link InvalidArgumentException}
 * for bad scalars, and {@link TensorClosedException} for any use after {@link #close()}.
 *
 * <p><b>Memory.</b> A tensor is {@link AutoCloseable}; closing releases its storage at once (native memory on ND4J).
 * {@link TensorScope} closes groups of tensors. A tensor that is never closed is reclaimed by the garbage
 * collector as usual.
 *
 * <p><b>Threads.</b> Tensors are not synchronized: concurrent reads are safe, concurrent in-place writes are not.
 *
 * <p>The static factories ({@link #zeros}, {@link #of}, ...) create tensors on {@link Backends#defaultBackend()}; use
 * the same methods on a {@link Backend} to choose one. Backends extend this class; its constructor and abstract
 * methods are the storage half of the backend SPI.
 */
public abstract class Tensor implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();
    private static final int PRINT_LIMIT = 1000;

    private final long id;
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;
    private volatile boolean closed;
    private int version;
    private String name;
    TensorScope scope;

    /**
     * Creates the tensor header and registers it with the current {@link TensorScope}. Called by backends only.
     */
    protected Tensor(Backend backend, Shape shape, DType dtype) {
        this.id = IDS.incrementAndGet();
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
        TensorScope.register(this);
    }

    /** Releases the backend storage; called once by {@link #close()}. */
    protected abstract void release();

    // ------------------------------------------------------------------ factories on the default backend

    /** Zeros of the given shape, FLOAT64, on the default backend. */
    public static Tensor zeros(int... shape) {
        return Backends.defaultBackend().zeros(shape);
    }

    /** Zeros of the given dtype and shape on the default backend. */
    public static Tensor zeros(DType dtype, int... shape) {
        return Backends.defaultBackend().zeros(dtype, shape);
    }

    /** Ones of the given shape, FLOAT64, on the default backend. */
    public static Tensor ones(int... shape) {
        return Backends.defaultBackend().ones(shape);
    }

    /** Ones of the given dtype and shape on the default backend. */
    public static Tensor ones(DType dtype, int... shape) {
        return Backends.defaultBackend().ones(dtype, shape);
    }

    /** Every element {@code value}; see {@link Backend#full}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        return Backends.defaultBackend().full(dtype, value, shape);
    }

    /** A copy of {@code data}, row-major, FLOAT64; 1-D when no shape is given. See {@link Backend#of}. */
    public static Tensor of(double[] data, int... shape) {
        return Backends.defaultBackend().of(data, shape);
    }

    /** A copy of {@code data} in the given dtype; see {@link Backend#of(DType, double[], int...)}. */
    public static Tensor of(DType dtype, double[] data, int... shape) {
        return Backends.defaultBackend().of(dtype, data, shape);
    }

    /** A rank-0 FLOAT64 tensor. */
    public static Tensor scalar(double value) {
        return Backends.defaultBackend().scalar(value);
    }

    /** See {@link Backend#arange(double, double, double)}. */
    public static Tensor arange(double start, double end, double step) {
        return Backends.defaultBackend().arange(start, end, step);
    }

    /** See {@link Backend#linspace(double, double, int)}. */
    public static Tensor linspace(double start, double end, int n) {
        return Backends.defaultBackend().linspace(start, end, n);
    }

    /** The {@code n x n} identity, FLOAT64. */
    public static Tensor eye(int n) {
        return Backends.defaultBackend().eye(n);
    }

    /** See {@link Backend#randUniform(long, double, double, int...)}. */
    public static Tensor randUniform(long seed, double low, double high, int... shape) {
        return Backends.defaultBackend().randUniform(seed, low, high, shape);
    }

    /** See {@link Backend#randNormal(long, double, double, int...)}. */
    public static Tensor randNormal(long seed, double mean, double std, int... shape) {
        return Backends.defaultBackend().randNormal(seed, mean, std, shape);
    }

    // ------------------------------------------------------------------ properties

    /** The owning backend. */
    public final Backend backend() {
        return backend;
    }

    /** The shape. */
    public final Shape shape() {
        return shape;
    }

    /** The extents, as an array (a copy). */
    public final int[] dims() {
        return shape.dims();
    }

    /** The rank (number of axes). */
    public final int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public final int size() {
        return shape.size();
    }

    /** The element type. */
    public final DType dtype() {
        return dtype;
    }

    /** A process-unique id, shown in messages. */
    public final long id() {
        return id;
    }

    /**
     * Number of in-place modifications so far. Autodiff records it when it saves a tensor and refuses to use the
     * tensor in backward if it changed.
     */
    public final int version() {
        return version;
    }

    /** Gives this tensor a name shown in error messages and {@link #toString()}; returns this. */
    public final Tensor named(String name) {
        this.name = name;
        return this;
    }

    /** The name given with {@link #named}, or null. */
    public final String name() {
        return name;
    }

    /** True once {@link #close()} has run. */
    public final boolean isClosed() {
        return closed;
    }

    /** A short description for messages: {@code tensor#12 'w' [3, 4] FLOAT64 (ejml)}. */
    public final String describe() {
        return "tensor#" + id + (name == null ? "" : " '" + name + "'") + " " + shape + " " + dtype + " ("
                + backend.name() + ")";
    }

    /**
     * Throws {@link TensorClosedException} naming this tensor if it has been closed.
     */
    public final void ensureOpen() {
        if (closed) {
            throw new TensorClosedException(describe() + " was used after it was closed");
        }
    }

    /** Releases the storage now. Idempotent. Any later use throws {@link TensorClosedException}. */
    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    // ------------------------------------------------------------------ conversion and access

    /** All elements, row-major, widened to double (a new array). */
    public final double[] toDoubleArray() {
        ensureOpen();
        return k().toDoubleArray(this);
    }

    /** All elements, row-major, narrowed to float (a new array). */
    public final float[] toFloatArray() {
        double[] d = toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The single element of a size-1 tensor (any rank).
     *
     * @throws ShapeMismatchException if the tensor does not have exactly one element
     */
    public final double item() {
        ensureOpen();
        if (size() != 1) {
            throw new ShapeMismatchException("item: expected a tensor with one element, got shape " + shape);
        }
        return k().get(this, 0);
    }

    /**
     * The element at {@code index} (one index per axis; negative indices count from the end).
     *
     * @throws InvalidArgumentException if the number of indices differs from the rank or one is out of range
     */
    public final double get(int... index) {
        ensureOpen();
        return k().get(this, shape.flatIndex(index));
    }

    /** A copy with its own storage. */
    public final Tensor copy() {
        ensureOpen();
        return k().copy(this);
    }

    /** This tensor converted to {@code dtype}; a copy even when the dtype is the same. */
    public final Tensor toDType(DType target) {
        ensureOpen();
        Checks.notNull(target, "toDType", "dtype");
        return target == dtype ? k().copy(this) : k().cast(this, target);
    }

    /** A copy of this tensor owned by {@code target} (same dtype). */
    public final Tensor toBackend(Backend target) {
        ensureOpen();
        Checks.notNull(target, "toBackend", "backend");
        if (target == backend) {
            return copy();
        }
        return target.kernels().fromArray(toDoubleArray(), shape, dtype);
    }

    /**
     * True when every element is finite (no NaN, no infinity).
     */
    public final boolean allFinite() {
        ensureOpen();
        if (size() == 0) {
            return true;
        }
        try (Tensor m = k().reduce(ReduceOp.MAX, k().unary(UnaryOp.ABS, this), shape.allAxes(), false)) {
            return Double.isFinite(m.item());
        }
    }

    /**
     * True when shapes are equal and {@code |a - b| <= atol + rtol * |b|} element-wise (NaNs never close).
     */
    public final boolean allClose(Tensor other, double rtol, double atol) {
        checkSame(this, other, "allClose");
        if (!shape.equals(other.shape)) {
            return false;
        }
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && !(a[i] == b[i])) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ element-wise

    /** {@code this + other}, broadcast. */
    public final Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other, "add");
    }

    /** {@code this + s}. */
    public final Tensor add(double s) {
        return scalarOp(BinaryOp.ADD, s, false);
    }

    /** {@code this - other}, broadcast. */
    public final Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other, "sub");
    }

    /** {@code this - s}. */
    public final Tensor sub(double s) {
        return scalarOp(BinaryOp.SUB, s, false);
    }

    /** {@code s - this}. */
    public final Tensor rsub(double s) {
        return scalarOp(BinaryOp.SUB, s, true);
    }

    /** {@code this * other}, broadcast (element-wise; see {@link #matmul} for the matrix product). */
    public final Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other, "mul");
    }

    /** {@code this * s}. */
    public final Tensor mul(double s) {
        return scalarOp(BinaryOp.MUL, s, false);
    }

    /** {@code this / other}, broadcast (IEEE 754 division). */
    public final Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other, "div");
    }

    /** {@code this / s}. */
    public final Tensor div(double s) {
        return scalarOp(BinaryOp.DIV, s, false);
    }

    /** {@code s / this}. */
    public final Tensor rdiv(double s) {
        return scalarOp(BinaryOp.DIV, s, true);
    }

    /** {@code this ^ exponent} element-wise, broadcast, as {@link Math#pow}. */
    public final Tensor pow(Tensor exponent) {
        return binary(BinaryOp.POW, exponent, "pow");
    }

    /** {@code this ^ p}. */
    public final Tensor pow(double p) {
        return scalarOp(BinaryOp.POW, p, false);
    }

    /** Element-wise maximum, broadcast; NaN propagates. */
    public final Tensor maximum(Tensor other) {
        return binary(BinaryOp.MAX, other, "maximum");
    }

    /** Element-wise {@code max(this, s)}; NaN propagates. */
    public final Tensor maximum(double s) {
        return scalarOp(BinaryOp.MAX, s, false);
    }

    /** Element-wise minimum, broadcast; NaN propagates. */
    public final Tensor minimum(Tensor other) {
        return binary(BinaryOp.MIN, other, "minimum");
    }

    /** Element-wise {@code min(this, s)}; NaN propagates. */
    public final Tensor minimum(double s) {
        return scalarOp(BinaryOp.MIN, s, false);
    }

    /**
     * Clamps every element into {@code [lo, hi]}; NaN elements stay NaN.
     *
     * @throws InvalidArgumentException if a bound is NaN or {@code lo > hi}
     */
    public final Tensor clamp(double lo, double hi) {
        ensureOpen();
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new InvalidArgumentException("clamp: need lo <= hi (not NaN), got lo=" + lo + ", hi=" + hi);
        }
        try (Tensor t = k().binaryScalar(BinaryOp.MAX, this, lo, false)) {
            return k().binaryScalar(BinaryOp.MIN, t, hi, false);
        }
    }

    /** {@code -this}. */
    public final Tensor neg() {
        return unary(UnaryOp.NEG);
    }

    /** {@code |this|}. */
    public final Tensor abs() {
        return unary(UnaryOp.ABS);
    }

    /** {@code e^this}. */
    public final Tensor exp() {
        return unary(UnaryOp.EXP);
    }

    /** {@code e^this - 1}, accurate near 0. */
    public final Tensor expm1() {
        return unary(UnaryOp.EXPM1);
    }

    /** Natural logarithm (IEEE: {@code log 0 = -inf}, negative gives NaN). */
    public final Tensor log() {
        return unary(UnaryOp.LOG);
    }

    /** {@code log(1 + this)}, accurate near 0. */
    public final Tensor log1p() {
        return unary(UnaryOp.LOG1P);
    }

    /** Square root. */
    public final Tensor sqrt() {
        return unary(UnaryOp.SQRT);
    }

    /** {@code this * this}. */
    public final Tensor square() {
        return unary(UnaryOp.SQUARE);
    }

    /** {@code 1 / this}. */
    public final Tensor reciprocal() {
        return unary(UnaryOp.RECIPROCAL);
    }

    /** Sine. */
    public final Tensor sin() {
        return unary(UnaryOp.SIN);
    }

    /** Cosine. */
    public final Tensor cos() {
        return unary(UnaryOp.COS);
    }

    /** Tangent. */
    public final Tensor tan() {
        return unary(UnaryOp.TAN);
    }

    /** Hyperbolic tangent. */
    public final Tensor tanh() {
        return unary(UnaryOp.TANH);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}, overflow-free. */
    public final Tensor sigmoid() {
        return unary(UnaryOp.SIGMOID);
    }

    /** {@code max(x, 0)}. */
    public final Tensor relu() {
        return unary(UnaryOp.RELU);
    }

    /** {@code log(1 + e^x)}, overflow-free. */
    public final Tensor softplus() {
        return unary(UnaryOp.SOFTPLUS);
    }

    /** {@code -1, 0, +1} by sign. */
    public final Tensor sign() {
        return unary(UnaryOp.SIGN);
    }

    /** Applies a {@link UnaryOp}. */
    public final Tensor unary(UnaryOp op) {
        ensureOpen();
        Checks.notNull(op, "unary", "op");
        return k().unary(op, this);
    }

    /** Applies a {@link BinaryOp} with broadcasting. */
    public final Tensor binary(BinaryOp op, Tensor other) {
        Checks.notNull(op, "binary", "op");
        return binary(op, other, op.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Applies a {@link BinaryOp} with a scalar right operand, or left operand when {@code scalarFirst}. */
    public final Tensor scalarOp(BinaryOp op, double s, boolean scalarFirst) {
        ensureOpen();
        Checks.notNull(op, "scalarOp", "op");
        return k().binaryScalar(op, this, s, scalarFirst);
    }

    private Tensor binary(BinaryOp op, Tensor other, String name) {
        checkSame(this, other, name);
        Shape out = Shape.broadcast(shape, other.shape, name);
        return k().binary(op, this, other, out);
    }

    // ------------------------------------------------------------------ comparisons and where

    /** {@code this > other} as 1/0 in this dtype. */
    public final Tensor gt(Tensor other) {
        return binary(BinaryOp.GT, other, "gt");
    }

    /** {@code this > s} as 1/0. */
    public final Tensor gt(double s) {
        return scalarOp(BinaryOp.GT, s, false);
    }

    /** {@code this >= other} as 1/0. */
    public final Tensor ge(Tensor other) {
        return binary(BinaryOp.GE, other, "ge");
    }

    /** {@code this >= s} as 1/0. */
    public final Tensor ge(double s) {
        return scalarOp(BinaryOp.GE, s, false);
    }

    /** {@code this < other} as 1/0. */
    public final Tensor lt(Tensor other) {
        return binary(BinaryOp.LT, other, "lt");
    }

    /** {@code this < s} as 1/0. */
    public final Tensor lt(double s) {
        return scalarOp(BinaryOp.LT, s, false);
    }

    /** {@code this <= other} as 1/0. */
    public final Tensor le(Tensor other) {
        return binary(BinaryOp.LE, other, "le");
    }

    /** {@code this <= s} as 1/0. */
    public final Tensor le(double s) {
        return scalarOp(BinaryOp.LE, s, false);
    }

    /** {@code this == other} as 1/0. */
    public final Tensor eq(Tensor other) {
        return binary(BinaryOp.EQ, other, "eq");
    }

    /** {@code this == s} as 1/0. */
    public final Tensor eq(double s) {
        return scalarOp(BinaryOp.EQ, s, false);
    }

    /** {@code this != other} as 1/0. */
    public final Tensor ne(Tensor other) {
        return binary(BinaryOp.NE, other, "ne");
    }

    /** {@code this != s} as 1/0. */
    public final Tensor ne(double s) {
        return scalarOp(BinaryOp.NE, s, false);
    }

    /**
     * Element-wise selection {@code cond != 0 ? a : b}; all three broadcast together and must share backend and
     * dtype.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        checkSame(cond, a, "where");
        checkSame(cond, b, "where");
        Shape out = Shape.broadcast(Shape.broadcast(cond.shape, a.shape, "where"), b.shape, "where");
        return cond.k().where(cond, a, b, out);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (rank 0). */
    public final Tensor sum() {
        return reduce(ReduceOp.SUM, shape.allAxes(), false, "sum");
    }

    /** Sum over {@code axes}, dropping them. */
    public final Tensor sum(int... axes) {
        return reduce(ReduceOp.SUM, axes, false, "sum");
    }

    /** Sum over {@code axes}, kept with extent 1 when {@code keepDims}. */
    public final Tensor sum(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.SUM, axes, keepDims, "sum");
    }

    /** Mean of all elements. */
    public final Tensor mean() {
        return reduce(ReduceOp.MEAN, shape.allAxes(), false, "mean");
    }

    /** Mean over {@code axes}. */
    public final Tensor mean(int... axes) {
        return reduce(ReduceOp.MEAN, axes, false, "mean");
    }

    /** Mean over {@code axes}, optionally keeping them. */
    public final Tensor mean(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.MEAN, axes, keepDims, "mean");
    }

    /** Maximum of all elements. */
    public final Tensor max() {
        return reduce(ReduceOp.MAX, shape.allAxes(), false, "max");
    }

    /** Maximum over {@code axes}. */
    public final Tensor max(int... axes) {
        return reduce(ReduceOp.MAX, axes, false, "max");
    }

    /** Maximum over {@code axes}, optionally keeping them. */
    public final Tensor max(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.MAX, axes, keepDims, "max");
    }

    /** Minimum of all elements. */
    public final Tensor min() {
        return reduce(ReduceOp.MIN, shape.allAxes(), false, "min");
    }

    /** Minimum over {@code axes}. */
    public final Tensor min(int... axes) {
        return reduce(ReduceOp.MIN, axes, false, "min");
    }

    /** Minimum over {@code axes}, optionally keeping them. */
    public final Tensor min(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.MIN, axes, keepDims, "min");
    }

    /** {@code log(sum(exp(x)))} over all elements, stable for any magnitude. */
    public final Tensor logSumExp() {
        return reduce(ReduceOp.LOGSUMEXP, shape.allAxes(), false, "logSumExp");
    }

    /** {@code log(sum(exp(x)))} over {@code axes}. */
    public final Tensor logSumExp(int... axes) {
        return reduce(ReduceOp.LOGSUMEXP, axes, false, "logSumExp");
    }

    /** {@code log(sum(exp(x)))} over {@code axes}, optionally keeping them. */
    public final Tensor logSumExp(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.LOGSUMEXP, axes, keepDims, "logSumExp");
    }

    /** Euclidean (Frobenius) norm of all elements, overflow-safe. */
    public final Tensor norm() {
        return reduce(ReduceOp.NORM2, shape.allAxes(), false, "norm");
    }

    /** Euclidean norm over {@code axes}, optionally keeping them. */
    public final Tensor norm(int[] axes, boolean keepDims) {
        return reduce(ReduceOp.NORM2, axes, keepDims, "norm");
    }

    /** Row-major flat index of the first maximum, as an int. */
    public final int argmax() {
        ensureOpen();
        if (size() == 0) {
            throw new ShapeMismatchException("argmax: tensor is empty: " + shape);
        }
        try (Tensor flat = k().reshape(this, Shape.of(size()));
                Tensor idx = k().reduce(ReduceOp.ARGMAX, flat, new int[] {0}, false)) {
            return (int) idx.item();
        }
    }

    /** Indices of the first maxima along {@code axis} (as floating values in this dtype). */
    public final Tensor argmax(int axis, boolean keepDims) {
        return reduce(ReduceOp.ARGMAX, new int[] {axis}, keepDims, "argmax");
    }

    /** Row-major flat index of the first minimum, as an int. */
    public final int argmin() {
        ensureOpen();
        if (size() == 0) {
            throw new ShapeMismatchException("argmin: tensor is empty: " + shape);
        }
        try (Tensor flat = k().reshape(this, Shape.of(size()));
                Tensor idx = k().reduce(ReduceOp.ARGMIN, flat, new int[] {0}, false)) {
            return (int) idx.item();
        }
    }

    /** Indices of the first minima along {@code axis}. */
    public final Tensor argmin(int axis, boolean keepDims) {
        return reduce(ReduceOp.ARGMIN, new int[] {axis}, keepDims, "argmin");
    }

    /**
     * Applies a {@link ReduceOp} over {@code axes} (any order, negative allowed). An empty axis list reduces each
     * element on its own: a copy, or the absolute values for {@link ReduceOp#NORM2}.
     *
     * @throws InvalidAxisException if an axis is out of range or repeated
     * @throws ShapeMismatchException for MAX, MIN, ARGMAX, ARGMIN and MEAN over an empty extent
     */
    public final Tensor reduce(ReduceOp op, int[] axes, boolean keepDims) {
        Checks.notNull(op, "reduce", "op");
        return reduce(op, axes, keepDims, op.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Tensor reduce(ReduceOp op, int[] axes, boolean keepDims, String name) {
        ensureOpen();
        Checks.notNull(axes, name, "axes");
        int[] norm = Shape.normalizeAxes(axes, rank(), name);
        if ((op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) && norm.length != 1) {
            throw new InvalidAxisException(name + ": expected exactly one axis, got " + Arrays.toString(axes));
        }
        if (op != ReduceOp.SUM && op != ReduceOp.NORM2 && op != ReduceOp.LOGSUMEXP) {
            for (int a : norm) {
                if (shape.dim(a) == 0) {
                    throw new ShapeMismatchException(
                            name + ": cannot reduce over axis " + a + " of extent 0 in shape " + shape);
                }
            }
        }
        if (norm.length == 0) {
            // each element is reduced on its own: the identity, except that the norm of one element is |x|
            return op == ReduceOp.NORM2 ? k().unary(UnaryOp.ABS, this) : k().copy(this);
        }
        return k().reduce(op, this, norm, keepDims);
    }

    /**
     * Sums this tensor down to {@code target}, the shape of an operand that was broadcast to this tensor's shape:
     * the reverse-mode rule of broadcasting.
     *
     * @throws ShapeMismatchException if {@code target} does not broadcast to this shape
     */
    public final Tensor sumTo(Shape target) {
        ensureOpen();
        Checks.notNull(target, "sumTo", "target");
        if (target.equals(shape)) {
            return k().copy(this);
        }
        int[] axes = Shape.broadcastAxes(target, shape);
        if (axes.length == 0) {
            return k().reshape(this, target);
        }
        try (Tensor s = k().reduce(ReduceOp.SUM, this, axes, true)) {
            return k().reshape(s, target);
        }
    }

    // ------------------------------------------------------------------ matmul and shape

    /**
     * Matrix product with NumPy {@code matmul} semantics: 2-D {@code [m, k] x [k, n] -> [m, n]}; higher ranks are
     * stacks of matrices whose leading (batch) axes broadcast; a 1-D left operand is a row vector and a 1-D right
     * operand a column vector, the added axis being removed from the result (so 1-D x 1-D is the dot product).
     *
     * @throws ShapeMismatchException if a rank is 0, the inner dimensions differ, or batch axes do not broadcast
     */
    public final Tensor matmul(Tensor other) {
        checkSame(this, other, "matmul");
        if (rank() == 0 || other.rank() == 0) {
            throw new ShapeMismatchException(
                    "matmul: operands must have rank >= 1, got " + shape + " x " + other.shape);
        }
        int[] ad = shape.dims();
        int[] bd = other.shape.dims();
        boolean aVec = ad.length == 1;
        boolean bVec = bd.length == 1;
        Shape as = aVec ? Shape.of(1, ad[0]) : shape;
        Shape bs = bVec ? Shape.of(bd[0], 1) : other.shape;
        int m = as.dim(-2);
        int kk = as.dim(-1);
        int kb = bs.dim(-2);
        int n = bs.dim(-1);
        if (kk != kb) {
            throw new ShapeMismatchException("matmul: inner dimensions differ: " + shape + " x " + other.shape);
        }
        int[] aBatch = Arrays.copyOf(as.dims(), as.rank() - 2);
        int[] bBatch = Arrays.copyOf(bs.dims(), bs.rank() - 2);
        Shape batch = Shape.broadcast(Shape.of(aBatch), Shape.of(bBatch), "matmul (batch axes)");
        int[] outDims = new int[batch.rank() + 2];
        System.arraycopy(batch.dims(), 0, outDims, 0, batch.rank());
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Tensor result;
        if (batch.rank() == 0) {
            try (Tensor a2 = aVec ? k().reshape(this, as) : null;
                    Tensor b2 = bVec ? k().reshape(other, bs) : null) {
                result = k().matmul(a2 == null ? this : a2, b2 == null ? other : b2);
            }
        } else {
            int nb = batch.size();
            int[] aFull = Arrays.copyOf(batch.dims(), batch.rank() + 2);
            aFull[batch.rank()] = m;
            aFull[batch.rank() + 1] = kk;
            int[] bFull = Arrays.copyOf(batch.dims(), batch.rank() + 2);
            bFull[batch.rank()] = kk;
            bFull[batch.rank() + 1] = n;
            try (Tensor a1 = k().reshape(this, as);
                    Tensor b1 = k().reshape(other, bs);
                    Tensor a2 = k().broadcastTo(a1, Shape.of(aFull));
                    Tensor b2 = k().broadcastTo(b1, Shape.of(bFull));
                    Tensor a3 = k().reshape(a2, Shape.of(nb, m, kk));
                    Tensor b3 = k().reshape(b2, Shape.of(nb, kk, n));
                    Tensor r3 = k().matmul(a3, b3)) {
                result = k().reshape(r3, Shape.of(outDims));
            }
        }
        if (!aVec && !bVec) {
            return result;
        }
        int[] finalDims;
        if (aVec && bVec) {
            finalDims = Arrays.copyOf(outDims, outDims.length - 2);
        } else if (aVec) {
            finalDims = new int[outDims.length - 1];
            System.arraycopy(outDims, 0, finalDims, 0, outDims.length - 2);
            finalDims[finalDims.length - 1] = n;
        } else {
            finalDims = Arrays.copyOf(outDims, outDims.length - 1);
        }
        try (result) {
            return k().reshape(result, Shape.of(finalDims));
        }
    }

    /** Reverses the order of all axes (the matrix transpose for rank 2; a copy for rank 0 and 1). */
    public final Tensor transpose() {
        ensureOpen();
        int r = rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = r - 1 - i;
        }
        return k().permute(this, perm);
    }

    /** Swaps two axes. */
    public final Tensor transpose(int axis1, int axis2) {
        ensureOpen();
        int a = Shape.normalizeAxis(axis1, rank(), "transpose");
        int b = Shape.normalizeAxis(axis2, rank(), "transpose");
        int[] perm = shape.allAxes();
        perm[a] = b;
        perm[b] = a;
        return k().permute(this, perm);
    }

    /**
     * Permutes axes: result axis {@code i} is input axis {@code perm[i]}.
     *
     * @throws InvalidAxisException unless {@code perm} is a permutation of {@code 0..rank-1} (negatives allowed)
     */
    public final Tensor permute(int... perm) {
        ensureOpen();
        Checks.notNull(perm, "permute", "perm");
        if (perm.length != rank()) {
            throw new InvalidAxisException(
                    "permute: expected " + rank() + " axes for shape " + shape + ", got " + Arrays.toString(perm));
        }
        int[] p = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = Shape.normalizeAxis(perm[i], rank(), "permute");
            if (seen[p[i]]) {
                throw new InvalidAxisException("permute: axis " + perm[i] + " repeated in " + Arrays.toString(perm));
            }
            seen[p[i]] = true;
        }
        return k().permute(this, p);
    }

    /**
     * Same elements in row-major order with a new shape of equal size; one extent may be -1 (inferred).
     *
     * @throws ShapeMismatchException if the sizes differ
     */
    public final Tensor reshape(int... newShape) {
        ensureOpen();
        Checks.notNull(newShape, "reshape", "shape");
        return k().reshape(this, shape.reshape(newShape));
    }

    /** Reshapes to 1-D. */
    public final Tensor flatten() {
        return reshape(-1);
    }

    /**
     * The main diagonal of a matrix {@code [m, n]}: a new vector {@code [min(m, n)]} holding {@code this[i, i]}
     * (for example {@code 2 Σ log L_ii = log det A} from a Cholesky factor {@code L}).
     *
     * @throws ShapeMismatchException if this is not a matrix (rank 2)
     */
    public final Tensor diagonal() {
        ensureOpen();
        if (rank() != 2) {
            throw new ShapeMismatchException("diagonal: need a matrix [m, n], got shape " + shape);
        }
        return k().diagonal(this, Shape.of(Math.min(shape.dim(0), shape.dim(1))));
    }

    /** Inserts an axis of extent 1 at {@code axis} (in {@code [-rank-1, rank]}). */
    public final Tensor unsqueeze(int axis) {
        ensureOpen();
        int a = Shape.normalizeAxis(axis, rank() + 1, "unsqueeze");
        int[] d = new int[rank() + 1];
        int[] src = shape.dims();
        for (int i = 0, j = 0; i < d.length; i++) {
            d[i] = i == a ? 1 : src[j++];
        }
        return k().reshape(this, Shape.of(d));
    }

    /**
     * Removes {@code axis}, which must have extent 1.
     *
     * @throws ShapeMismatchException if the extent is not 1
     */
    public final Tensor squeeze(int axis) {
        ensureOpen();
        int a = Shape.normalizeAxis(axis, rank(), "squeeze");
        if (shape.dim(a) != 1) {
            throw new ShapeMismatchException("squeeze: axis " + axis + " has extent " + shape.dim(a) + " in " + shape);
        }
        int[] src = shape.dims();
        int[] d = new int[rank() - 1];
        for (int i = 0, j = 0; i < src.length; i++) {
            if (i != a) {
                d[j++] = src[i];
            }
        }
        return k().reshape(this, Shape.of(d));
    }

    /** Slice {@code [start, end)} along {@code axis} with step 1; see {@link #slice(int, int, int, int)}. */
    public final Tensor slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /**
     * Python-style slice {@code start:end:step} along {@code axis}: negative indices count from the end and
     * out-of-range bounds are clipped, as in NumPy; the result may be empty.
     *
     * @throws InvalidArgumentException if {@code step <= 0}
     * @throws InvalidAxisException if {@code axis} is out of range
     */
    public final Tensor slice(int axis, int start, int end, int step) {
        ensureOpen();
        int a = Shape.normalizeAxis(axis, rank(), "slice");
        if (step <= 0) {
            throw new InvalidArgumentException("slice: step must be > 0, got " + step);
        }
        int n = shape.dim(a);
        int s = clip(start < 0 ? start + n : start, n);
        int e = clip(end < 0 ? end + n : end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] starts = new int[rank()];
        int[] steps = new int[rank()];
        Arrays.fill(steps, 1);
        starts[a] = len == 0 ? 0 : s;
        steps[a] = step;
        int[] d = shape.dims();
        d[a] = len;
        return k().slice(this, starts, steps, Shape.of(d));
    }

    private static int clip(int i, int n) {
        return Math.max(0, Math.min(n, i));
    }

    /**
     * The sub-tensor at {@code index} along {@code axis}, with that axis removed (PyTorch's {@code select}).
     *
     * @throws InvalidArgumentException if {@code index} is out of range (negative counts from the end)
     */
    public final Tensor select(int axis, int index) {
        ensureOpen();
        int a = Shape.normalizeAxis(axis, rank(), "select");
        int n = shape.dim(a);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new InvalidArgumentException(
                    "select: index " + index + " is out of range for axis " + axis + " of shape " + shape);
        }
        try (Tensor s = slice(a, i, i + 1)) {
            return s.squeeze(a);
        }
    }

    /**
     * Concatenates tensors along {@code axis}; they must share backend, dtype, rank and every other extent.
     *
     * @throws ShapeMismatchException naming the offending shapes
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        Checks.notNull(tensors, "concat", "tensors");
        if (tensors.length == 0) {
            throw new InvalidArgumentException("concat: need at least one tensor");
        }
        Tensor first = tensors[0];
        Checks.notNull(first, "concat", "tensors[0]");
        first.ensureOpen();
        if (first.rank() == 0) {
            throw new ShapeMismatchException("concat: cannot concatenate rank-0 tensors; use stack");
        }
        int a = Shape.normalizeAxis(axis, first.rank(), "concat");
        int total = 0;
        for (Tensor t : tensors) {
            checkSame(first, t, "concat");
            if (t.rank() != first.rank()) {
                throw new ShapeMismatchException("concat: ranks differ: " + first.shape + " and " + t.shape);
            }
            for (int i = 0; i < first.rank(); i++) {
                if (i != a && t.shape.dim(i) != first.shape.dim(i)) {
                    throw new ShapeMismatchException(
                            "concat: shapes differ off axis " + a + ": " + first.shape + " and " + t.shape);
                }
            }
            total += t.shape.dim(a);
        }
        int[] d = first.shape.dims();
        d[a] = total;
        return first.k().concat(tensors.clone(), a, Shape.of(d));
    }

    /**
     * Stacks equally shaped tensors along a new axis {@code axis} (in {@code [-rank-1, rank]}).
     *
     * @throws ShapeMismatchException if the shapes differ
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        Checks.notNull(tensors, "stack", "tensors");
        if (tensors.length == 0) {
            throw new InvalidArgumentException("stack: need at least one tensor");
        }
        Tensor first = tensors[0];
        Checks.notNull(first, "stack", "tensors[0]");
        for (Tensor t : tensors) {
            checkSame(first, t, "stack");
            if (!t.shape.equals(first.shape)) {
                throw new ShapeMismatchException("stack: shapes differ: " + first.shape + " and " + t.shape);
            }
        }
        int a = Shape.normalizeAxis(axis, first.rank() + 1, "stack");
        Tensor[] ex = new Tensor[tensors.length];
        try {
            for (int i = 0; i < tensors.length; i++) {
                ex[i] = tensors[i].unsqueeze(a);
            }
            return concat(a, ex);
        } finally {
            for (Tensor t : ex) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /**
     * Materializes the NumPy broadcast of this tensor to {@code target}.
     *
     * @throws ShapeMismatchException if this shape does not broadcast to {@code target}
     */
    public final Tensor broadcastTo(int... target) {
        ensureOpen();
        Shape t = Shape.of(target);
        if (!shape.broadcastsTo(t)) {
            throw new ShapeMismatchException("broadcastTo: shape " + shape + " cannot be broadcast to " + t);
        }
        return k().broadcastTo(this, t);
    }

    // ------------------------------------------------------------------ in place

    /** In place {@code this += other} ({@code other} broadcast to this shape); returns this. */
    public final Tensor addi(Tensor other) {
        return inplace(BinaryOp.ADD, other, "addi");
    }

    /** In place {@code this += s}; returns this. */
    public final Tensor addi(double s) {
        return inplace(BinaryOp.ADD, s);
    }

    /** In place {@code this -= other}; returns this. */
    public final Tensor subi(Tensor other) {
        return inplace(BinaryOp.SUB, other, "subi");
    }

    /** In place {@code this -= s}; returns this. */
    public final Tensor subi(double s) {
        return inplace(BinaryOp.SUB, s);
    }

    /** In place {@code this *= other}; returns this. */
    public final Tensor muli(Tensor other) {
        return inplace(BinaryOp.MUL, other, "muli");
    }

    /** In place {@code this *= s}; returns this. */
    public final Tensor muli(double s) {
        return inplace(BinaryOp.MUL, s);
    }

    /** In place {@code this /= other}; returns this. */
    public final Tensor divi(Tensor other) {
        return inplace(BinaryOp.DIV, other, "divi");
    }

    /** In place {@code this /= s}; returns this. */
    public final Tensor divi(double s) {
        return inplace(BinaryOp.DIV, s);
    }

    /**
     * In place: copies {@code src} (broadcast to this shape) into this tensor; returns this.
     *
     * @throws ShapeMismatchException if {@code src} does not broadcast to this shape
     */
    public final Tensor assign(Tensor src) {
        checkSame(this, src, "assign");
        if (!src.shape.broadcastsTo(shape)) {
            throw new ShapeMismatchException("assign: source " + src.shape + " does not broadcast to " + shape);
        }
        k().assign(this, src);
        version++;
        return this;
    }

    /** In place: sets every element to {@code value}; returns this. */
    public final Tensor assign(double value) {
        ensureOpen();
        k().fill(this, value);
        version++;
        return this;
    }

    private Tensor inplace(BinaryOp op, Tensor other, String name) {
        checkSame(this, other, name);
        if (!other.shape.broadcastsTo(shape)) {
            throw new ShapeMismatchException(name + ": in-place result must keep shape " + shape + ", but operand "
                    + other.shape + " does not broadcast to it");
        }
        k().inplace(op, this, other);
        version++;
        return this;
    }

    private Tensor inplace(BinaryOp op, double s) {
        ensureOpen();
        k().inplaceScalar(op, this, s);
        version++;
        return this;
    }

    // ------------------------------------------------------------------ helpers

    private TensorKernels k() {
        return backend.kernels();
    }

    /**
     * Checks that both tensors are non-null, open, and share backend and dtype.
     *
     * @throws InvalidArgumentException if {@code b} is null
     * @throws BackendMismatchException if the backends differ
     * @throws DTypeMismatchException if the dtypes differ
     */
    public static void checkSame(Tensor a, Tensor b, String op) {
        Checks.notNull(a, op, "first operand");
        Checks.notNull(b, op, "second operand");
        a.ensureOpen();
        b.ensureOpen();
        if (a.backend != b.backend) {
            throw new BackendMismatchException(op + ": tensors belong to different backends: " + a.describe() + " and "
                    + b.describe() + "; convert one with toBackend(...)");
        }
        if (a.dtype != b.dtype) {
            throw new DTypeMismatchException(op + ": dtypes differ: " + a.describe() + " and " + b.describe()
                    + "; convert one with toDType(...)");
        }
    }

    /**
     * NumPy-like rendering with the dtype and backend, e.g. {@code tensor([[1.0, 2.0], [3.0, 4.0]], FLOAT64,
     * ejml)}; tensors over {@value #PRINT_LIMIT} elements show only their first and last 3 entries per axis.
     */
    @Override
    public String toString() {
        if (closed) {
            return describe() + " (closed)";
        }
        double[] d = k().toDoubleArray(this);
        StringBuilder sb = new StringBuilder("tensor(");
        render(sb, d, 0, 0, shape.strides(), d.length > PRINT_LIMIT);
        sb.append(", ").append(dtype).append(", ").append(backend.name());
        if (name != null) {
            sb.append(", '").append(name).append('\'');
        }
        return sb.append(')').toString();
    }

    private void render(StringBuilder sb, double[] d, int axis, int offset, int[] strides, boolean summarize) {
        if (axis == rank()) {
            sb.append(d[offset]);
            return;
        }
        int n = shape.dim(axis);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 6 && i == 3) {
                sb.append("..., ");
                i = n - 4;
                continue;
            }
            render(sb, d, axis + 1, offset + i * strides[axis], strides, summarize);
            if (i < n - 1) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }
}
