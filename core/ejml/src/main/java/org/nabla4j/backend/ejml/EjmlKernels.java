package org.nabla4j.backend.ejml;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.nabla4j.core.Backend;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nabla4j.core.UnaryOp;

/**
 * The EJML backend's kernels: plain loops over primitive arrays, with matrix products delegated to EJML.
 *
 * <p>FLOAT32 strategy: storage is {@code float[]}; the hot operations (tensor-tensor add, sub, mul, div and the
 * matrix product) run in float arithmetic, which for these four operations gives bit-identical results to computing
 * in double and rounding. Everything else (transcendental functions, scalar operands, reductions) is evaluated in
 * double and rounded once to float, which is at least as accurate and keeps one formula per operation.
 *
 * <p>Stateless apart from the owning backend, hence thread-safe.
 */
final class EjmlKernels implements TensorKernels {
    /**
     * Products with {@code m * n * k} at or above this use EJML's multi-threaded kernels. Measured with EJML 0.43.1
     * on a loaded 2-core machine: up to 64^3 the single-threaded kernel is about 25% faster (thread dispatch
     * dominates), from 80^3 up the two are within noise there, and the concurrent one can only gain with more idle
     * cores. 96^3 keeps every size that loses to dispatch on the single-threaded path.
     */
    static final long CONCURRENT_MATMUL_WORK = 96L * 96L * 96L;

    private final Backend backend;

    EjmlKernels(Backend backend) {
        this.backend = backend;
    }

    // ------------------------------------------------------------------ creation and access

    @Override
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
        return dtype == DType.FLOAT64
                ? new EjmlTensor(backend, shape, data)
                : new EjmlTensor(backend, shape, toFloat(data));
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        if (dtype == DType.FLOAT64) {
            double[] d = new double[shape.size()];
            Arrays.fill(d, value);
            return new EjmlTensor(backend, shape, d);
        }
        float[] f = new float[shape.size()];
        Arrays.fill(f, (float) value);
        return new EjmlTensor(backend, shape, f);
    }

    @Override
    public double get(Tensor x, int flat) {
        EjmlTensor t = t(x);
        return t.d != null ? t.d[flat] : t.f[flat];
    }

    @Override
    public double[] toDoubleArray(Tensor x) {
        EjmlTensor t = t(x);
        return t.d != null ? t.d.clone() : toDouble(t.f);
    }

    @Override
    public Tensor copy(Tensor x) {
        return reshape(x, x.shape());
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        EjmlTensor t = t(x);
        return t.d != null ? new EjmlTensor(backend, shape, t.d.clone()) : new EjmlTensor(backend, shape, t.f.clone());
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        EjmlTensor t = t(x);
        if (dtype == DType.FLOAT64) {
            return new EjmlTensor(backend, x.shape(), t.d != null ? t.d.clone() : toDouble(t.f));
        }
        return new EjmlTensor(backend, x.shape(), t.f != null ? t.f.clone() : toFloat(t.d));
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        EjmlTensor t = t(x);
        if (t.d != null) {
            double[] a = t.d;
            double[] o = new double[a.length];
            switch (op) {
                case NEG -> {
                    for (int i = 0; i < a.length; i++) {
                        o[i] = -a[i];
                    }
                }
                case SQUARE -> {
                    for (int i = 0; i < a.length; i++) {
                        o[i] = a[i] * a[i];
                    }
                }
                default -> {
                    for (int i = 0; i < a.length; i++) {
                        o[i] = unaryValue(op, a[i]);
                    }
                }
            }
            return new EjmlTensor(backend, x.shape(), o);
        }
        float[] a = t.f;
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (float) unaryValue(op, a[i]);
        }
        return new EjmlTensor(backend, x.shape(), o);
    }

    /** One element of {@link UnaryOp}, in the stable forms the enum documents. */
    static double unaryValue(UnaryOp op, double v) {
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case LOG1P -> Math.log1p(v);
            case EXPM1 -> Math.expm1(v);
            case SQRT -> Math.sqrt(v);
            case SQUARE -> v * v;
            case RECIPROCAL -> 1.0 / v;
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case TAN -> Math.tan(v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> sigmoid(v);
            case RELU -> v > 0 ? v : (v == v ? 0.0 : v);
            case SOFTPLUS -> Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
            case SIGN -> Math.signum(v);
        };
    }

    private static double sigmoid(double v) {
        // exp is only ever taken of a non-positive number, so it cannot overflow
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    /** One element of {@link BinaryOp}; comparisons give 1 or 0, and are false on NaN except NE. */
    static double binaryValue(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1.0 : 0.0;
            case GE -> a >= b ? 1.0 : 0.0;
            case LT -> a < b ? 1.0 : 0.0;
            case LE -> a <= b ? 1.0 : 0.0;
            case EQ -> a == b ? 1.0 : 0.0;
            case NE -> a != b ? 1.0 : 0.0;
        };
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
        EjmlTensor x = t(a);
        EjmlTensor y = t(b);
        StridedRows it = new StridedRows(
                out.dims(),
                new int[][] {
                    out.strides(), Shape.broadcastStrides(a.shape(), out), Shape.broadcastStrides(b.shape(), out)
                },
                new int[3]);
        if (x.d != null) {
            double[] o = new double[out.size()];
            for (int r = 0; r < it.rows; r++) {
                row(
                        op,
                        x.d,
                        it.offset[1],
                        it.innerStride[1],
                        y.d,
                        it.offset[2],
                        it.innerStride[2],
                        o,
                        it.offset[0],
                        it.inner);
                it.next();
            }
            return new EjmlTensor(backend, out, o);
        }
        float[] o = new float[out.size()];
        for (int r = 0; r < it.rows; r++) {
            row(
                    op,
                    x.f,
                    it.offset[1],
                    it.innerStride[1],
                    y.f,
                    it.offset[2],
                    it.innerStride[2],
                    o,
                    it.offset[0],
                    it.inner);
            it.next();
        }
        return new EjmlTensor(backend, out, o);
    }

    @Override
    public void inplace(BinaryOp op, Tensor target, Tensor other) {
        EjmlTensor x = t(target);
        EjmlTensor y = t(other);
        Shape out = target.shape();
        StridedRows it = new StridedRows(
                out.dims(), new int[][] {out.strides(), Shape.broadcastStrides(other.shape(), out)}, new int[2]);
        // The target is contiguous, so its inner stride is 1 and reading and writing the same index is safe.
        for (int r = 0; r < it.rows; r++) {
            if (x.d != null) {
                row(op, x.d, it.offset[0], 1, y.d, it.offset[1], it.innerStride[1], x.d, it.offset[0], it.inner);
            } else {
                row(op, x.f, it.offset[0], 1, y.f, it.offset[1], it.innerStride[1], x.f, it.offset[0], it.inner);
            }
            it.next();
        }
    }

    /** {@code o[oi + j] = op(x[xi + j*xs], y[yi + j*ys])} for {@code j < n}. */
    private static void row(
            BinaryOp op, double[] x, int xi, int xs, double[] y, int yi, int ys, double[] o, int oi, int n) {
        int end = oi + n;
        switch (op) {
            case ADD -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] + y[yi];
                }
            }
            case SUB -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] - y[yi];
                }
            }
            case MUL -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] * y[yi];
                }
            }
            case DIV -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] / y[yi];
                }
            }
            default -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = binaryValue(op, x[xi], y[yi]);
                }
            }
        }
    }

    /** Float twin of {@link #row(BinaryOp, double[], int, int, double[], int, int, double[], int, int)}. */
    private static void row(
            BinaryOp op, float[] x, int xi, int xs, float[] y, int yi, int ys, float[] o, int oi, int n) {
        int end = oi + n;
        switch (op) {
            case ADD -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] + y[yi];
                }
            }
            case SUB -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] - y[yi];
                }
            }
            case MUL -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] * y[yi];
                }
            }
            case DIV -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = x[xi] / y[yi];
                }
            }
            default -> {
                for (; oi < end; oi++, xi += xs, yi += ys) {
                    o[oi] = (float) binaryValue(op, x[xi], y[yi]);
                }
            }
        }
    }

    @Override
    public Tensor binaryScalar(BinaryOp op, Tensor a, double s, boolean scalarFirst) {
        EjmlTensor x = t(a);
        if (x.d != null) {
            double[] o = new double[x.d.length];
            scalarRow(op, x.d, s, scalarFirst, o);
            return new EjmlTensor(backend, a.shape(), o);
        }
        float[] o = new float[x.f.length];
        scalarRow(op, x.f, s, scalarFirst, o);
        return new EjmlTensor(backend, a.shape(), o);
    }

    @Override
    public void inplaceScalar(BinaryOp op, Tensor target, double s) {
        EjmlTensor x = t(target);
        if (x.d != null) {
            scalarRow(op, x.d, s, false, x.d);
        } else {
            scalarRow(op, x.f, s, false, x.f);
        }
    }

    /** {@code o[i] = op(x[i], s)}, or {@code op(s, x[i])} when {@code first}; {@code o} may be {@code x}. */
    private static void scalarRow(BinaryOp op, double[] x, double s, boolean first, double[] o) {
        int n = x.length;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] + s;
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[i] = x[i] * s;
                }
            }
            default -> {
                if (first) {
                    for (int i = 0; i < n; i++) {
                        o[i] = binaryValue(op, s, x[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[i] = binaryValue(op, x[i], s);
                    }
                }
            }
        }
    }

    /** Float twin of {@link #scalarRow(BinaryOp, double[], double, boolean, double[])}, evaluated in double. */
    private static void scalarRow(BinaryOp op, float[] x, double s, boolean first, float[] o) {
        int n = x.length;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (float) (x[i] + s);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[i] = (float) (x[i] * s);
                }
            }
            default -> {
                if (first) {
                    for (int i = 0; i < n; i++) {
                        o[i] = (float) binaryValue(op, s, x[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        o[i] = (float) binaryValue(op, x[i], s);
                    }
                }
            }
        }
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, Shape out) {
        EjmlTensor c = t(cond);
        EjmlTensor x = t(a);
        EjmlTensor y = t(b);
        StridedRows it = new StridedRows(
                out.dims(),
                new int[][] {
                    out.strides(),
                    Shape.broadcastStrides(cond.shape(), out),
                    Shape.broadcastStrides(a.shape(), out),
                    Shape.broadcastStrides(b.shape(), out)
                },
                new int[4]);
        int cs = it.innerStride[1];
        int xs = it.innerStride[2];
        int ys = it.innerStride[3];
        if (x.d != null) {
            double[] o = new double[out.size()];
            for (int r = 0; r < it.rows; r++) {
                int ci = it.offset[1];
                int xi = it.offset[2];
                int yi = it.offset[3];
                for (int oi = it.offset[0], end = oi + it.inner; oi < end; oi++, ci += cs, xi += xs, yi += ys) {
                    o[oi] = c.d[ci] != 0 ? x.d[xi] : y.d[yi];
                }
                it.next();
            }
            return new EjmlTensor(backend, out, o);
        }
        float[] o = new float[out.size()];
        for (int r = 0; r < it.rows; r++) {
            int ci = it.offset[1];
            int xi = it.offset[2];
            int yi = it.offset[3];
            for (int oi = it.offset[0], end = oi + it.inner; oi < end; oi++, ci += cs, xi += xs, yi += ys) {
                o[oi] = c.f[ci] != 0 ? x.f[xi] : y.f[yi];
            }
            it.next();
        }
        return new EjmlTensor(backend, out, o);
    }

    // ------------------------------------------------------------------ data movement

    @Override
    public void assign(Tensor target, Tensor src) {
        Shape out = target.shape();
        StridedRows it = new StridedRows(
                out.dims(), new int[][] {out.strides(), Shape.broadcastStrides(src.shape(), out)}, new int[2]);
        Object to = t(target).data();
        Object from = t(src).data();
        for (int r = 0; r < it.rows; r++) {
            copyRow(from, it.offset[1], it.innerStride[1], to, it.offset[0], it.innerStride[0], it.inner);
            it.next();
        }
    }

    @Override
    public void fill(Tensor target, double value) {
        EjmlTensor x = t(target);
        if (x.d != null) {
            Arrays.fill(x.d, value);
        } else {
            Arrays.fill(x.f, (float) value);
        }
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        return wrap(shape, gather(t(x).data(), shape, Shape.broadcastStrides(x.shape(), shape), 0));
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        int[] dims = x.shape().dims();
        int[] strides = x.shape().strides();
        int[] od = new int[perm.length];
        int[] os = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            od[i] = dims[perm[i]];
            os[i] = strides[perm[i]];
        }
        Shape out = Shape.of(od);
        return wrap(out, gather(t(x).data(), out, os, 0));
    }

    @Override
    public Tensor slice(Tensor x, int[] start, int[] step, Shape out) {
        int[] strides = x.shape().strides();
        int base = 0;
        int[] ss = new int[strides.length];
        for (int i = 0; i < strides.length; i++) {
            base += start[i] * strides[i];
            ss[i] = strides[i] * step[i];
        }
        return wrap(out, gather(t(x).data(), out, ss, base));
    }

    @Override
    public Tensor diagonal(Tensor x, Shape out) {
        // a[i, i] sits at i (n + 1) in the row-major storage: gather with that stride, no copy of the matrix
        return wrap(out, gather(t(x).data(), out, new int[] {x.shape().dim(1) + 1}, 0));
    }

    @Override
    public Tensor concat(Tensor[] xs, int axis, Shape out) {
        Object o = allocate(xs[0].dtype(), out.size());
        int[] os = out.strides();
        int along = 0;
        for (Tensor x : xs) {
            StridedRows it = new StridedRows(
                    x.shape().dims(), new int[][] {os, x.shape().strides()}, new int[] {along * os[axis], 0});
            Object from = t(x).data();
            for (int r = 0; r < it.rows; r++) {
                copyRow(from, it.offset[1], it.innerStride[1], o, it.offset[0], it.innerStride[0], it.inner);
                it.next();
            }
            along += x.shape().dim(axis);
        }
        return wrap(out, o);
    }

    /** A new contiguous array of shape {@code out}; its element at index {@code i} is {@code src[base + i·strides]}. */
    private static Object gather(Object src, Shape out, int[] strides, int base) {
        Object o = src instanceof double[] ? new double[out.size()] : new float[out.size()];
        StridedRows it = new StridedRows(out.dims(), new int[][] {out.strides(), strides}, new int[] {0, base});
        for (int r = 0; r < it.rows; r++) {
            copyRow(src, it.offset[1], it.innerStride[1], o, it.offset[0], it.innerStride[0], it.inner);
            it.next();
        }
        return o;
    }

    /** Copies {@code n} elements between arrays of the same primitive type, each with its own stride. */
    private static void copyRow(Object src, int si, int ss, Object dst, int di, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, si, dst, di, n);
        } else if (src instanceof double[] s) {
            double[] d = (double[]) dst;
            for (int j = 0; j < n; j++, si += ss, di += ds) {
                d[di] = s[si];
            }
        } else {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int j = 0; j < n; j++, si += ss, di += ds) {
                d[di] = s[si];
            }
        }
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        Shape shape = x.shape();
        int rank = shape.rank();
        int[] dims = shape.dims();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        // Bring the reduced axes to the back so that every output element reduces one contiguous run.
        int[] perm = new int[rank];
        int p = 0;
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                perm[p++] = i;
                outer *= dims[i];
            }
        }
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                perm[p++] = i;
                inner *= dims[i];
            }
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= perm[i] == i;
        }
        EjmlTensor t = t(x);
        if (!identity && (op == ReduceOp.SUM || op == ReduceOp.MEAN)) {
            return sumStrided(t, reduced, inner, op == ReduceOp.MEAN, shape.reduce(axes, keepDims));
        }
        double[] data;
        if (identity) {
            data = t.d != null ? t.d : toDouble(t.f);
        } else {
            int[] strides = shape.strides();
            int[] pd = new int[rank];
            int[] ps = new int[rank];
            for (int i = 0; i < rank; i++) {
                pd[i] = dims[perm[i]];
                ps[i] = strides[perm[i]];
            }
            Object g = gather(t.data(), Shape.of(pd), ps, 0);
            data = g instanceof double[] gd ? gd : toDouble((float[]) g);
        }
        double[] res = new double[outer];
        for (int r = 0; r < outer; r++) {
            res[r] = reduceRow(op, data, r * inner, inner);
        }
        return fromArray(res, shape.reduce(axes, keepDims), x.dtype());
    }

    /**
     * Sum (or mean) over non-trailing axes without the transposing copy: walks the input once in storage order and
     * accumulates into the output element each input element belongs to (output stride 0 on reduced axes).
     */
    private Tensor sumStrided(EjmlTensor x, boolean[] reduced, int inner, boolean mean, Shape out) {
        int[] dims = x.shape().dims();
        int[] accStrides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (!reduced[i]) {
                accStrides[i] = s;
                s *= dims[i];
            }
        }
        double[] acc = new double[s];
        StridedRows it = new StridedRows(dims, new int[][] {x.shape().strides(), accStrides}, new int[2]);
        int xs = it.innerStride[0];
        int as = it.innerStride[1];
        for (int r = 0; r < it.rows; r++) {
            int xi = it.offset[0];
            int ai = it.offset[1];
            if (x.d != null) {
                for (int j = 0; j < it.inner; j++, xi += xs, ai += as) {
                    acc[ai] += x.d[xi];
                }
            } else {
                for (int j = 0; j < it.inner; j++, xi += xs, ai += as) {
                    acc[ai] += x.f[xi];
                }
            }
            it.next();
        }
        if (mean) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] /= inner;
            }
        }
        return fromArray(acc, out, x.dtype());
    }

    /** Reduces {@code x[off .. off+n)}. */
    static double reduceRow(ReduceOp op, double[] x, int off, int n) {
        int end = off + n;
        switch (op) {
            case SUM, MEAN -> {
                double s = 0;
                for (int i = off; i < end; i++) {
                    s += x[i];
                }
                return op == ReduceOp.MEAN ? s / n : s;
            }
            case MAX -> {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = off; i < end; i++) {
                    double v = x[i];
                    if (v != v) {
                        return v;
                    }
                    m = v > m ? v : m;
                }
                return m;
            }
            case MIN -> {
                double m = Double.POSITIVE_INFINITY;
                for (int i = off; i < end; i++) {
                    double v = x[i];
                    if (v != v) {
                        return v;
                    }
                    m = v < m ? v : m;
                }
                return m;
            }
            case ARGMAX -> {
                int best = off;
                for (int i = off; i < end; i++) {
                    if (x[i] != x[i]) {
                        return i - off;
                    }
                    if (x[i] > x[best]) {
                        best = i;
                    }
                }
                return best - off;
            }
            case ARGMIN -> {
                int best = off;
                for (int i = off; i < end; i++) {
                    if (x[i] != x[i]) {
                        return i - off;
                    }
                    if (x[i] < x[best]) {
                        best = i;
                    }
                }
                return best - off;
            }
            case LOGSUMEXP -> {
                double m = reduceRow(ReduceOp.MAX, x, off, n);
                // NaN, +inf and all -inf (including the empty set) are their own answer; x - m would give NaN.
                if (m != m || Double.isInfinite(m)) {
                    return m;
                }
                double s = 0;
                for (int i = off; i < end; i++) {
                    s += Math.exp(x[i] - m);
                }
                return m + Math.log(s);
            }
            case NORM2 -> {
                return norm2(x, off, n);
            }
            default -> throw new IllegalStateException("unknown reduction " + op);
        }
    }

    /**
     * Euclidean norm that neither overflows nor underflows: plain sum of squares when the largest magnitude is in a
     * range where {@code n} squares cannot overflow or lose the leading terms, otherwise the sum of squares of
     * {@code x / max|x|} scaled back, as in LAPACK's dnrm2 and {@code hypot}.
     */
    private static double norm2(double[] x, int off, int n) {
        int end = off + n;
        double amax = 0;
        boolean inf = false;
        for (int i = off; i < end; i++) {
            double a = Math.abs(x[i]);
            if (a != a) {
                return Double.NaN;
            }
            if (a == Double.POSITIVE_INFINITY) {
                inf = true;
            }
            amax = a > amax ? a : amax;
        }
        if (inf) {
            return Double.POSITIVE_INFINITY;
        }
        if (amax == 0) {
            return 0;
        }
        double s = 0;
        if (amax > 1e-140 && amax < 1e140) {
            for (int i = off; i < end; i++) {
                s += x[i] * x[i];
            }
            return Math.sqrt(s);
        }
        for (int i = off; i < end; i++) {
            double v = x[i] / amax;
            s += v * v;
        }
        return amax * Math.sqrt(s);
    }

    // ------------------------------------------------------------------ matrix product

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        int[] ad = a.shape().dims();
        int[] bd = b.shape().dims();
        boolean batched = ad.length == 3;
        int batch = batched ? ad[0] : 1;
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        Shape out = batched ? Shape.of(batch, m, n) : Shape.of(m, n);
        EjmlTensor x = t(a);
        EjmlTensor y = t(b);
        boolean concurrent = (long) m * n * k >= CONCURRENT_MATMUL_WORK;
        boolean trivial = batch == 0 || m == 0 || n == 0 || k == 0; // EJML is not asked about empty matrices
        if (x.d != null) {
            double[] o = new double[batch * m * n];
            if (!trivial) {
                if (batch == 1) {
                    mult(
                            DMatrixRMaj.wrap(m, k, x.d),
                            DMatrixRMaj.wrap(k, n, y.d),
                            DMatrixRMaj.wrap(m, n, o),
                            concurrent);
                } else {
                    // EJML matrices cannot start at an offset, so each batch goes through reused buffers.
                    DMatrixRMaj ma = new DMatrixRMaj(m, k);
                    DMatrixRMaj mb = new DMatrixRMaj(k, n);
                    DMatrixRMaj mc = new DMatrixRMaj(m, n);
                    for (int i = 0; i < batch; i++) {
                        System.arraycopy(x.d, i * m * k, ma.data, 0, m * k);
                        System.arraycopy(y.d, i * k * n, mb.data, 0, k * n);
                        mult(ma, mb, mc, concurrent);
                        System.arraycopy(mc.data, 0, o, i * m * n, m * n);
                    }
                }
            }
            return new EjmlTensor(backend, out, o);
        }
        float[] o = new float[batch * m * n];
        if (!trivial) {
            if (batch == 1) {
                mult(FMatrixRMaj.wrap(m, k, x.f), FMatrixRMaj.wrap(k, n, y.f), FMatrixRMaj.wrap(m, n, o), concurrent);
            } else {
                FMatrixRMaj ma = new FMatrixRMaj(m, k);
                FMatrixRMaj mb = new FMatrixRMaj(k, n);
                FMatrixRMaj mc = new FMatrixRMaj(m, n);
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(x.f, i * m * k, ma.data, 0, m * k);
                    System.arraycopy(y.f, i * k * n, mb.data, 0, k * n);
                    mult(ma, mb, mc, concurrent);
                    System.arraycopy(mc.data, 0, o, i * m * n, m * n);
                }
            }
        }
        return new EjmlTensor(backend, out, o);
    }

    private static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean concurrent) {
        if (concurrent) {
            CommonOps_MT_DDRM.mult(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
    }

    private static void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean concurrent) {
        if (concurrent) {
            CommonOps_MT_FDRM.mult(a, b, c);
        } else {
            CommonOps_FDRM.mult(a, b, c);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static EjmlTensor t(Tensor x) {
        return (EjmlTensor) x;
    }

    private Tensor wrap(Shape shape, Object data) {
        return data instanceof double[] d
                ? new EjmlTensor(backend, shape, d)
                : new EjmlTensor(backend, shape, (float[]) data);
    }

    private static Object allocate(DType dtype, int n) {
        return dtype == DType.FLOAT64 ? new double[n] : new float[n];
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
