package org.nabla4j.integrate.gauss;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric tridiagonal matrix by the implicit QL method with Wilkinson-type shifts: the
 * Golub–Welsch step that turns a Jacobi matrix into Gauss nodes. {@code O(n²)} time, {@code O(n)} memory.
 *
 * <p>The weights are not taken from the eigenvectors: the callers evaluate the Christoffel function at the nodes,
 * which keeps relative accuracy where the squared eigenvector components would only have absolute accuracy.
 */
final class SymmetricTridiagonalEigen {
    private static final int MAX_ITERATIONS_PER_EIGENVALUE = 60;

    private SymmetricTridiagonalEigen() {}

    /**
     * Solves in place.
     *
     * @param diag diagonal, length n; replaced by the eigenvalues in ascending order
     * @param off off-diagonal, {@code off[i]} couples rows i and i+1, length at least n - 1; not modified
     */
    static void solve(double[] diag, double[] off) {
        int n = diag.length;
        double[] d = diag;
        double[] e = new double[n];
        System.arraycopy(off, 0, e, 0, n - 1);
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= Math.ulp(scale)) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++iterations > MAX_ITERATIONS_PER_EIGENVALUE) {
                    throw new ArithmeticException("tridiagonal QL iteration did not converge");
                }
                // Shift from the leading 2x2 block, computed without overflow.
                double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                double r = Math.hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1.0;
                double c = 1.0;
                double p = 0.0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0.0) {
                        // An exact zero split the matrix: undo the partial shift and restart on the smaller block.
                        d[i + 1] -= p;
                        e[m] = 0.0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (deflated) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0.0;
            }
        }
        Arrays.sort(d);
    }
}
