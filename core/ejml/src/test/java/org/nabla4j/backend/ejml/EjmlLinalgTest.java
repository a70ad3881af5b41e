package org.nabla4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/** Hand-computed checks of the EJML linear algebra in both dtypes. */
class EjmlLinalgTest {
    private final Backend b = Backends.get("ejml");
    private final Linalg la = b.linalg();

    private static double tol(DType dt) {
        return dt == DType.FLOAT64 ? 1e-12 : 1e-5;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void solveInverseDet(DType dt) {
        Tensor a = b.of(dt, new double[] {2, 1, 1, 3}, 2, 2);
        // [[2, 1], [1, 3]] x = [3, 5]  ->  x = [0.8, 1.4]; det 5; inverse [[3, -1], [-1, 2]] / 5
        Tensor x = la.solve(a, b.of(dt, new double[] {3, 5}));
        assertArrayEquals(new int[] {2}, x.dims());
        assertArrayEquals(new double[] {0.8, 1.4}, x.toDoubleArray(), tol(dt));
        Tensor xs = la.solve(a, b.of(dt, new double[] {3, 1, 5, 0}, 2, 2));
        assertArrayEquals(new double[] {0.8, 0.6, 1.4, -0.2}, xs.toDoubleArray(), tol(dt));
        assertArrayEquals(new double[] {0.6, -0.2, -0.2, 0.4}, la.inverse(a).toDoubleArray(), tol(dt));
        assertEquals(5, la.det(a), tol(dt));
        assertEquals(1, la.det(b.zeros(dt, 0, 0)));
        assertEquals(dt, x.dtype());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void singularMatricesAreRejected(DType dt) {
        Tensor s = b.of(dt, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> la.solve(s, b.ones(dt, 3)));
        assertTrue(e.getMessage().startsWith("solve:"), e.getMessage());
        assertThrows(SingularMatrixException.class, () -> la.inverse(s));
        assertThrows(
                SingularMatrixException.class, () -> la.inverse(b.of(dt, new double[] {1, 1, 1, 1 + 1e-17}, 2, 2)));
        assertEquals(0, la.det(b.of(dt, new double[] {1, 2, 2, 4}, 2, 2)), tol(dt));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void cholesky(DType dt) {
        // [[4, 2], [2, 5]] = L Lᵀ with L = [[2, 0], [1, 2]]
        Tensor l = la.cholesky(b.of(dt, new double[] {4, 2, 2, 5}, 2, 2));
        assertArrayEquals(new double[] {2, 0, 1, 2}, l.toDoubleArray(), tol(dt));
        assertThrows(NotPositiveDefiniteException.class, () -> la.cholesky(b.of(dt, new double[] {1, 2, 2, 1}, 2, 2)));
        assertThrows(NotPositiveDefiniteException.class, () -> la.cholesky(b.of(dt, new double[] {1, 1, 1, 1}, 2, 2)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void qrSvdEigh(DType dt) {
        Tensor a = b.of(dt, new double[] {3, 0, 4, 0, 0, 2}, 3, 2);
        Linalg.QR qr = la.qr(a);
        assertArrayEquals(new int[] {3, 2}, qr.q().dims());
        assertArrayEquals(new int[] {2, 2}, qr.r().dims());
        assertTrue(qr.q().matmul(qr.r()).allClose(a, 0, 10 * tol(dt)));
        assertEquals(0, qr.r().get(1, 0));
        Linalg.QR wide = la.qr(a.transpose());
        assertArrayEquals(new int[] {2, 2}, wide.q().dims());
        assertArrayEquals(new int[] {2, 3}, wide.r().dims());
        assertTrue(wide.q().transpose().matmul(wide.q()).allClose(b.eye(dt, 2), 0, 10 * tol(dt)));
        assertTrue(wide.q().matmul(wide.r()).allClose(a.transpose(), 0, 10 * tol(dt)));
        // rank deficient: the second column is twice the first, so R[1, 1] = 0
        Tensor deficient = b.of(dt, new double[] {1, 2, 2, 4, 2, 4}, 3, 2);
        Linalg.QR rd = la.qr(deficient);
        assertTrue(rd.q().matmul(rd.r()).allClose(deficient, 0, 10 * tol(dt)));
        assertTrue(rd.q().transpose().matmul(rd.q()).allClose(b.eye(dt, 2), 0, 10 * tol(dt)));
        assertEquals(0, rd.r().get(1, 1), 10 * tol(dt));
        assertTrue(la.qr(b.zeros(dt, 2, 2)).r().allClose(b.zeros(dt, 2, 2), 0, 0));
        // columns are orthogonal with norms 5 and 2, so the singular values are 5 and 2
        Linalg.SVD svd = la.svd(a.transpose());
        assertArrayEquals(new double[] {5, 2}, svd.s().toDoubleArray(), 10 * tol(dt));
        assertArrayEquals(new int[] {2, 2}, svd.u().dims());
        assertArrayEquals(new int[] {2, 3}, svd.vt().dims());
        assertTrue(svd.u().mul(svd.s()).matmul(svd.vt()).allClose(a.transpose(), 0, 10 * tol(dt)));
        assertArrayEquals(new double[] {0, 0}, la.svd(b.zeros(dt, 2, 3)).s().toDoubleArray());
        Linalg.SVD rank1 = la.svd(b.of(dt, new double[] {1, 2, 2, 4, 3, 6}, 3, 2));
        assertArrayEquals(new double[] {Math.sqrt(70), 0}, rank1.s().toDoubleArray(), 10 * tol(dt));
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2
        Tensor sym = b.of(dt, new double[] {2, 1, 1, 2}, 2, 2);
        Linalg.Eigen eig = la.eigh(sym);
        assertArrayEquals(new double[] {1, 3}, eig.values().toDoubleArray(), 10 * tol(dt));
        double r = Math.sqrt(0.5);
        assertEquals(r, Math.abs(eig.vectors().get(0, 0)), 10 * tol(dt));
        assertEquals(-eig.vectors().get(0, 0), eig.vectors().get(1, 0), 10 * tol(dt));
        assertEquals(eig.vectors().get(0, 1), eig.vectors().get(1, 1), 10 * tol(dt));
    }
}
