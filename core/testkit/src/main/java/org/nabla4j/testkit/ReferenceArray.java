package org.nabla4j.testkit;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import org.nabla4j.core.DType;

/**
 * The conformance suite's independent model of an n-dimensional array: a row-major {@code double[]} and its extents,
 * with every shape operation written from its definition using explicit multi-indices. It deliberately shares no
 * code with {@code org.nabla4j.core.Shape} or any backend, so that a reference value never comes from the code under
 * test.
 */
final class ReferenceArray {
    final int[] shape;
    final double[] data;

    ReferenceArray(int[] shape, double[] data) {
        if (sizeOf(shape) != data.length) {
            throw new IllegalArgumentException(
                    "reference: " + data.length + " values for shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    static ReferenceArray of(int[] shape, double... data) {
        return new ReferenceArray(shape, data.clone());
    }

    static ReferenceArray scalar(double value) {
        return new ReferenceArray(new int[0], new double[] {value});
    }

    static ReferenceArray vector(double... data) {
        return new ReferenceArray(new int[] {data.length}, data.clone());
    }

    static ReferenceArray generate(int[] shape, IntToDoubleFunction f) {
        double[] d = new double[sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(i);
        }
        return new ReferenceArray(shape, d);
    }

    static ReferenceArray full(int[] shape, double value) {
        return generate(shape, i -> value);
    }

    int rank() {
        return shape.length;
    }

    int size() {
        return data.length;
    }

    static int sizeOf(int[] shape) {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    /** Multi-index of row-major position {@code flat}: the last axis varies fastest. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + idx[i];
        }
        return f;
    }

    double at(int... idx) {
        return data[ravel(idx, shape)];
    }

    ReferenceArray map(DoubleUnaryOperator f) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(data[i]);
        }
        return new ReferenceArray(shape, d);
    }

    ReferenceArray round(DType dtype) {
        return map(dtype::round);
    }

    double maxAbs() {
        double m = 0;
        for (double v : data) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    double sumAbs() {
        double s = 0;
        for (double v : data) {
            if (Double.isFinite(v)) {
                s += Math.abs(v);
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ broadcasting, from the NumPy definition

    /** NumPy broadcast of extents: align trailing axes; equal, or one of them 1. Throws if incompatible. */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int k = 1; k <= rank; k++) {
            int da = k <= a.length ? a[a.length - k] : 1;
            int db = k <= b.length ? b[b.length - k] : 1;
            int o;
            if (da == db) {
                o = da;
            } else if (da == 1) {
                o = db;
            } else if (db == 1) {
                o = da;
            } else {
                throw new IllegalArgumentException(
                        "reference: " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[rank - k] = o;
        }
        return out;
    }

    /** The element that a broadcast to a larger shape shows at {@code outIdx} (right-aligned; extent 1 repeats). */
    double atBroadcast(int[] outIdx) {
        return data[flatBroadcast(outIdx)];
    }

    /** Row-major position of the element that {@link #atBroadcast} reads. */
    int flatBroadcast(int[] outIdx) {
        int off = outIdx.length - shape.length;
        int f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + (shape[i] == 1 ? 0 : outIdx[i + off]);
        }
        return f;
    }

    ReferenceArray broadcastTo(int[] target) {
        int[] check = broadcastShape(shape, target);
        if (!Arrays.equals(check, target)) {
            throw new IllegalArgumentException(
                    "reference: cannot broadcast " + Arrays.toString(shape) + " to " + Arrays.toString(target));
        }
        return generate(target, i -> atBroadcast(unravel(i, target)));
    }

    static ReferenceArray zip(ReferenceArray a, ReferenceArray b, DoubleBinaryOperator f) {
        int[] out = broadcastShape(a.shape, b.shape);
        return generate(out, i -> {
            int[] idx = unravel(i, out);
            return f.applyAsDouble(a.atBroadcast(idx), b.atBroadcast(idx));
        });
    }

    static ReferenceArray where(ReferenceArray c, ReferenceArray a, ReferenceArray b) {
        int[] out = broadcastShape(broadcastShape(c.shape, a.shape), b.shape);
        return generate(out, i -> {
            int[] idx = unravel(i, out);
            return c.atBroadcast(idx) != 0 ? a.atBroadcast(idx) : b.atBroadcast(idx);
        });
    }

    // ------------------------------------------------------------------ reductions

    static int normalizeAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("reference: axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /**
     * Applies {@code f} to the elements of each group obtained by fixing the non-reduced axes; the elements of a
     * group are passed in row-major order of the reduced axes.
     */
    ReferenceArray reduce(int[] axes, boolean keepDims, ToDoubleFunction<double[]> f) {
        boolean[] reduced = new boolean[rank()];
        for (int a : axes) {
            reduced[normalizeAxis(a, rank())] = true;
        }
        int nr = 0;
        for (boolean r : reduced) {
            nr += r ? 1 : 0;
        }
        int[] keptShape = new int[rank() - nr];
        int[] redShape = new int[nr];
        for (int i = 0, k = 0, r = 0; i < rank(); i++) {
            if (reduced[i]) {
                redShape[r++] = shape[i];
            } else {
                keptShape[k++] = shape[i];
            }
        }
        int groupSize = sizeOf(redShape);
        double[] out = new double[sizeOf(keptShape)];
        for (int o = 0; o < out.length; o++) {
            int[] kept = unravel(o, keptShape);
            double[] group = new double[groupSize];
            for (int g = 0; g < groupSize; g++) {
                int[] red = unravel(g, redShape);
                int[] full = new int[rank()];
                for (int i = 0, k = 0, r = 0; i < rank(); i++) {
                    full[i] = reduced[i] ? red[r++] : kept[k++];
                }
                group[g] = at(full);
            }
            out[o] = f.applyAsDouble(group);
        }
        int[] outShape = keptShape;
        if (keepDims) {
            outShape = shape.clone();
            for (int i = 0; i < rank(); i++) {
                if (reduced[i]) {
                    outShape[i] = 1;
                }
            }
        }
        return new ReferenceArray(outShape, out);
    }

    static double sum(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s;
    }

    static double mean(double[] g) {
        return sum(g) / g.length;
    }

    static double max(double[] g) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : g) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = v > m ? v : m;
        }
        return m;
    }

    static double min(double[] g) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : g) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = v < m ? v : m;
        }
        return m;
    }

    /** {@code log(sum(exp(x)))}, shifted by the maximum so that it stays finite. */
    static double logSumExp(double[] g) {
        double m = max(g);
        if (Double.isNaN(m) || Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (double v : g) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** Euclidean norm with the largest magnitude factored out, so that it neither overflows nor underflows. */
    static double norm(double[] g) {
        double scale = 0;
        for (double v : g) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || Double.isInfinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double v : g) {
            double r = v / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    /** Index of the first maximum; a NaN counts as larger than everything. */
    static double argmax(double[] g) {
        int best = 0;
        for (int i = 0; i < g.length; i++) {
            if (Double.isNaN(g[i])) {
                return i;
            }
            if (g[i] > g[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the first minimum; a NaN counts as smaller than everything. */
    static double argmin(double[] g) {
        int best = 0;
        for (int i = 0; i < g.length; i++) {
            if (Double.isNaN(g[i])) {
                return i;
            }
            if (g[i] < g[best]) {
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ shape manipulation

    ReferenceArray permute(int... perm) {
        int[] out = new int[rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape[normalizeAxis(perm[i], rank())];
        }
        return generate(out, f -> {
            int[] o = unravel(f, out);
            int[] in = new int[rank()];
            for (int i = 0; i < o.length; i++) {
                in[normalizeAxis(perm[i], rank())] = o[i];
            }
            return at(in);
        });
    }

    ReferenceArray reshape(int... newShape) {
        return new ReferenceArray(newShape, data.clone());
    }

    /** Python {@code start:end:step} along {@code axis} (step > 0): negative bounds count from the end, clipped. */
    ReferenceArray slice(int axis, int start, int end, int step) {
        int a = normalizeAxis(axis, rank());
        int n = shape[a];
        int s = start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
        int e = end < 0 ? Math.max(end + n, 0) : Math.min(end, n);
        int count = 0;
        for (int i = s; i < e; i += step) {
            count++;
        }
        int[] out = shape.clone();
        out[a] = count;
        return generate(out, f -> {
            int[] idx = unravel(f, out);
            idx[a] = s + idx[a] * step;
            return at(idx);
        });
    }

    static ReferenceArray concat(int axis, ReferenceArray... parts) {
        int rank = parts[0].rank();
        int a = normalizeAxis(axis, rank);
        int[] out = parts[0].shape.clone();
        out[a] = 0;
        for (ReferenceArray p : parts) {
            out[a] += p.shape[a];
        }
        return generate(out, f -> {
            int[] idx = unravel(f, out);
            int k = idx[a];
            for (ReferenceArray p : parts) {
                if (k < p.shape[a]) {
                    idx[a] = k;
                    return p.at(idx);
                }
                k -= p.shape[a];
            }
            throw new IllegalStateException("unreachable");
        });
    }

    static ReferenceArray stack(int axis, ReferenceArray... parts) {
        int rank = parts[0].rank() + 1;
        int a = normalizeAxis(axis, rank);
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = i == a ? parts.length : parts[0].shape[j++];
        }
        return generate(out, f -> {
            int[] idx = unravel(f, out);
            int[] in = new int[rank - 1];
            for (int i = 0, j = 0; i < rank; i++) {
                if (i != a) {
                    in[j++] = idx[i];
                }
            }
            return parts[idx[a]].at(in);
        });
    }

    // ------------------------------------------------------------------ matrix product

    /** NumPy {@code matmul}: 1-D operands are promoted to a row (left) or column (right) and the axis removed. */
    static ReferenceArray matmul(ReferenceArray a, ReferenceArray b) {
        return matmul(a, b, false);
    }

    /** Like {@link #matmul} on absolute values: the scale of each result's rounding error. */
    static ReferenceArray matmulAbs(ReferenceArray a, ReferenceArray b) {
        return matmul(a, b, true);
    }

    private static ReferenceArray matmul(ReferenceArray a0, ReferenceArray b0, boolean abs) {
        boolean aVec = a0.rank() == 1;
        boolean bVec = b0.rank() == 1;
        ReferenceArray a = aVec ? a0.reshape(1, a0.shape[0]) : a0;
        ReferenceArray b = bVec ? b0.reshape(b0.shape[0], 1) : b0;
        int m = a.shape[a.rank() - 2];
        int k = a.shape[a.rank() - 1];
        int n = b.shape[b.rank() - 1];
        if (b.shape[b.rank() - 2] != k) {
            throw new IllegalArgumentException("reference: inner dimensions differ");
        }
        int[] batch = broadcastShape(Arrays.copyOf(a.shape, a.rank() - 2), Arrays.copyOf(b.shape, b.rank() - 2));
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        ReferenceArray r = generate(out, f -> {
            int[] idx = unravel(f, out);
            int i = idx[batch.length];
            int j = idx[batch.length + 1];
            // first element of row i of a and of column j of b; along the sum a moves by 1 and b by n
            idx[batch.length + 1] = 0;
            int ai = a.flatBroadcast(idx);
            idx[batch.length] = 0;
            idx[batch.length + 1] = j;
            int bi = b.flatBroadcast(idx);
            double s = 0;
            for (int p = 0; p < k; p++) {
                double x = a.data[ai + p];
                double y = b.data[bi + p * n];
                s += abs ? Math.abs(x * y) : x * y;
            }
            return s;
        });
        int[] fin;
        if (aVec && bVec) {
            fin = batch;
        } else if (aVec) {
            fin = Arrays.copyOf(batch, batch.length + 1);
            fin[batch.length] = n;
        } else if (bVec) {
            fin = Arrays.copyOf(batch, batch.length + 1);
            fin[batch.length] = m;
        } else {
            return r;
        }
        return r.reshape(fin);
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " " + Arrays.toString(data);
    }
}
