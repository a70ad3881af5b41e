package org.nabla4j.testkit;

import java.util.Arrays;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nabla4j.core.UnaryOp;

/** The kernels of {@link ReferenceBackend}: plain loops, computing in double and rounding to the dtype on store. */
final class ReferenceKernels implements TensorKernels {
    private final ReferenceBackend backend;

    ReferenceKernels(ReferenceBackend backend) {
        this.backend = backend;
    }

    static double[] data(Tensor t) {
        return ((ReferenceTensor) t).data;
    }

    Tensor make(double[] d, Shape shape, DType dtype) {
        for (int i = 0; i < d.length; i++) {
            d[i] = dtype.round(d[i]);
        }
        return new ReferenceTensor(backend, shape, dtype, d);
    }

    @Override
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
        return make(data, shape, dtype);
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        double[] d = new double[shape.size()];
        Arrays.fill(d, value);
        return make(d, shape, dtype);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        double[] s = data(x);
        double[] d = new double[s.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = apply(op, s[i]);
        }
        return make(d, x.shape(), x.dtype());
    }

    static double apply(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1.0 / x;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case RELU -> x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
            case SOFTPLUS -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            case SIGN -> Math.signum(x);
        };
    }

    static double apply(BinaryOp op, double a, double b) {
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

    /** The broadcast of {@code x} to {@code out}, materialized with the core's broadcast strides. */
    static double[] gather(Tensor x, Shape out) {
        double[] s = data(x);
        int[] st = Shape.broadcastStrides(x.shape(), out);
        int[] dims = out.dims();
        double[] d = new double[out.size()];
        int[] idx = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            int off = 0;
            for (int k = 0; k < dims.length; k++) {
                off += idx[k] * st[k];
            }
            d[i] = s[off];
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return d;
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
        double[] x = gather(a, out);
        double[] y = gather(b, out);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = apply(op, x[i], y[i]);
        }
        return make(d, out, a.dtype());
    }

    @Override
    public Tensor binaryScalar(BinaryOp op, Tensor a, double s, boolean scalarFirst) {
        double[] x = data(a);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = scalarFirst ? apply(op, s, x[i]) : apply(op, x[i], s);
        }
        return make(d, a.shape(), a.dtype());
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        Shape in = x.shape();
        Shape outShape = in.reduce(axes, keepDims);
        Shape keptShape = in.reduce(axes, true);
        int[] dims = in.dims();
        int[] keptStrides = keptShape.strides();
        int groups = keptShape.size();
        int groupSize = 1;
        for (int a : axes) {
            groupSize *= dims[a];
        }
        double[][] g = new double[groups][groupSize];
        int[] fill = new int[groups];
        double[] s = data(x);
        int[] idx = new int[dims.length];
        for (int i = 0; i < s.length; i++) {
            int o = 0;
            for (int k = 0; k < dims.length; k++) {
                if (keptShape.dim(k) != 1 || dims[k] == 1) {
                    o += idx[k] * keptStrides[k];
                }
            }
            g[o][fill[o]++] = s[i];
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        double[] d = new double[groups];
        for (int i = 0; i < groups; i++) {
            d[i] = reduceGroup(op, g[i]);
        }
        return make(d, outShape, x.dtype());
    }

    private static double reduceGroup(ReduceOp op, double[] v) {
        switch (op) {
            case SUM: {
                double s = 0;
                for (double x : v) {
                    s += x;
                }
                return s;
            }
            case MEAN: {
                double s = 0;
                for (double x : v) {
                    s += x;
                }
                return s / v.length;
            }
            case MAX: {
                double m = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    m = Math.max(m, x);
                }
                return m;
            }
            case MIN: {
                double m = Double.POSITIVE_INFINITY;
                for (double x : v) {
                    m = Math.min(m, x);
                }
                return m;
            }
            case LOGSUMEXP: {
                double m = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    m = Math.max(m, x);
                }
                if (!Double.isFinite(m)) {
                    return m;
                }
                double s = 0;
                for (double x : v) {
                    s += Math.exp(x - m);
                }
                return m + Math.log(s);
            }
            case NORM2: {
                double m = 0;
                for (double x : v) {
                    m = Math.max(m, Math.abs(x));
                }
                if (m == 0 || !Double.isFinite(m)) {
                    return m;
                }
                double s = 0;
                for (double x : v) {
                    s += (x / m) * (x / m);
                }
                return m * Math.sqrt(s);
            }
            case ARGMAX: {
                int best = 0;
                for (int i = 0; i < v.length; i++) {
                    if (Double.isNaN(v[i])) {
                        return i;
                    }
                    if (v[i] > v[best]) {
                        best = i;
                    }
                }
                return best;
            }
            case ARGMIN: {
                int best = 0;
                for (int i = 0; i < v.length; i++) {
                    if (Double.isNaN(v[i])) {
                        return i;
                    }
                    if (v[i] < v[best]) {
                        best = i;
                    }
                }
                return best;
            }
            default:
                throw new IllegalArgumentException("reference: unknown reduction " + op);
        }
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        boolean batched = a.rank() == 3;
        int nb = batched ? a.shape().dim(0) : 1;
        int m = a.shape().dim(-2);
        int k = a.shape().dim(-1);
        int n = b.shape().dim(-1);
        double[] x = data(a);
        double[] y = data(b);
        double[] d = new double[nb * m * n];
        for (int p = 0; p < nb; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += x[p * m * k + i * k + q] * y[p * k * n + q * n + j];
                    }
                    d[p * m * n + i * n + j] = s;
                }
            }
        }
        Shape out = batched ? Shape.of(nb, m, n) : Shape.of(m, n);
        return make(d, out, a.dtype());
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        int[] in = x.dims();
        int[] inStrides = x.shape().strides();
        int[] outDims = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            outDims[i] = in[perm[i]];
        }
        Shape out = Shape.of(outDims);
        double[] s = data(x);
        double[] d = new double[s.length];
        int[] idx = new int[outDims.length];
        for (int i = 0; i < d.length; i++) {
            int off = 0;
            for (int k = 0; k < outDims.length; k++) {
                off += idx[k] * inStrides[perm[k]];
            }
            d[i] = s[off];
            for (int k = outDims.length - 1; k >= 0; k--) {
                if (++idx[k] < outDims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return make(d, out, x.dtype());
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return make(data(x).clone(), shape, x.dtype());
    }

    @Override
    public Tensor slice(Tensor x, int[] start, int[] step, Shape out) {
        int[] inStrides = x.shape().strides();
        int[] dims = out.dims();
        double[] s = data(x);
        double[] d = new double[out.size()];
        int[] idx = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            int off = 0;
            for (int k = 0; k < dims.length; k++) {
                off += (start[k] + idx[k] * step[k]) * inStrides[k];
            }
            d[i] = s[off];
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return make(d, out, x.dtype());
    }

    @Override
    public Tensor concat(Tensor[] xs, int axis, Shape out) {
        int[] dims = out.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        double[] d = new double[out.size()];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor t : xs) {
                int block = t.shape().dim(axis) * inner;
                System.arraycopy(data(t), o * block, d, pos, block);
                pos += block;
            }
        }
        return make(d, out, xs[0].dtype());
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        return make(gather(x, shape), shape, x.dtype());
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, Shape out) {
        double[] c = gather(cond, out);
        double[] x = gather(a, out);
        double[] y = gather(b, out);
        double[] d = new double[c.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = c[i] != 0 ? x[i] : y[i];
        }
        return make(d, out, a.dtype());
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return make(data(x).clone(), x.shape(), dtype);
    }

    @Override
    public Tensor copy(Tensor x) {
        return make(data(x).clone(), x.shape(), x.dtype());
    }

    @Override
    public void inplace(BinaryOp op, Tensor target, Tensor other) {
        double[] t = data(target);
        double[] o = gather(other, target.shape());
        for (int i = 0; i < t.length; i++) {
            t[i] = target.dtype().round(apply(op, t[i], o[i]));
        }
    }

    @Override
    public void inplaceScalar(BinaryOp op, Tensor target, double s) {
        double[] t = data(target);
        for (int i = 0; i < t.length; i++) {
            t[i] = target.dtype().round(apply(op, t[i], s));
        }
    }

    @Override
    public void assign(Tensor target, Tensor src) {
        double[] o = gather(src, target.shape());
        System.arraycopy(o, 0, data(target), 0, o.length);
    }

    @Override
    public void fill(Tensor target, double value) {
        Arrays.fill(data(target), target.dtype().round(value));
    }

    @Override
    public double get(Tensor x, int flat) {
        return data(x)[flat];
    }

    @Override
    public double[] toDoubleArray(Tensor x) {
        return data(x).clone();
    }
}
