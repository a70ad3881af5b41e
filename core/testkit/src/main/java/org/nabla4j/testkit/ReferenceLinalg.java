package org.nabla4j.testkit;

import org.nabla4j.core.Linalg;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/**
 * Textbook dense linear algebra for {@link ReferenceBackend}, computed in double: LU with partial pivoting,
 * Cholesky–Banachiewicz, Householder QR, one-sided Jacobi SVD and cyclic Jacobi for symmetric eigenproblems.
 */
final class ReferenceLinalg extends Linalg {
    private static final int MAX_SWEEPS = 100;
    private final ReferenceBackend backend;

    ReferenceLinalg(ReferenceBackend backend) {
        this.backend = backend;
    }

    private ReferenceKernels k() {
        return backend.referenceKernels();
    }

    private static double[][] matrix(Tensor t) {
        int m = t.shape().dim(0);
        int n = t.shape().dim(1);
        double[] d = ReferenceKernels.data(t);
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(d, i * n, a[i], 0, n);
        }
        return a;
    }

    private Tensor tensor(double[][] a, int rows, int cols, Tensor like) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a[i], 0, d, i * cols, cols);
        }
        return k().make(d, Shape.of(rows, cols), like.dtype());
    }

    /** LU factors in place with partial pivoting; returns the row permutation's sign, or 0 if a pivot vanishes. */
    private static int lu(double[][] a, int[] perm, double tiny) {
        int n = a.length;
        int sign = 1;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int j = 0; j < n; j++) {
            int p = j;
            for (int i = j + 1; i < n; i++) {
                if (Math.abs(a[i][j]) > Math.abs(a[p][j])) {
                    p = i;
                }
            }
            if (!(Math.abs(a[p][j]) > tiny)) {
                return 0;
            }
            if (p != j) {
                double[] r = a[p];
                a[p] = a[j];
                a[j] = r;
                int t = perm[p];
                perm[p] = perm[j];
                perm[j] = t;
                sign = -sign;
            }
            for (int i = j + 1; i < n; i++) {
                double f = a[i][j] / a[j][j];
                a[i][j] = f;
                for (int c = j + 1; c < n; c++) {
                    a[i][c] -= f * a[j][c];
                }
            }
        }
        return sign;
    }

    private static double tiny(double[][] a, Tensor t) {
        double m = 0;
        for (double[] r : a) {
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m * a.length * t.dtype().epsilon();
    }

    @Override
    protected Tensor doSolve(Tensor a, Tensor b) {
        double[][] lu = matrix(a);
        int n = lu.length;
        int[] perm = new int[n];
        if (lu(lu, perm, tiny(lu, a)) == 0) {
            throw new SingularMatrixException("solve: matrix " + a.shape() + " is singular to working precision");
        }
        boolean vec = b.rank() == 1;
        int cols = vec ? 1 : b.shape().dim(1);
        double[] bd = ReferenceKernels.data(b);
        double[] x = new double[n * cols];
        for (int c = 0; c < cols; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = bd[perm[i] * cols + c];
                for (int j = 0; j < i; j++) {
                    s -= lu[i][j] * y[j];
                }
                y[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int j = i + 1; j < n; j++) {
                    s -= lu[i][j] * y[j];
                }
                y[i] = s / lu[i][i];
            }
            for (int i = 0; i < n; i++) {
                x[i * cols + c] = y[i];
            }
        }
        return k().make(x, vec ? Shape.of(n) : Shape.of(n, cols), a.dtype());
    }

    @Override
    protected Tensor doInverse(Tensor a) {
        int n = a.shape().dim(0);
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) {
            id[i * n + i] = 1;
        }
        try (Tensor eye = k().make(id, Shape.of(n, n), a.dtype())) {
            return doSolve(a, eye);
        } catch (SingularMatrixException e) {
            throw new SingularMatrixException("inverse: matrix " + a.shape() + " is singular to working precision");
        }
    }

    @Override
    protected double doDet(Tensor a) {
        double[][] lu = matrix(a);
        int[] perm = new int[lu.length];
        int sign = lu(lu, perm, 0.0);
        if (sign == 0) {
            return 0.0;
        }
        double d = sign;
        for (int i = 0; i < lu.length; i++) {
            d *= lu[i][i];
        }
        return a.dtype().round(d);
    }

    @Override
    protected SignedLogDet doSlogdet(Tensor a) {
        double[][] lu = matrix(a);
        int[] perm = new int[lu.length];
        int sign = lu(lu, perm, 0.0);
        if (sign == 0) {
            return new SignedLogDet(0.0, Double.NEGATIVE_INFINITY);
        }
        double[] diagonal = new double[lu.length];
        for (int i = 0; i < lu.length; i++) {
            diagonal[i] = lu[i][i];
        }
        return fromPivots(diagonal, sign < 0);
    }

    @Override
    protected Tensor doCholesky(Tensor a) {
        double[][] m = matrix(a);
        int n = m.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = m[j][j];
            for (int p = 0; p < j; p++) {
                s -= l[j][p] * l[j][p];
            }
            if (!(s > 0)) {
                throw new NotPositiveDefiniteException(
                        "cholesky: matrix " + a.shape() + " is not positive definite (pivot " + j + " is " + s + ")");
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < n; i++) {
                double t = m[i][j];
                for (int p = 0; p < j; p++) {
                    t -= l[i][p] * l[j][p];
                }
                l[i][j] = t / l[j][j];
            }
        }
        return tensor(l, n, n, a);
    }

    @Override
    protected QR doQr(Tensor a) {
        double[][] r = matrix(a);
        int m = r.length;
        int n = a.shape().dim(1);
        int kk = Math.min(m, n);
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) {
            q[i][i] = 1;
        }
        for (int j = 0; j < kk; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm = Math.hypot(norm, r[i][j]);
            }
            if (norm == 0) {
                continue;
            }
            double alpha = r[j][j] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = j; i < m; i++) {
                v[i] = r[i][j];
            }
            v[j] -= alpha;
            double vn = 0;
            for (int i = j; i < m; i++) {
                vn = Math.hypot(vn, v[i]);
            }
            if (vn == 0) {
                continue;
            }
            for (int i = j; i < m; i++) {
                v[i] /= vn;
            }
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int i = j; i < m; i++) {
                    s += v[i] * r[i][c];
                }
                for (int i = j; i < m; i++) {
                    r[i][c] -= 2 * s * v[i];
                }
            }
            for (int row = 0; row < m; row++) {
                double s = 0;
                for (int i = j; i < m; i++) {
                    s += q[row][i] * v[i];
                }
                for (int i = j; i < m; i++) {
                    q[row][i] -= 2 * s * v[i];
                }
            }
        }
        for (int i = 0; i < kk; i++) {
            for (int c = 0; c < i && c < n; c++) {
                r[i][c] = 0;
            }
        }
        return new QR(tensor(q, m, kk, a), tensor(r, kk, n, a));
    }

    @Override
    protected SVD doSvd(Tensor a) {
        double[][] m = matrix(a);
        int rows = m.length;
        int cols = a.shape().dim(1);
        boolean wide = rows < cols;
        double[][] w = wide ? transpose(m, rows, cols) : m;
        int p = wide ? cols : rows;
        int n = wide ? rows : cols;
        double[][] v = identity(n);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int r = 0; r < p; r++) {
                        alpha += w[r][i] * w[r][i];
                        beta += w[r][j] * w[r][j];
                        gamma += w[r][i] * w[r][j];
                    }
                    if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotateColumns(w, p, i, j, c, s);
                    rotateColumns(v, n, i, j, c, s);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sigma = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int r = 0; r < p; r++) {
                s = Math.hypot(s, w[r][j]);
            }
            sigma[j] = s;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
        double smax = n == 0 ? 0 : sigma[order[0]];
        double[][] u = new double[p][n];
        double[][] vs = new double[n][n];
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            int src = order[j];
            s[j] = sigma[src];
            for (int r = 0; r < n; r++) {
                vs[r][j] = v[r][src];
            }
            boolean negligible = s[j] <= smax * Math.max(p, n) * 1e-15;
            for (int r = 0; r < p; r++) {
                u[r][j] = negligible ? 0 : w[r][src] / s[j];
            }
            if (negligible) {
                completeColumn(u, p, j);
            }
        }
        // U [p, n], S [n], V [n, n] of the tall orientation; swap back for a wide input
        double[][] uOut = wide ? vs : u;
        double[][] vOut = wide ? u : vs;
        int k = n;
        Tensor ut = tensor(uOut, rows, k, a);
        Tensor st = k().make(s, Shape.of(k), a.dtype());
        Tensor vt = tensor(transpose(vOut, cols, k), k, cols, a);
        return new SVD(ut, st, vt);
    }

    /** Fills column {@code j} of {@code u} with a unit vector orthogonal to its columns {@code 0..j-1}. */
    private static void completeColumn(double[][] u, int rows, int j) {
        for (int e = 0; e < rows; e++) {
            double[] c = new double[rows];
            c[e] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < j; q++) {
                    double d = 0;
                    for (int r = 0; r < rows; r++) {
                        d += u[r][q] * c[r];
                    }
                    for (int r = 0; r < rows; r++) {
                        c[r] -= d * u[r][q];
                    }
                }
            }
            double norm = 0;
            for (double x : c) {
                norm = Math.hypot(norm, x);
            }
            if (norm > 0.5) {
                for (int r = 0; r < rows; r++) {
                    u[r][j] = c[r] / norm;
                }
                return;
            }
        }
        throw new IllegalStateException("reference svd: no orthogonal complement found");
    }

    @Override
    protected Eigen doEigh(Tensor t) {
        double[][] a = matrix(t);
        int n = a.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        double[][] v = identity(n);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                    total += 2 * a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-32 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double tt = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(tt * tt + 1);
                    double s = tt * c;
                    rotateColumns(a, n, p, q, c, s);
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    a[p][q] = 0;
                    a[q][p] = 0;
                    rotateColumns(v, n, p, q, c, s);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x][x], a[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = a[order[j]][order[j]];
            for (int r = 0; r < n; r++) {
                vectors[r][j] = v[r][order[j]];
            }
        }
        return new Eigen(k().make(values, Shape.of(n), t.dtype()), tensor(vectors, n, n, t));
    }

    private static void rotateColumns(double[][] m, int rows, int p, int q, double c, double s) {
        for (int r = 0; r < rows; r++) {
            double x = m[r][p];
            double y = m[r][q];
            m[r][p] = c * x - s * y;
            m[r][q] = s * x + c * y;
        }
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    private static double[][] transpose(double[][] m, int rows, int cols) {
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
