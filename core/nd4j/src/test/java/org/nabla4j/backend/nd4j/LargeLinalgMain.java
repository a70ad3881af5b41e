package org.nabla4j.backend.nd4j;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Run by {@link Nd4jLinalgStackTest} in a JVM with a given thread stack (the default 1 MB, or less): solve, inverse, determinant,
 * Cholesky, symmetric eigendecomposition and SVD of an {@code n x n} symmetric positive definite matrix (the first
 * argument) called from {@code main}, where OpenBLAS's OpenMP-parallel LAPACK used to overflow the stack. Prints one
 * {@code <op>=<relative residual>} line per routine, then {@code done=true}.
 */
public final class LargeLinalgMain {
    private LargeLinalgMain() {}

    /**
     * Runs the routines.
     *
     * @param args the matrix order
     */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Backend nd4j = Backends.get("nd4j");
        Linalg la = nd4j.linalg();
        try (TensorScope scope = TensorScope.open()) {
            Tensor m = nd4j.randUniform(7, -1, 1, n, n);
            // SPD with eigenvalues in [n, ~1.3 n]: well conditioned
            Tensor a = m.matmul(m.transpose()).div(n).add(nd4j.eye(n).mul(n));
            Tensor b = nd4j.randUniform(8, -1, 1, n, 3);
            double scale = maxAbs(a);

            Tensor x = la.solve(a, b);
            System.out.println("solve=" + maxAbsDiff(a.matmul(x), b) / (scale * maxAbs(x) * n));

            Tensor inv = la.inverse(a);
            System.out.println("inverse=" + maxAbsDiff(a.matmul(inv), nd4j.eye(n)) / n);

            double logDet = 0;
            Tensor l = la.cholesky(a);
            System.out.println("cholesky=" + maxAbsDiff(l.matmul(l.transpose()), a) / (scale * n));
            double[] ld = l.toDoubleArray();
            for (int i = 0; i < n; i++) {
                logDet += 2 * Math.log(ld[i * n + i]);
            }
            double det = la.det(a.div(n)); // scaled so that the determinant stays finite: det(a) / n^n
            System.out.println("det=" + Math.abs(Math.log(det) + n * Math.log(n) - logDet) / Math.abs(logDet));

            Linalg.Eigen e = la.eigh(a);
            Tensor av = a.matmul(e.vectors());
            Tensor vl = e.vectors().mul(e.values().reshape(1, n));
            System.out.println("eigh=" + maxAbsDiff(av, vl) / (scale * n));

            Linalg.SVD s = la.svd(a);
            Tensor usv = s.u().mul(s.s().reshape(1, n)).matmul(s.vt());
            System.out.println("svd=" + maxAbsDiff(usv, a) / (scale * n));
        }
        System.out.println("done=true");
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toDoubleArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double maxAbsDiff(Tensor x, Tensor y) {
        double[] p = x.toDoubleArray();
        double[] q = y.toDoubleArray();
        double m = 0;
        for (int i = 0; i < p.length; i++) {
            m = Math.max(m, Math.abs(p[i] - q[i]));
        }
        return m;
    }
}
