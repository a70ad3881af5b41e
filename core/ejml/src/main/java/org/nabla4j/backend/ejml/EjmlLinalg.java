package org.nabla4j.backend.ejml;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Nabla4jException;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/**
 * Dense linear algebra on EJML's row-major {@code DDRM} algorithms.
 *
 * <p>Both dtypes are computed in double precision: FLOAT32 inputs are widened, decomposed with the FLOAT64
 * algorithms and the results rounded to float once. This is at least as accurate as EJML's float kernels, and the
 * singularity test still uses the precision of the input's dtype, so "singular to working precision" means the
 * same thing as for a native float computation.
 *
 * <p>Singularity ({@link #solve}, {@link #inverse}): the matrix is declared singular when the smallest pivot of its
 * partially pivoted LU factorization is at most {@code n · eps · (largest pivot)}, where {@code eps} is the unit
 * roundoff of the dtype ({@code 2^-52} or {@code 2^-23}); the pivot ratio is a cheap lower-bound proxy for the
 * reciprocal condition number.
 */
final class EjmlLinalg extends Linalg {
    private final EjmlKernels kernels;

    EjmlLinalg(EjmlKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    protected Tensor doSolve(Tensor a, Tensor b) {
        int n = a.shape().dim(0);
        int k = b.rank() == 1 ? 1 : b.shape().dim(1);
        LinearSolverLu_DDRM solver = luSolver(a, "solve");
        DMatrixRMaj x = new DMatrixRMaj(n, k);
        solver.solve(DMatrixRMaj.wrap(n, k, b.toDoubleArray()), x);
        return tensor(x, b.dtype(), b.shape());
    }

    @Override
    protected Tensor doInverse(Tensor a) {
        int n = a.shape().dim(0);
        LinearSolverLu_DDRM solver = luSolver(a, "inverse");
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        solver.invert(inv);
        return tensor(inv, a.dtype(), a.shape());
    }

    @Override
    protected double doDet(Tensor a) {
        return CommonOps_DDRM.det(matrix(a));
    }

    @Override
    protected SignedLogDet doSlogdet(Tensor a) {
        int n = a.shape().dim(0);
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        lu.decompose(matrix(a));
        double[] f = lu.getLU().data;
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = f[i * n + i];
        }
        return fromPivots(diagonal, oddPermutation(lu.getPivot(), n));
    }

    /** Whether the permutation {@code pivot[0..n)} (row {@code i} of LU is row {@code pivot[i]} of A) is odd. */
    private static boolean oddPermutation(int[] pivot, int n) {
        boolean[] seen = new boolean[n];
        int cycles = 0;
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                cycles++;
                for (int j = i; !seen[j]; j = pivot[j]) {
                    seen[j] = true;
                }
            }
        }
        return (n - cycles) % 2 == 1;
    }

    @Override
    protected Tensor doCholesky(Tensor a) {
        int n = a.shape().dim(0);
        DMatrixRMaj m = matrix(a);
        // The contract reads the lower triangle only; EJML's kernel reads the upper one, so mirror lower to upper.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m.data[i * n + j] = m.data[j * n + i];
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(m)) {
            throw new NotPositiveDefiniteException(
                    "cholesky: matrix " + a.shape() + " is not positive definite (a pivot was <= 0)");
        }
        DMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < n; i++) {
            double p = l.data[i * n + i];
            if (!(p > 0) || !Double.isFinite(p)) {
                throw new NotPositiveDefiniteException(
                        "cholesky: matrix " + a.shape() + " is not positive definite (pivot " + i + " is " + p + ")");
            }
            for (int j = i + 1; j < n; j++) {
                l.data[i * n + j] = 0.0;
            }
        }
        return tensor(l, a.dtype(), a.shape());
    }

    @Override
    protected QR doQr(Tensor a) {
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        int k = Math.min(m, n);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        // EJML reports failure when a column is already zero below (and on) the diagonal, i.e. A is rank deficient.
        // It then uses the identity for that Householder reflection, which is exact: Q stays orthonormal and R gets
        // a zero pivot. A thin QR exists for every matrix, so the flag is deliberately ignored.
        qr.decompose(matrix(a));
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        return new QR(tensor(q, a.dtype(), Shape.of(m, k)), tensor(r, a.dtype(), Shape.of(k, n)));
    }

    @Override
    protected SVD doSvd(Tensor a) {
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        int k = Math.min(m, n);
        DType dt = a.dtype();
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(matrix(a))) {
            throw new Nabla4jException("svd: the QR iteration did not converge for a finite " + a.shape() + " matrix");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(u, false, w, vt, true);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = w.get(i, i);
        }
        return new SVD(
                tensor(u, dt, Shape.of(m, k)), kernels.fromArray(s, Shape.of(k), dt), tensor(vt, dt, Shape.of(k, n)));
    }

    @Override
    protected Eigen doEigh(Tensor a) {
        int n = a.shape().dim(0);
        DType dt = a.dtype();
        DMatrixRMaj m = matrix(a);
        // Symmetry was checked only to a tolerance; decompose the symmetric part so the result does not depend on
        // which triangle EJML's tridiagonalization happens to read.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double avg = 0.5 * (m.data[i * n + j] + m.data[j * n + i]);
                m.data[i * n + j] = avg;
                m.data[j * n + i] = avg;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new Nabla4jException("eigh: the symmetric QR iteration did not converge for " + a.shape());
        }
        double[] lambda = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = eig.getEigenvalue(i).real;
            order[i] = i;
        }
        // insertion sort of indices by eigenvalue: O(n^2) is negligible next to the O(n^3) decomposition
        for (int i = 1; i < n; i++) {
            int idx = order[i];
            int j = i - 1;
            while (j >= 0 && lambda[order[j]] > lambda[idx]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = idx;
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int c = 0; c < n; c++) {
            int src = order[c];
            values[c] = lambda[src];
            DMatrixRMaj v = eig.getEigenVector(src);
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm = Math.hypot(norm, v.data[r]);
            }
            for (int r = 0; r < n; r++) {
                vectors[r * n + c] = v.data[r] / norm;
            }
        }
        return new Eigen(kernels.fromArray(values, Shape.of(n), dt), kernels.fromArray(vectors, Shape.of(n, n), dt));
    }

    /**
     * LU-factorizes {@code a} and rejects it when singular to working precision (see the class comment).
     *
     * @throws SingularMatrixException naming the operation, the shape and the pivot ratio
     */
    private static LinearSolverLu_DDRM luSolver(Tensor a, String op) {
        int n = a.shape().dim(0);
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);
        solver.setA(matrix(a));
        double[] f = lu.getLU().data;
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double p = Math.abs(f[i * n + i]);
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        double eps = a.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        double threshold = n * eps * max;
        if (!(min > threshold)) {
            throw new SingularMatrixException(
                    op + ": matrix " + a.shape() + " is singular to working precision (smallest LU pivot " + min
                            + ", largest " + max + ", " + a.dtype() + ")");
        }
        return solver;
    }

    /** A fresh EJML matrix holding {@code a}'s values in double; EJML may overwrite it. */
    private static DMatrixRMaj matrix(Tensor a) {
        return DMatrixRMaj.wrap(a.shape().dim(0), a.shape().dim(1), a.toDoubleArray());
    }

    private Tensor tensor(DMatrixRMaj m, DType dtype, Shape shape) {
        int size = shape.size();
        double[] d = m.data.length == size ? m.data : Arrays.copyOf(m.data, size);
        return kernels.fromArray(d, shape, dtype);
    }
}
