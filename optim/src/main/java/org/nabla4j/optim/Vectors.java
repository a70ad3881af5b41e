package org.nabla4j.optim;

import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;

/** Small helpers on {@code double[]} vectors and their conversion to tensors, shared by the solvers. */
final class Vectors {
    private Vectors() {}

    /** A tensor of {@code dims} (rank 0 allowed) holding a copy of {@code data}. */
    static Tensor tensor(Backend backend, DType dtype, double[] data, int[] dims) {
        if (dims.length == 0) {
            return backend.scalar(dtype, data[0]);
        }
        return backend.of(dtype, data, dims);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            double abs = Math.abs(v);
            if (!(abs <= m)) {
                m = abs; // also propagates NaN
            }
        }
        return m;
    }

    static double norm2(double[] a) {
        double scale = normInf(a);
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double v : a) {
            double r = v / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** {@code x + alpha d}, a new array. */
    static double[] axpy(double[] x, double alpha, double[] d) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] + alpha * d[i];
        }
        return r;
    }
}
