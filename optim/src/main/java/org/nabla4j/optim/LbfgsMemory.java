package org.nabla4j.optim;

/**
 * The correction pairs {@code (s_k, y_k)} of limited-memory BFGS and the two-loop recursion over them (Nocedal and
 * Wright, Algorithm 7.4), shared by {@link Lbfgs} and {@link ProjectedLbfgs}. The initial inverse Hessian is
 * {@code (sᵀy / yᵀy) I} from the newest pair.
 */
final class LbfgsMemory {
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private int count;
    private int newest = -1;

    /** A memory of at most {@code size >= 1} pairs. */
    LbfgsMemory(int size) {
        s = new double[size][];
        y = new double[size][];
        rho = new double[size];
    }

    /** Whether no pair is stored. */
    boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every pair. */
    void clear() {
        count = 0;
    }

    /**
     * Stores the pair, replacing the oldest when full, if its curvature {@code sᵀy} is positive and not negligible
     * against {@code yᵀy} (so the implied inverse Hessian stays positive definite); otherwise leaves the memory as it
     * is. The arrays are kept, not copied.
     */
    void push(double[] sk, double[] yk) {
        double sy = Vectors.dot(sk, yk);
        if (sy > 1e-12 * Vectors.dot(yk, yk) && sy > 0) {
            newest = (newest + 1) % s.length;
            s[newest] = sk;
            y[newest] = yk;
            rho[newest] = 1 / sy;
            count = Math.min(count + 1, s.length);
        }
    }

    /**
     * The search direction {@code −H g} by the two-loop recursion, {@code −g} while the memory is empty. With a
     * non-null {@code active} mask the recursion runs over the free components only (the pairs restricted to them),
     * and the active components get {@code −g_i}: the two-metric projection direction.
     */
    double[] direction(double[] g, boolean[] active) {
        int n = g.length;
        int m = s.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = free(active, i) ? g[i] : 0;
        }
        if (count > 0) {
            double[] a = new double[m];
            for (int k = 0; k < count; k++) {
                int j = Math.floorMod(newest - k, m);
                a[j] = rho[j] * dot(s[j], q, active);
                axpy(q, -a[j], y[j], active);
            }
            double gamma = 1 / (rho[newest] * Vectors.dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
            for (int k = count - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, m);
                double b = rho[j] * dot(y[j], q, active);
                axpy(q, a[j] - b, s[j], active);
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = free(active, i) ? -q[i] : -g[i];
        }
        return d;
    }

    private static boolean free(boolean[] active, int i) {
        return active == null || !active[i];
    }

    private static double dot(double[] u, double[] v, boolean[] active) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            if (free(active, i)) {
                sum += u[i] * v[i];
            }
        }
        return sum;
    }

    private static void axpy(double[] q, double a, double[] v, boolean[] active) {
        for (int i = 0; i < q.length; i++) {
            if (free(active, i)) {
                q[i] += a * v[i];
            }
        }
    }
}
