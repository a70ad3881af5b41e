package org.nabla4j.backend.nd4j;

import java.util.Arrays;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nabla4j.core.UnaryOp;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastTo;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.custom.NotEqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Pow;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The kernels of the ND4J backend. Every kernel is one or a few native ND4J operations (libnd4j transforms,
 * broadcastable custom ops, reductions along dimensions, BLAS gemm); none loops over elements in Java.
 *
 * <p><b>Storage.</b> Results are always freshly allocated, row-major, contiguous arrays owned by the returned tensor
 * (see {@link Nd4jTensor}); views that ND4J returns (permute, reshape, slices) are copied once with {@code dup('c')}.
 * Arrays that ND4J already allocated fresh for a result are wrapped without a copy. Temporaries are released with
 * {@link #free} before a kernel returns, on the error path too where they hold native memory.
 *
 * <p><b>Dtypes.</b> Every allocation names its ND4J data type ({@code DOUBLE} or {@code FLOAT}) explicitly; ND4J's
 * global default dtype is never read.
 *
 * <p><b>Where ND4J 1.0.0-M2.1 differs from the contract</b> the kernels compose native operations instead:
 * <ul>
 *   <li>element-wise and reduced max/min, argmax/argmin and sign drop NaN (or map it to 0). A cheap test (one
 *       native sum, finite unless a NaN or infinity is present) guards an exact correction that adds a mask of
 *       {@code -0.0} (a no-op) or NaN, {@code sqrt(-isNaN(x))}, or picks the first NaN's index;</li>
 *   <li>scalar arithmetic with a NaN operand ({@code x + NaN}) silently uses 1e-5 instead: NaN scalars give NaN;</li>
 *   <li>libnd4j's log1p, expm1 and tanh are the literal formulas {@code log(1 + x)}, {@code exp(x) - 1} and
 *       {@code (e^2x - 1) / (e^2x + 1)}, which lose all relative accuracy near 0; softplus overflows for large
 *       arguments. They are recomputed from accurate native pieces (see each method);</li>
 *   <li>norm2 over- and underflows (squares of 1e200 or 1e-200): results outside a safe range are recomputed as
 *       {@code s * norm2(x / s)} with {@code s = max|x|}; logSumExp is composed as {@code m + log(sum(exp(x -
 *       m)))} with infinite maxima replaced by 0, so that infinite inputs give the contract's limits;</li>
 *   <li>C's {@code pow} returns 1 for {@code pow(1, NaN)} and {@code pow(-1, ±inf)} where {@link Math#pow} returns
 *       NaN: corrected when an exponent is not finite;</li>
 *   <li>ND4J's own broadcasting in {@code add}/{@code assign}/{@code broadcast} mishandles operands of different
 *       rank: broadcasting goes through libnd4j's broadcastable custom ops (and {@code broadcast_to}) with an
 *       explicit output of the result shape;</li>
 *   <li>libnd4j's select/where operations and its condition-based operations are 10 to 200 times slower than
 *       arithmetic: {@code where} blends finite branches arithmetically and uses select only when a branch holds
 *       an infinity or NaN, and NaN tests are sums rather than condition counts;</li>
 *   <li>a strided slice whose stride reaches past the end is rejected even when it selects one element: such
 *       slices use stride 1.</li>
 * </ul>
 */
final class Nd4jKernels implements TensorKernels {
    private final Nd4jBackend backend;

    Nd4jKernels(Nd4jBackend backend) {
        this.backend = backend;
    }

    // ------------------------------------------------------------------ storage helpers

    /** The ND4J data type of a dtype. */
    static DataType nd(DType dtype) {
        return dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** The extents of a shape as ND4J's {@code long[]}. */
    static long[] dims(Shape shape) {
        int[] d = shape.dims();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }

    /** The native array of an open tensor of this backend. */
    static INDArray arr(Tensor t) {
        return ((Nd4jTensor) t).array();
    }

    /** A fresh uninitialized row-major array (empty when the shape has a zero extent). */
    static INDArray alloc(DataType type, Shape shape) {
        return Nd4j.createUninitialized(type, dims(shape), 'c');
    }

    /** Releases the native buffer of {@code a} now; a no-op for null, views, empty or already closed arrays. */
    static void free(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    /** Releases several temporaries. */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            free(a);
        }
    }

    /**
     * Wraps an array that a kernel has just allocated (never an input's array) as a tensor of this backend, after
     * enforcing the storage invariants of {@link Nd4jTensor}. A non-conforming array (other dtype, shape, order, a
     * view, workspace memory) is copied and the original released.
     */
    Tensor wrap(INDArray fresh, Shape shape, DType dtype) {
        return new Nd4jTensor(backend, shape, dtype, own(fresh, shape, dtype));
    }

    /** The storage-invariant version of {@code fresh} (itself when it conforms); see {@link #wrap}. */
    static INDArray own(INDArray fresh, Shape shape, DType dtype) {
        INDArray r = fresh;
        DataType type = nd(dtype);
        if (r.isAttached()) {
            INDArray d = r.detach();
            r = d;
        }
        if (r.dataType() != type) {
            INDArray c = r.castTo(type);
            free(r);
            r = c;
        }
        long[] want = dims(shape);
        if (!Arrays.equals(r.shape(), want)) {
            if (r.length() != shape.size()) {
                free(r);
                throw new IllegalStateException(
                        "nd4j backend: kernel produced shape " + Arrays.toString(r.shape()) + " for " + shape);
            }
            INDArray c =
                    r.isEmpty() ? Nd4j.create(type, want) : r.reshape('c', want).dup('c');
            free(r);
            r = c;
        } else if (!r.isEmpty()
                && (r.isView() || r.ordering() != 'c' || r.data().length() != r.length())) {
            INDArray c = r.dup('c');
            free(r);
            r = c;
        }
        return r;
    }

    private Tensor empty(Shape shape, DType dtype) {
        return wrap(Nd4j.create(nd(dtype), dims(shape)), shape, dtype);
    }

    /** A rank-0 array holding {@code value} in {@code type}. */
    private static INDArray scalarArray(DataType type, double value) {
        return Nd4j.scalar(type, value);
    }

    /** {@code x} materialized at {@code shape}: {@code x} itself when the shape already matches, else a new array. */
    private static INDArray expand(INDArray x, Shape shape) {
        long[] d = dims(shape);
        if (Arrays.equals(x.shape(), d)) {
            return x;
        }
        INDArray r = alloc(x.dataType(), shape);
        Nd4j.exec(new BroadcastTo(x, d, r));
        return r;
    }

    /** Frees {@code t} unless it is the original array {@code x}. */
    private static void freeUnlessSame(INDArray t, INDArray x) {
        if (t != x) {
            free(t);
        }
    }

    // ------------------------------------------------------------------ NaN helpers

    /**
     * False when every element of {@code x} is certainly finite. One native sum decides: it is finite only if no
     * element is NaN or infinite (a sum that overflows merely sends the caller down its exact path). libnd4j's
     * condition-based reductions ({@code MatchCondition}) would answer exactly but are about ten times slower than
     * a sum.
     */
    static boolean mayBeNonFinite(INDArray x) {
        if (x.isEmpty()) {
            return false;
        }
        INDArray s = x.sum();
        try {
            return !Double.isFinite(s.getDouble(0));
        } finally {
            free(s);
        }
    }

    /** A new array of {@code x}'s shape: {@code -0.0} where {@code x} is a number, NaN where it is NaN. */
    private static INDArray nanMask(INDArray x) {
        INDArray b = x.isNaN();
        INDArray m = b.castTo(x.dataType());
        free(b);
        m.negi();
        Transforms.sqrt(m, false);
        return m;
    }

    /**
     * Sets {@code r} to NaN wherever {@code operand} (broadcast to {@code r}'s shape) is NaN, by adding a mask of
     * {@code -0.0}/NaN, when {@code operand} holds any NaN at all.
     */
    private static void propagateNaN(INDArray r, INDArray operand) {
        if (!mayBeNonFinite(operand)) {
            return;
        }
        INDArray m = nanMask(operand);
        try {
            Nd4j.exec(new AddOp(new INDArray[] {r, m}, new INDArray[] {r}));
        } finally {
            free(m);
        }
    }

    // ------------------------------------------------------------------ factories

    @Override
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
        if (shape.size() == 0) {
            return empty(shape, dtype);
        }
        return wrap(Nd4j.create(data, dims(shape), nd(dtype)), shape, dtype);
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        if (shape.size() == 0) {
            return empty(shape, dtype);
        }
        return wrap(Nd4j.valueArrayOf(dims(shape), value, nd(dtype)), shape, dtype);
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        INDArray a = arr(x);
        if (a.isEmpty()) {
            return empty(x.shape(), x.dtype());
        }
        INDArray r =
                switch (op) {
                    case NEG -> a.neg();
                    case ABS -> Transforms.abs(a, true);
                    case EXP -> Transforms.exp(a, true);
                    case LOG -> Transforms.log(a, true);
                    case LOG1P -> log1p(a);
                    case EXPM1 -> expm1(a);
                    case SQRT -> Transforms.sqrt(a, true);
                    case SQUARE -> a.mul(a);
                    case RECIPROCAL -> a.rdiv(1.0);
                    case SIN -> Transforms.sin(a, true);
                    case COS -> Transforms.cos(a, true);
                    case TAN -> Transforms.tan(a, true);
                    case TANH -> tanh(a);
                    case SIGMOID -> Transforms.sigmoid(a, true);
                    case RELU -> Transforms.relu(a, true);
                    case SOFTPLUS -> softplus(a);
                    case SIGN -> sign(a);
                };
        return wrap(r, x.shape(), x.dtype());
    }

    /**
     * {@code log(1 + x)} accurate for small {@code x}. libnd4j evaluates {@code log(1 + x)} literally, which loses
     * all digits below the rounding of {@code 1 + x} (relative error 1e-7 at {@code x = 1e-10}). With {@code u =
     * fl(1 + x)}, {@code log1p(x) = log(u) - ((u - 1) - x) / u} to first order in the rounding error of {@code u},
     * and {@code (u - 1) - x} is computed exactly. In the correction {@code u} is clamped to {@code [tiny, max]}
     * (the smallest normal and the largest finite number), which changes nothing where {@code u} is a positive
     * finite number and keeps the correction 0 or of the right infinite sign at {@code x = -1} and {@code x = inf}.
     */
    private static INDArray log1p(INDArray x) {
        boolean f32 = x.dataType() == DataType.FLOAT;
        INDArray u = x.add(1.0);
        INDArray c = null;
        try {
            INDArray r = Transforms.log(u, true);
            Transforms.max(u, f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL, false);
            Transforms.min(u, f32 ? Float.MAX_VALUE : Double.MAX_VALUE, false);
            c = u.sub(1.0);
            c.subi(x);
            c.divi(u);
            r.subi(c);
            return r;
        } finally {
            free(u, c);
        }
    }

    /**
     * {@code e^x - 1} accurate for small {@code x}. libnd4j evaluates {@code exp(x) - 1} literally. With {@code u =
     * fl(e^x)} and {@code d = x - log(u)} (the tiny logarithm of the rounding factor), {@code expm1(x) = (u - 1) +
     * u d} to first order in {@code d}. In the correction {@code u} is clamped to {@code [tiny, max]} and {@code x}
     * to {@code [-800, inf]}, which changes nothing where {@code e^x} is a positive finite number and keeps the
     * correction negligible (or of the right infinite sign) where it underflows to 0 or overflows.
     */
    private static INDArray expm1(INDArray x) {
        boolean f32 = x.dataType() == DataType.FLOAT;
        INDArray u = Transforms.exp(x, true);
        INDArray uc = null;
        INDArray d = null;
        try {
            uc = Transforms.max(u, f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL, true);
            Transforms.min(uc, f32 ? Float.MAX_VALUE : Double.MAX_VALUE, false);
            d = Transforms.log(uc, true);
            INDArray xc = Transforms.max(x, -800.0, true);
            try {
                d.rsubi(xc);
            } finally {
                free(xc);
            }
            d.muli(uc);
            INDArray r = u.sub(1.0);
            r.addi(d);
            return r;
        } finally {
            free(u, uc, d);
        }
    }

    /**
     * Hyperbolic tangent as {@code sinh(c) / cosh(c)} with {@code c = x} clamped to {@code [-20, 20]} (beyond, the
     * quotient rounds to {@code ±1} in both dtypes). libnd4j's own tanh evaluates {@code (e^2x - 1) / (e^2x + 1)} and
     * loses all relative accuracy near 0 (relative error 1e-7 at {@code x = 1e-10} in FLOAT64), while its sinh and
     * cosh are the C library's, accurate to an ulp everywhere. The clamp drops NaN (ND4J's scalar max/min return the
     * number), so NaN is put back afterwards.
     */
    private static INDArray tanh(INDArray x) {
        INDArray c = Transforms.max(x, -20.0, true);
        INDArray r = null;
        try {
            Transforms.min(c, 20.0, false);
            r = Transforms.sinh(c, true);
            Transforms.cosh(c, false);
            r.divi(c);
            propagateNaN(r, x);
            return r;
        } catch (RuntimeException e) {
            free(r);
            throw e;
        } finally {
            free(c);
        }
    }

    /** {@code max(x, 0) + log1p(exp(-|x|))}: never overflows; NaN propagates through every term. */
    private static INDArray softplus(INDArray a) {
        INDArray t = Transforms.abs(a, true);
        INDArray l = null;
        try {
            t.negi();
            Transforms.exp(t, false);
            l = log1p(t);
            INDArray r = Transforms.relu(a, true);
            r.addi(l);
            return r;
        } finally {
            free(t, l);
        }
    }

    private static INDArray sign(INDArray a) {
        INDArray r = Transforms.sign(a, true);
        propagateNaN(r, a);
        return r;
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
        DType dtype = a.dtype();
        if (out.size() == 0) {
            return empty(out, dtype);
        }
        INDArray x = arr(a);
        INDArray y = arr(b);
        return wrap(binaryArray(op, x, y, out, nd(dtype)), out, dtype);
    }

    /** {@code op(x, y)} broadcast to {@code out}, as a new array of {@code type}. */
    private static INDArray binaryArray(BinaryOp op, INDArray x, INDArray y, Shape out, DataType type) {
        long[] o = dims(out);
        boolean same = Arrays.equals(x.shape(), o) && Arrays.equals(y.shape(), o);
        if (same) {
            switch (op) {
                case ADD:
                    return x.add(y);
                case SUB:
                    return x.sub(y);
                case MUL:
                    return x.mul(y);
                case DIV:
                    return x.div(y);
                default:
                    break;
            }
        }
        if (op.isComparison()) {
            INDArray mask = alloc(DataType.BOOL, out);
            try {
                INDArray[] in = {x, y};
                INDArray[] res = {mask};
                Nd4j.exec(
                        switch (op) {
                            case GT -> new GreaterThan(in, res);
                            case GE -> new GreaterThanOrEqual(in, res);
                            case LT -> new LessThan(in, res);
                            case LE -> new LessThanOrEqual(in, res);
                            case EQ -> new EqualTo(in, res);
                            case NE -> new NotEqualTo(in, res);
                            default -> throw new IllegalStateException("not a comparison: " + op);
                        });
                return mask.castTo(type);
            } finally {
                free(mask);
            }
        }
        INDArray r = alloc(type, out);
        try {
            INDArray[] in = {x, y};
            INDArray[] res = {r};
            switch (op) {
                case ADD -> Nd4j.exec(new AddOp(in, res));
                case SUB -> Nd4j.exec(new SubOp(in, res));
                case MUL -> Nd4j.exec(new MulOp(in, res));
                case DIV -> Nd4j.exec(new DivOp(in, res));
                case MAX, MIN -> {
                    Nd4j.exec(op == BinaryOp.MAX ? new Max(in, res) : new Min(in, res));
                    propagateNaN(r, x);
                    propagateNaN(r, y);
                }
                case POW -> pow(x, y, r, out);
                default -> throw new IllegalStateException("unexpected operation " + op);
            }
            return r;
        } catch (RuntimeException e) {
            free(r);
            throw e;
        }
    }

    /** {@code r = x ^ y} with {@link Math#pow} semantics; {@code r} has the broadcast shape {@code out}. */
    private static void pow(INDArray x, INDArray y, INDArray r, Shape out) {
        DynamicCustomOp op = new Pow(x, y);
        op.addOutputArgument(r);
        Nd4j.exec(op);
        if (!mayBeNonFinite(y)) {
            return;
        }
        // Math.pow: NaN for pow(±1, ±inf) and pow(1, NaN) where C's pow returns 1.
        INDArray xb = expand(x, out);
        INDArray yb = expand(y, out);
        INDArray absX = Transforms.abs(xb, true);
        INDArray unitBase = absX.eq(1.0);
        INDArray infiniteExp = yb.isInfinite();
        INDArray nanExp = yb.isNaN();
        INDArray u = null;
        INDArray e1 = null;
        INDArray e2 = null;
        try {
            u = unitBase.castTo(r.dataType());
            e1 = infiniteExp.castTo(r.dataType());
            e2 = nanExp.castTo(r.dataType());
            e1.addi(e2);
            u.muli(e1);
            u.negi();
            Transforms.sqrt(u, false);
            r.addi(u);
        } finally {
            free(absX, unitBase, infiniteExp, nanExp, u, e1, e2);
            freeUnlessSame(xb, x);
            freeUnlessSame(yb, y);
        }
    }

    @Override
    public Tensor binaryScalar(BinaryOp op, Tensor a, double s, boolean scalarFirst) {
        DType dtype = a.dtype();
        INDArray x = arr(a);
        if (x.isEmpty()) {
            return empty(a.shape(), dtype);
        }
        return wrap(binaryScalarArray(op, x, s, scalarFirst, a.shape(), nd(dtype)), a.shape(), dtype);
    }

    private static INDArray binaryScalarArray(
            BinaryOp op, INDArray x, double s, boolean scalarFirst, Shape shape, DataType type) {
        if (Double.isNaN(s) && (op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV)) {
            // ND4J's scalar arithmetic silently replaces a NaN operand by 1e-5; IEEE gives NaN everywhere
            return Nd4j.valueArrayOf(x.shape(), Double.NaN, type);
        }
        switch (op) {
            case ADD:
                return x.add(s);
            case SUB:
                return scalarFirst ? x.rsub(s) : x.sub(s);
            case MUL:
                return x.mul(s);
            case DIV:
                return scalarFirst ? x.rdiv(s) : x.div(s);
            default:
                break;
        }
        BinaryOp effective = scalarFirst ? flip(op) : op;
        if (effective.isComparison()) {
            INDArray mask =
                    switch (effective) {
                        case GT -> x.gt(s);
                        case GE -> x.gte(s);
                        case LT -> x.lt(s);
                        case LE -> x.lte(s);
                        case EQ -> x.eq(s);
                        case NE -> x.neq(s);
                        default -> throw new IllegalStateException("not a comparison: " + op);
                    };
            try {
                return mask.castTo(type);
            } finally {
                free(mask);
            }
        }
        if ((op == BinaryOp.MAX || op == BinaryOp.MIN) && Double.isNaN(s)) {
            return Nd4j.valueArrayOf(x.shape(), Double.NaN, type);
        }
        INDArray sa = scalarArray(type, s);
        try {
            if (op == BinaryOp.POW) {
                INDArray r = alloc(type, shape);
                try {
                    if (scalarFirst) {
                        pow(sa, x, r, shape);
                    } else {
                        pow(x, sa, r, shape);
                    }
                } catch (RuntimeException e) {
                    free(r);
                    throw e;
                }
                return r;
            }
            // MAX, MIN with a number: libnd4j's maximum(a, b) returns b when either is NaN, so put x second.
            INDArray r = alloc(type, shape);
            INDArray[] in = {sa, x};
            INDArray[] res = {r};
            try {
                Nd4j.exec(op == BinaryOp.MAX ? new Max(in, res) : new Min(in, res));
                propagateNaN(r, x);
            } catch (RuntimeException e) {
                free(r);
                throw e;
            }
            return r;
        } finally {
            free(sa);
        }
    }

    /** The comparison with swapped operands: {@code s op x} is {@code x flip(op) s}. */
    private static BinaryOp flip(BinaryOp op) {
        return switch (op) {
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            default -> op;
        };
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, Shape out) {
        DType dtype = a.dtype();
        if (out.size() == 0) {
            return empty(out, dtype);
        }
        INDArray c = arr(cond);
        INDArray x = arr(a);
        INDArray y = arr(b);
        if (mayBeNonFinite(x) || mayBeNonFinite(y)) {
            return wrap(select(c, x, y, out), out, dtype);
        }
        // Finite branches: r = a m + b (1 - m) with the 0/1 mask m = (cond != 0) is exact (x * 1 = x, x * 0 = 0).
        INDArray ne = c.neq(0.0);
        INDArray m0 = null;
        INDArray m = null;
        INDArray r = null;
        try {
            m0 = ne.castTo(nd(dtype));
            m = expand(m0, out);
            if (m != m0) {
                free(m0);
            }
            m0 = null;
            r = alloc(nd(dtype), out);
            Nd4j.exec(new MulOp(new INDArray[] {x, m}, new INDArray[] {r}));
            m.rsubi(1.0);
            Nd4j.exec(new MulOp(new INDArray[] {m, y}, new INDArray[] {m}));
            r.addi(m);
            return wrap(r, out, dtype);
        } catch (RuntimeException e) {
            free(r);
            throw e;
        } finally {
            free(ne, m0, m);
        }
    }

    /**
     * {@code cond != 0 ? x : y} broadcast to {@code out} with libnd4j's select operation: exact for every value
     * (infinities and NaN in the branch not taken included) but slow, so used only when a branch is not finite.
     */
    private static INDArray select(INDArray c, INDArray x, INDArray y, Shape out) {
        INDArray cb = null;
        INDArray cx = null;
        INDArray xx = null;
        INDArray yy = null;
        INDArray r = alloc(x.dataType(), out);
        try {
            cx = expand(c, out);
            cb = cx.castTo(DataType.BOOL);
            xx = expand(x, out);
            yy = expand(y, out);
            Nd4j.exec(new Select(new INDArray[] {cb, xx, yy}, new INDArray[] {r}));
            return r;
        } catch (RuntimeException e) {
            free(r);
            throw e;
        } finally {
            free(cb);
            freeUnlessSame(cx, c);
            freeUnlessSame(xx, x);
            freeUnlessSame(yy, y);
        }
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        Shape outShape = x.shape().reduce(axes, keepDims);
        DType dtype = x.dtype();
        INDArray a = arr(x);
        if (a.isEmpty()) {
            double identity =
                    switch (op) {
                        case SUM, NORM2 -> 0.0;
                        case LOGSUMEXP -> Double.NEGATIVE_INFINITY;
                        default -> Double.NaN; // only reached with an empty result: core rejects empty extents
                    };
            return full(outShape, dtype, identity);
        }
        INDArray r =
                switch (op) {
                    case SUM -> a.sum(keepDims, axes);
                    case MEAN -> a.mean(keepDims, axes);
                    case MAX, MIN -> maxMin(a, op == ReduceOp.MAX, axes, keepDims);
                    case LOGSUMEXP -> logSumExp(a, axes, keepDims);
                    case NORM2 -> norm2(a, axes, keepDims);
                    case ARGMAX, ARGMIN -> argMaxMin(a, op == ReduceOp.ARGMAX, axes[0]);
                };
        return wrap(r, outShape, dtype);
    }

    private static INDArray maxMin(INDArray a, boolean max, int[] axes, boolean keepDims) {
        INDArray r = max ? a.max(keepDims, axes) : a.min(keepDims, axes);
        if (mayBeNonFinite(a)) {
            INDArray m = nanMask(a);
            INDArray s = null;
            try {
                s = m.sum(keepDims, axes);
                r.addi(s);
            } finally {
                free(m, s);
            }
        }
        return r;
    }

    /**
     * {@code m + log(sum(exp(x - m)))}, {@code m} the slice maximum with infinities replaced by 0 (the cheap guard
     * for infinite slices: {@code -inf - -inf} would be NaN; with 0 an all-{@code -inf} slice gives {@code -inf}
     * and a slice holding {@code +inf} gives {@code +inf}; a NaN propagates through the sum). Seven native
     * operations: max (kept dims), replace, broadcast subtract, exp, sum straight into the result shape, log, add
     * back the maximum (reshaped without a copy when dims are not kept). Composing it this way matters: every extra
     * ND4J operation costs tens of microseconds of Java overhead on small tensors, hundreds before the JIT has
     * compiled ND4J's op machinery.
     */
    private static INDArray logSumExp(INDArray a, int[] axes, boolean keepDims) {
        INDArray m = a.max(true, axes);
        INDArray t = null;
        INDArray s = null;
        try {
            BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
            t = Nd4j.createUninitialized(a.dataType(), a.shape(), 'c');
            Nd4j.exec(new SubOp(new INDArray[] {a, m}, new INDArray[] {t}));
            Transforms.exp(t, false);
            s = t.sum(keepDims, axes);
            Transforms.log(s, false);
            s.addi(keepDims ? m : m.reshape('c', s.shape()));
            INDArray r = s;
            s = null;
            return r;
        } finally {
            free(m, t, s);
        }
    }

    /** Euclidean norm; native norm2 unless a result lies where squares over- or underflow, then scaled. */
    private static INDArray norm2(INDArray a, int[] axes, boolean keepDims) {
        INDArray r = a.norm2(keepDims, axes);
        double lo = a.dataType() == DataType.FLOAT ? 1e-18 : 1e-150;
        double hi = a.dataType() == DataType.FLOAT ? 1e18 : 1e150;
        double rMax = r.maxNumber().doubleValue();
        double rMin = r.minNumber().doubleValue();
        if (Double.isNaN(rMax) || (rMax <= hi && rMin >= lo)) {
            return r;
        }
        free(r);
        INDArray abs = Transforms.abs(a, true);
        INDArray s = null;
        INDArray y = null;
        INDArray n = null;
        try {
            s = abs.max(true, axes);
            // Scale by s unless it is infinite (the norm is then infinite, or NaN with a NaN) or 0 (the norm is 0):
            // Conditions.notFinite() is not implemented natively in 1.0.0-M2.1 and Conditions.equals compares with
            // an epsilon of 1e-5, so infinities are replaced by 1 and zeros lifted to the smallest normal number.
            BooleanIndexing.replaceWhere(s, 1.0, Conditions.isInfinite());
            BooleanIndexing.replaceWhere(s, 1.0, Conditions.isNan());
            Transforms.max(s, a.dataType() == DataType.FLOAT ? Float.MIN_NORMAL : Double.MIN_NORMAL, false);
            y = Nd4j.createUninitialized(a.dataType(), a.shape(), 'c');
            Nd4j.exec(new DivOp(new INDArray[] {a, s}, new INDArray[] {y}));
            n = y.norm2(true, axes);
            n.muli(s);
            INDArray out = keepDims ? n : squeeze(n, a, axes);
            if (out != n) {
                free(n);
            }
            n = null;
            return out;
        } finally {
            free(abs, s, y, n);
        }
    }

    /** A fresh copy of a keep-dims reduction result {@code k} of {@code a} without the reduced axes. */
    private static INDArray squeeze(INDArray k, INDArray a, int[] axes) {
        long[] full = a.shape();
        long[] d = new long[full.length - axes.length];
        int j = 0;
        for (int i = 0, ax = 0; i < full.length; i++) {
            if (ax < axes.length && axes[ax] == i) {
                ax++;
            } else {
                d[j++] = full[i];
            }
        }
        return k.reshape('c', d).dup('c');
    }

    /** Index of the first max/min along {@code axis}; a NaN counts as the extreme (its first occurrence wins). */
    private static INDArray argMaxMin(INDArray a, boolean max, int axis) {
        DataType type = a.dataType();
        INDArray idx = max ? Nd4j.argMax(a, axis) : Nd4j.argMin(a, axis);
        INDArray r = idx.castTo(type);
        free(idx);
        if (!mayBeNonFinite(a)) {
            return r;
        }
        INDArray isNaN = a.isNaN();
        INDArray nan = null;
        INDArray nanIdx = null;
        INDArray nanIdxF = null;
        INDArray any = null;
        try {
            nan = isNaN.castTo(type);
            nanIdx = Nd4j.argMax(nan, axis);
            nanIdxF = nanIdx.castTo(type);
            any = nan.max(false, axis);
            // r + any * (nanIdx - r): exact in small integers
            nanIdxF.subi(r);
            nanIdxF.muli(any);
            r.addi(nanIdxF);
            return r;
        } catch (RuntimeException e) {
            free(r);
            throw e;
        } finally {
            free(isNaN, nan, nanIdx, nanIdxF, any);
        }
    }

    // ------------------------------------------------------------------ matmul and shape

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        DType dtype = a.dtype();
        INDArray x = arr(a);
        INDArray y = arr(b);
        int rank = a.rank();
        int m = a.shape().dim(rank - 2);
        int k = a.shape().dim(rank - 1);
        int n = b.shape().dim(rank - 1);
        Shape out = rank == 2 ? Shape.of(m, n) : Shape.of(a.shape().dim(0), m, n);
        if (out.size() == 0) {
            return empty(out, dtype);
        }
        if (k == 0) {
            return full(out, dtype, 0.0);
        }
        BlasSelfCheck.verifyGemm();
        INDArray r = alloc(nd(dtype), out);
        try {
            Nd4j.exec(new Mmul(x, y, r, MMulTranspose.allFalse()));
        } catch (RuntimeException e) {
            free(r);
            throw e;
        }
        return wrap(r, out, dtype);
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        INDArray a = arr(x);
        int[] d = x.shape().dims();
        int[] o = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            o[i] = d[perm[i]];
        }
        Shape out = Shape.of(o);
        if (a.isEmpty()) {
            return empty(out, x.dtype());
        }
        INDArray r = perm.length < 2 ? a.dup('c') : a.permute(perm).dup('c');
        return wrap(r, out, x.dtype());
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        INDArray a = arr(x);
        if (a.isEmpty()) {
            return empty(shape, x.dtype());
        }
        INDArray r = alloc(a.dataType(), shape);
        Nd4j.getMemoryManager().memcpy(r.data(), a.data());
        return wrap(r, shape, x.dtype());
    }

    @Override
    public Tensor slice(Tensor x, int[] start, int[] step, Shape out) {
        if (out.size() == 0) {
            return empty(out, x.dtype());
        }
        INDArray a = arr(x);
        INDArrayIndex[] idx = new INDArrayIndex[start.length];
        for (int i = 0; i < start.length; i++) {
            int len = out.dim(i);
            // ND4J rejects a stride that reaches past the end even when it selects one element
            long stride = len == 1 ? 1 : step[i];
            idx[i] = NDArrayIndex.interval(start[i], stride, start[i] + (len - 1) * stride + 1);
        }
        return wrap(a.get(idx).dup('c'), out, x.dtype());
    }

    @Override
    public Tensor concat(Tensor[] xs, int axis, Shape out) {
        DType dtype = xs[0].dtype();
        if (out.size() == 0) {
            return empty(out, dtype);
        }
        INDArray[] parts = new INDArray[xs.length];
        int n = 0;
        for (Tensor t : xs) {
            INDArray a = arr(t);
            if (!a.isEmpty()) {
                parts[n++] = a;
            }
        }
        if (n == 1) {
            return wrap(parts[0].dup('c'), out, dtype);
        }
        return wrap(Nd4j.concat(axis, Arrays.copyOf(parts, n)), out, dtype);
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        if (shape.size() == 0) {
            return empty(shape, x.dtype());
        }
        INDArray a = arr(x);
        if (x.shape().equals(shape)) {
            return wrap(a.dup('c'), shape, x.dtype());
        }
        return wrap(expand(a, shape), shape, x.dtype());
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        INDArray a = arr(x);
        if (a.isEmpty()) {
            return empty(x.shape(), dtype);
        }
        INDArray r = x.dtype() == dtype ? a.dup('c') : a.castTo(nd(dtype));
        return wrap(r, x.shape(), dtype);
    }

    @Override
    public Tensor copy(Tensor x) {
        INDArray a = arr(x);
        if (a.isEmpty()) {
            return empty(x.shape(), x.dtype());
        }
        return wrap(a.dup('c'), x.shape(), x.dtype());
    }

    // ------------------------------------------------------------------ in place

    @Override
    public void inplace(BinaryOp op, Tensor target, Tensor other) {
        INDArray t = arr(target);
        INDArray o = arr(other);
        if (t.isEmpty()) {
            return;
        }
        boolean same = target.shape().equals(other.shape());
        switch (op) {
            case ADD -> {
                if (same) {
                    t.addi(o);
                } else {
                    Nd4j.exec(new AddOp(new INDArray[] {t, o}, new INDArray[] {t}));
                }
            }
            case SUB -> {
                if (same) {
                    t.subi(o);
                } else {
                    Nd4j.exec(new SubOp(new INDArray[] {t, o}, new INDArray[] {t}));
                }
            }
            case MUL -> {
                if (same) {
                    t.muli(o);
                } else {
                    Nd4j.exec(new MulOp(new INDArray[] {t, o}, new INDArray[] {t}));
                }
            }
            case DIV -> {
                if (same) {
                    t.divi(o);
                } else {
                    Nd4j.exec(new DivOp(new INDArray[] {t, o}, new INDArray[] {t}));
                }
            }
            default -> {
                INDArray r = binaryArray(op, t, o, target.shape(), t.dataType());
                try {
                    t.assign(r);
                } finally {
                    free(r);
                }
            }
        }
    }

    @Override
    public void inplaceScalar(BinaryOp op, Tensor target, double s) {
        INDArray t = arr(target);
        if (t.isEmpty()) {
            return;
        }
        if (Double.isNaN(s) && (op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV)) {
            t.assign(Double.NaN);
            return;
        }
        switch (op) {
            case ADD -> t.addi(s);
            case SUB -> t.subi(s);
            case MUL -> t.muli(s);
            case DIV -> t.divi(s);
            default -> {
                INDArray r = binaryScalarArray(op, t, s, false, target.shape(), t.dataType());
                try {
                    t.assign(r);
                } finally {
                    free(r);
                }
            }
        }
    }

    @Override
    public void assign(Tensor target, Tensor src) {
        INDArray t = arr(target);
        INDArray s = arr(src);
        if (t.isEmpty()) {
            return;
        }
        if (target.shape().equals(src.shape())) {
            t.assign(s);
        } else {
            Nd4j.exec(new BroadcastTo(s, t.shape(), t));
        }
    }

    @Override
    public void fill(Tensor target, double value) {
        INDArray t = arr(target);
        if (!t.isEmpty()) {
            t.assign(value);
        }
    }

    // ------------------------------------------------------------------ access

    @Override
    public double get(Tensor x, int flat) {
        return arr(x).data().getDouble(flat);
    }

    @Override
    public double[] toDoubleArray(Tensor x) {
        INDArray a = arr(x);
        if (a.isEmpty()) {
            return new double[0];
        }
        return a.data().asDouble();
    }
}
