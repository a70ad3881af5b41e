package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/**
 * Linear-algebra rows, checked by definition with the reference matrix product: {@code A = L Lᵀ} with {@code L}
 * lower triangular; {@code QᵀQ = I}, {@code Q R = A} with {@code R} upper triangular; {@code A A⁻¹ = I}; small
 * residuals {@code A x - b}; determinants against closed forms; {@code U diag(S) Vᵀ = A} with ordered non-negative
 * {@code S} and orthonormal factors; {@code A V = V diag(λ)} with ascending {@code λ}. Matrices have entries of
 * order one and small condition numbers, so residuals are compared with the linear-algebra tolerance.
 */
final class LinalgCases {
    private LinalgCases() {}

    static ReferenceArray transpose(ReferenceArray m) {
        return m.permute(1, 0);
    }

    static ReferenceArray mm(ReferenceArray a, ReferenceArray b) {
        return ReferenceArray.matmul(a, b);
    }

    static ReferenceArray identity(int n) {
        return ReferenceArray.generate(new int[] {n, n}, i -> i / n == i % n ? 1 : 0);
    }

    /** {@code m + shift I}, rounded to the dtype. */
    static ReferenceArray shifted(ReferenceArray m, double shift, Conformance c) {
        int n = m.shape[0];
        return ReferenceArray.generate(m.shape, i -> c.dtype.round(m.data[i] + (i / n == i % n ? shift : 0)));
    }

    /** A well-conditioned matrix: random entries in [-1, 1) plus {@code shift} on the diagonal. */
    static ReferenceArray wellConditioned(Conformance c, long seed, int n, double shift) {
        return shifted(c.uniform(seed, -1, 1, n, n), shift, c);
    }

    /** A symmetric positive definite matrix {@code M Mᵀ + n I}, rounded to the dtype. */
    static ReferenceArray spd(Conformance c, long seed, int n) {
        ReferenceArray m = c.uniform(seed, -1, 1, n, n);
        return shifted(mm(m, transpose(m)), n, c);
    }

    /** A symmetric matrix {@code (M + Mᵀ) / 2}, rounded to the dtype. */
    static ReferenceArray symmetric(Conformance c, long seed, int n) {
        ReferenceArray m = c.uniform(seed, -2, 2, n, n);
        return ReferenceArray.zip(m, transpose(m), (x, y) -> (x + y) / 2).round(c.dtype);
    }

    static DynamicNode solve(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 5}) {
            tests.add(test("solve A x = b, A " + shape(n, n) + ", b " + shape(n), () -> {
                ReferenceArray a = wellConditioned(c, 80000 + n, n, 3);
                ReferenceArray b = c.uniform(80100 + n, -2, 2, n);
                Tensor x = la.solve(c.tensor(a), c.tensor(b));
                c.checkOwned(x);
                TensorAssertions.assertShape(x, n);
                ReferenceArray ax = mm(a, array(x));
                c.checkArray(b, ax, c.linalgTol);
            }));
        }
        for (int k : new int[] {1, 3}) {
            tests.add(test("solve A X = B, A [4, 4], B " + shape(4, k), () -> {
                ReferenceArray a = wellConditioned(c, 80200 + k, 4, 3);
                ReferenceArray b = c.uniform(80300 + k, -2, 2, 4, k);
                Tensor x = la.solve(c.tensor(a), c.tensor(b));
                c.checkOwned(x);
                TensorAssertions.assertShape(x, 4, k);
                c.checkArray(b, mm(a, array(x)), c.linalgTol);
            }));
        }
        tests.add(test("solve closed form 2x2", () -> {
            Tensor x = la.solve(c.tensor(new double[] {2, 1, 1, 3}, 2, 2), c.tensor(new double[] {3, 5}, 2));
            c.check(ReferenceArray.vector(0.8, 1.4), x, c.linalgTol);
        }));
        tests.add(test("solve needs pivoting: zero leading entry", () -> {
            Tensor x = la.solve(c.tensor(new double[] {0, 1, 1, 0}, 2, 2), c.tensor(new double[] {2, 3}, 2));
            c.check(ReferenceArray.vector(3, 2), x, c.linalgTol);
        }));
        tests.add(test(
                "solve of a singular matrix throws SingularMatrixException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        SingularMatrixException.class,
                        () -> la.solve(c.tensor(new double[] {1, 2, 2, 4}, 2, 2), c.tensor(new double[] {1, 1}, 2)),
                        "singular")));
        tests.add(test(
                "solve of the zero matrix throws SingularMatrixException",
                () -> assertThrowsSingular(
                        () -> la.solve(c.backend.zeros(c.dtype, 3, 3), c.backend.ones(c.dtype, 3)))));
        tests.add(test(
                "solve rejects a right-hand side with the wrong rows, naming both shapes",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> la.solve(c.backend.eye(c.dtype, 3), c.backend.ones(c.dtype, 2)),
                        "[3, 3]",
                        "[2]")));
        tests.add(test(
                "solve rejects a non-square matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> la.solve(c.backend.ones(c.dtype, 2, 3), c.backend.ones(c.dtype, 2)),
                        "[2, 3]")));
        tests.add(test(
                "solve rejects a matrix with NaN",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> la.solve(c.tensor(new double[] {1, Double.NaN, 0, 1}, 2, 2), c.backend.ones(c.dtype, 2)),
                        "NaN")));
        return group("solve", tests);
    }

    private static void assertThrowsSingular(org.junit.jupiter.api.function.Executable e) {
        TensorAssertions.assertThrowsWithMessage(SingularMatrixException.class, e, "singular");
    }

    static DynamicNode inverse(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 5}) {
            tests.add(test("inverse of " + shape(n, n) + ": A A⁻¹ = A⁻¹ A = I", () -> {
                ReferenceArray a = wellConditioned(c, 81000 + n, n, 3);
                Tensor inv = la.inverse(c.tensor(a));
                c.checkOwned(inv);
                TensorAssertions.assertShape(inv, n, n);
                ReferenceArray ai = array(inv);
                c.checkArray(identity(n), mm(a, ai), c.linalgTol);
                c.checkArray(identity(n), mm(ai, a), c.linalgTol);
            }));
        }
        tests.add(test("inverse of a permutation matrix is its transpose", () -> {
            ReferenceArray p = ReferenceArray.of(new int[] {3, 3}, 0, 1, 0, 0, 0, 1, 1, 0, 0);
            c.check(transpose(p), la.inverse(c.tensor(p)), c.linalgTol);
        }));
        tests.add(test(
                "inverse closed form 2x2",
                () -> c.check(
                        ReferenceArray.of(new int[] {2, 2}, 3, -1, -5, 2),
                        la.inverse(c.tensor(new double[] {2, 1, 5, 3}, 2, 2)),
                        c.linalgTol)));
        tests.add(test(
                "inverse of a singular matrix throws SingularMatrixException",
                () -> assertThrowsSingular(
                        () -> la.inverse(c.tensor(new double[] {1, 2, 3, 2, 4, 6, 1, 1, 1}, 3, 3)))));
        tests.add(test(
                "inverse rejects a non-square matrix, naming its shape",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.inverse(c.backend.ones(c.dtype, 2, 3)), "[2, 3]")));
        tests.add(test(
                "inverse rejects a vector",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.inverse(c.backend.ones(c.dtype, 3)), "[3]")));
        return group("inverse", tests);
    }

    /**
     * Matrices with an extent 0: every routine answers with correctly shaped empty factors (det gives the empty
     * product 1, tested with det), and a solve with no right-hand-side columns is an empty solution.
     */
    static DynamicNode empty(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test(
                "solve [0, 0] x [0]",
                () -> TensorAssertions.assertShape(
                        la.solve(c.backend.zeros(c.dtype, 0, 0), c.backend.zeros(c.dtype, 0)), 0)));
        tests.add(test(
                "solve [3, 3] x [3, 0]",
                () -> TensorAssertions.assertShape(
                        la.solve(c.backend.eye(c.dtype, 3), c.backend.zeros(c.dtype, 3, 0)), 3, 0)));
        tests.add(test(
                "inverse [0, 0]",
                () -> TensorAssertions.assertShape(la.inverse(c.backend.zeros(c.dtype, 0, 0)), 0, 0)));
        tests.add(test(
                "cholesky [0, 0]",
                () -> TensorAssertions.assertShape(la.cholesky(c.backend.zeros(c.dtype, 0, 0)), 0, 0)));
        tests.add(test("qr [3, 0] and [0, 2]", () -> {
            Linalg.QR tall = la.qr(c.backend.zeros(c.dtype, 3, 0));
            TensorAssertions.assertShape(tall.q(), 3, 0);
            TensorAssertions.assertShape(tall.r(), 0, 0);
            Linalg.QR wide = la.qr(c.backend.zeros(c.dtype, 0, 2));
            TensorAssertions.assertShape(wide.q(), 0, 0);
            TensorAssertions.assertShape(wide.r(), 0, 2);
        }));
        tests.add(test("svd [2, 0]", () -> {
            Linalg.SVD svd = la.svd(c.backend.zeros(c.dtype, 2, 0));
            TensorAssertions.assertShape(svd.u(), 2, 0);
            TensorAssertions.assertShape(svd.s(), 0);
            TensorAssertions.assertShape(svd.vt(), 0, 0);
        }));
        tests.add(test("eigh [0, 0]", () -> {
            Linalg.Eigen e = la.eigh(c.backend.zeros(c.dtype, 0, 0));
            TensorAssertions.assertShape(e.values(), 0);
            TensorAssertions.assertShape(e.vectors(), 0, 0);
        }));
        return group("empty", tests);
    }

    static DynamicNode det(Conformance c) {
        Linalg la = c.backend.linalg();
        Tolerance t = c.linalgTol;
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("det 2x2 = ad - bc", () -> {
            ReferenceArray a = c.uniform(82000, -2, 2, 2, 2);
            double expected = a.data[0] * a.data[3] - a.data[1] * a.data[2];
            TensorAssertions.assertClose(expected, la.det(c.tensor(a)), t, "det");
        }));
        tests.add(test("det 3x3 by the rule of Sarrus", () -> {
            ReferenceArray a = c.uniform(82001, -2, 2, 3, 3);
            double[] m = a.data;
            double expected = m[0] * m[4] * m[8]
                    + m[1] * m[5] * m[6]
                    + m[2] * m[3] * m[7]
                    - m[2] * m[4] * m[6]
                    - m[0] * m[5] * m[7]
                    - m[1] * m[3] * m[8];
            TensorAssertions.assertClose(expected, la.det(c.tensor(a)), t, "det");
        }));
        tests.add(test("det of a triangular matrix is the product of its diagonal", () -> {
            ReferenceArray a = c.uniform(82002, -2, 2, 4, 4);
            ReferenceArray u = ReferenceArray.generate(new int[] {4, 4}, i -> i % 4 >= i / 4 ? a.data[i] : 0);
            double expected = u.at(0, 0) * u.at(1, 1) * u.at(2, 2) * u.at(3, 3);
            TensorAssertions.assertClose(expected, la.det(c.tensor(u)), t, "det");
            TensorAssertions.assertClose(expected, la.det(c.tensor(transpose(u))), t, "det of the transpose");
        }));
        tests.add(test("det(A B) = det A det B", () -> {
            ReferenceArray a = c.uniform(82003, -1, 1, 4, 4);
            ReferenceArray b = c.uniform(82004, -1, 1, 4, 4);
            ReferenceArray ab = mm(a, b).round(c.dtype);
            double da = la.det(c.tensor(a));
            double db = la.det(c.tensor(b));
            TensorAssertions.assertClose(
                    da * db, la.det(c.tensor(ab)), t.relativeTo(Math.abs(da * db) + 1e-3), "det(A B)");
        }));
        tests.add(test(
                "det of a row swap of I is -1",
                () -> TensorAssertions.assertClose(
                        -1, la.det(c.tensor(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, 3, 3)), t, "det")));
        tests.add(test(
                "det of diag(2, 3, 0.5) is 3",
                () -> TensorAssertions.assertClose(
                        3, la.det(c.tensor(new double[] {2, 0, 0, 0, 3, 0, 0, 0, 0.5}, 3, 3)), t, "det")));
        tests.add(test(
                "det of a singular matrix is 0",
                () -> TensorAssertions.assertClose(
                        0,
                        la.det(c.tensor(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3)),
                        t.relativeTo(100),
                        "det")));
        tests.add(test(
                "det of [1, 1] is its entry",
                () -> TensorAssertions.assertClose(
                        c.dtype.round(-0.3), la.det(c.tensor(new double[] {-0.3}, 1, 1)), t, "det")));
        tests.add(test(
                "det of [0, 0] is 1",
                () -> TensorAssertions.assertClose(1, la.det(c.backend.zeros(c.dtype, 0, 0)), Tolerance.EXACT, "det")));
        tests.add(test(
                "det rejects a non-square matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.det(c.backend.ones(c.dtype, 3, 2)), "[3, 2]")));
        return group("det", tests);
    }

    static DynamicNode slogdet(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("slogdet 2x2: sign and ln|ad - bc|", () -> {
            Linalg.SignedLogDet r = la.slogdet(c.tensor(new double[] {1, 3, 2, 1}, 2, 2));
            assertEquals(-1.0, r.sign());
            assertEquals(Math.log(5), r.logAbs(), c.linalgTol.atol() + c.linalgTol.rtol() * Math.log(5));
        }));
        for (int n : new int[] {1, 3, 6}) {
            tests.add(test("slogdet agrees with det, " + shape(n, n), () -> {
                Tensor a = c.tensor(wellConditioned(c, 84000 + n, n, 0.5));
                double det = la.det(a);
                Linalg.SignedLogDet r = la.slogdet(a);
                assertEquals(Math.signum(det), r.sign(), "sign");
                double expected = Math.log(Math.abs(det));
                assertEquals(expected, r.logAbs(), 1e-4 + 1e-4 * Math.abs(expected), "log|det|");
            }));
        }
        tests.add(test("slogdet of a 400 x 400 triangular matrix whose det overflows", () -> {
            // upper triangular with diagonal entries ±10 (three negative) under a row swap: det = ±10^400
            int n = 400;
            double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                d[i * n + i] = i % 150 == 0 ? -10 : 10;
                for (int j = i + 1; j < n; j++) {
                    d[i * n + j] = 0.5;
                }
            }
            Tensor a = c.backend.of(DType.FLOAT64, d, n, n);
            assertEquals(Double.NEGATIVE_INFINITY, la.det(a), "det overflows");
            Linalg.SignedLogDet r = la.slogdet(a);
            assertEquals(-1.0, r.sign());
            assertEquals(n * Math.log(10), r.logAbs(), 1e-9 * n * Math.log(10));
            Tensor swapped = Tensor.concat(0, a.slice(0, 1, 2), a.slice(0, 0, 1), a.slice(0, 2, n));
            Linalg.SignedLogDet rs = la.slogdet(swapped);
            assertEquals(1.0, rs.sign(), "a row swap flips the sign");
            assertEquals(r.logAbs(), rs.logAbs(), 1e-9 * r.logAbs());
        }));
        tests.add(test("slogdet of a singular matrix is (0, -inf)", () -> {
            Linalg.SignedLogDet r = la.slogdet(c.backend.zeros(c.dtype, 3, 3));
            assertEquals(0.0, r.sign());
            assertEquals(Double.NEGATIVE_INFINITY, r.logAbs());
        }));
        tests.add(test("slogdet of [0, 0] is (1, 0)", () -> {
            Linalg.SignedLogDet r = la.slogdet(c.backend.zeros(c.dtype, 0, 0));
            assertEquals(1.0, r.sign());
            assertEquals(0.0, r.logAbs());
        }));
        tests.add(test(
                "slogdet rejects a non-square matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.slogdet(c.backend.ones(c.dtype, 3, 2)), "[3, 2]")));
        return group("slogdet", tests);
    }

    static DynamicNode cholesky(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 5}) {
            tests.add(test("cholesky of SPD " + shape(n, n) + ": A = L Lᵀ, L lower triangular", () -> {
                ReferenceArray a = spd(c, 83000 + n, n);
                Tensor l = la.cholesky(c.tensor(a));
                c.checkOwned(l);
                TensorAssertions.assertShape(l, n, n);
                ReferenceArray lr = array(l);
                for (int i = 0; i < n; i++) {
                    assertTrue(lr.at(i, i) > 0, "positive diagonal at " + i + ": " + lr.at(i, i));
                    for (int j = i + 1; j < n; j++) {
                        assertEquals(0.0, lr.at(i, j), "L[" + i + "," + j + "] above the diagonal");
                    }
                }
                c.checkArray(a, mm(lr, transpose(lr)), c.linalgTol.relativeTo(a.maxAbs()));
            }));
        }
        tests.add(test(
                "cholesky closed form [[4, 2], [2, 5]] = L Lᵀ with L = [[2, 0], [1, 2]]",
                () -> c.check(
                        ReferenceArray.of(new int[] {2, 2}, 2, 0, 1, 2),
                        la.cholesky(c.tensor(new double[] {4, 2, 2, 5}, 2, 2)),
                        c.linalgTol)));
        tests.add(test(
                "cholesky of an indefinite matrix throws NotPositiveDefiniteException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        NotPositiveDefiniteException.class,
                        () -> la.cholesky(c.tensor(new double[] {1, 2, 2, 1}, 2, 2)),
                        "positive definite")));
        tests.add(test(
                "cholesky of a negative definite matrix throws NotPositiveDefiniteException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        NotPositiveDefiniteException.class,
                        () -> la.cholesky(c.tensor(new double[] {-1, 0, 0, -2}, 2, 2)),
                        "positive definite")));
        tests.add(test(
                "cholesky of a singular PSD matrix throws NotPositiveDefiniteException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        NotPositiveDefiniteException.class,
                        () -> la.cholesky(c.tensor(new double[] {1, 1, 1, 1}, 2, 2)),
                        "positive definite")));
        tests.add(test(
                "cholesky rejects a non-symmetric matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> la.cholesky(c.tensor(new double[] {4, 1, 3, 5}, 2, 2)),
                        "symmetric")));
        tests.add(test(
                "cholesky rejects a non-square matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.cholesky(c.backend.ones(c.dtype, 2, 3)), "[2, 3]")));
        return group("cholesky", tests);
    }

    static DynamicNode qr(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        int[][] shapes = {{5, 3}, {3, 3}, {2, 4}, {1, 1}, {4, 1}, {1, 3}, {6, 6}};
        int i = 0;
        for (int[] s : shapes) {
            long seed = 84000 + ++i;
            tests.add(test("qr of " + shape(s) + ": QᵀQ = I, Q R = A, R upper triangular", () -> {
                ReferenceArray a = c.uniform(seed, -2, 2, s);
                checkQr(c, la, a);
            }));
        }
        tests.add(test(
                "qr of a rank-deficient tall matrix",
                () -> checkQr(c, la, ReferenceArray.of(new int[] {3, 2}, 1, 2, 2, 4, 3, 6))));
        tests.add(test(
                "qr of a matrix with a zero column",
                () -> checkQr(c, la, ReferenceArray.of(new int[] {3, 2}, 0, 1, 0, 2, 0, 3))));
        tests.add(test(
                "qr rejects a vector",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.qr(c.backend.ones(c.dtype, 3)), "[3]")));
        return group("qr", tests);
    }

    private static void checkQr(Conformance c, Linalg la, ReferenceArray a) {
        int m = a.shape[0];
        int n = a.shape[1];
        int k = Math.min(m, n);
        Linalg.QR qr = la.qr(c.tensor(a));
        c.checkOwned(qr.q());
        c.checkOwned(qr.r());
        TensorAssertions.assertShape(qr.q(), m, k);
        TensorAssertions.assertShape(qr.r(), k, n);
        ReferenceArray q = array(qr.q());
        ReferenceArray r = array(qr.r());
        Tolerance t = c.linalgTol.relativeTo(a.maxAbs());
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                assertEquals(0.0, r.at(i, j), "R[" + i + "," + j + "] below the diagonal");
            }
        }
        c.checkArray(identity(k), mm(transpose(q), q), c.linalgTol);
        c.checkArray(a, mm(q, r), t);
    }

    static DynamicNode svd(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        int[][] shapes = {{5, 3}, {3, 3}, {2, 4}, {1, 1}, {4, 1}, {1, 3}};
        int i = 0;
        for (int[] s : shapes) {
            long seed = 85000 + ++i;
            tests.add(test(
                    "svd of " + shape(s) + ": U diag(S) Vᵀ = A",
                    () -> checkSvd(c, la, c.uniform(seed, -2, 2, s), null)));
        }
        tests.add(test(
                "svd of diag(3, -4) has S = [4, 3]",
                () -> checkSvd(c, la, ReferenceArray.of(new int[] {2, 2}, 3, 0, 0, -4), new double[] {4, 3})));
        tests.add(test(
                "svd of a rank-one matrix u vᵀ has S = [|u| |v|, 0] = [√45, 0]",
                () -> checkSvd(
                        c, la, ReferenceArray.of(new int[] {3, 2}, 1, 2, 2, 4, 2, 4), new double[] {Math.sqrt(45), 0
                        })));
        tests.add(test(
                "svd of the zero matrix",
                () -> checkSvd(c, la, ReferenceArray.full(new int[] {2, 3}, 0), new double[] {0, 0})));
        tests.add(test(
                "svd rejects a matrix with infinity",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> la.svd(c.tensor(new double[] {1, Double.POSITIVE_INFINITY}, 1, 2)),
                        "infinite")));
        return group("svd", tests);
    }

    private static void checkSvd(Conformance c, Linalg la, ReferenceArray a, double[] expectedS) {
        int m = a.shape[0];
        int n = a.shape[1];
        int k = Math.min(m, n);
        Linalg.SVD svd = la.svd(c.tensor(a));
        c.checkOwned(svd.u());
        c.checkOwned(svd.s());
        c.checkOwned(svd.vt());
        TensorAssertions.assertShape(svd.u(), m, k);
        TensorAssertions.assertShape(svd.s(), k);
        TensorAssertions.assertShape(svd.vt(), k, n);
        ReferenceArray u = array(svd.u());
        ReferenceArray s = array(svd.s());
        ReferenceArray vt = array(svd.vt());
        Tolerance t = c.linalgTol.relativeTo(Math.max(a.maxAbs(), 1));
        for (int i = 0; i < k; i++) {
            double si = s.data[i];
            assertTrue(si >= 0 || Math.abs(si) <= t.atol(), "singular value " + i + " is negative: " + si);
            if (i > 0) {
                double prev = s.data[i - 1];
                assertTrue(si <= prev + t.atol(), "singular values not descending: " + s);
            }
        }
        if (expectedS != null) {
            c.check(ReferenceArray.vector(expectedS), svd.s(), t);
        }
        c.checkArray(identity(k), mm(transpose(u), u), c.linalgTol);
        c.checkArray(identity(k), mm(vt, transpose(vt)), c.linalgTol);
        ReferenceArray us = ReferenceArray.zip(u, s, (x, y) -> x * y);
        c.checkArray(a, mm(us, vt), t);
    }

    static DynamicNode eigh(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 5}) {
            tests.add(test(
                    "eigh of symmetric " + shape(n, n) + ": A V = V diag(λ), λ ascending",
                    () -> checkEigh(c, la, symmetric(c, 86000 + n, n), null)));
        }
        tests.add(test(
                "eigh of [[2, 1], [1, 2]] has λ = [1, 3]",
                () -> checkEigh(c, la, ReferenceArray.of(new int[] {2, 2}, 2, 1, 1, 2), new double[] {1, 3})));
        tests.add(test(
                "eigh of diag(3, -1, 2) has λ = [-1, 2, 3]",
                () -> checkEigh(
                        c, la, ReferenceArray.of(new int[] {3, 3}, 3, 0, 0, 0, -1, 0, 0, 0, 2), new double[] {-1, 2, 3
                        })));
        tests.add(test(
                "eigh of I (repeated eigenvalues) has orthonormal vectors",
                () -> checkEigh(c, la, identity(3), new double[] {1, 1, 1})));
        tests.add(test("eigh of an SPD matrix has positive eigenvalues", () -> {
            ReferenceArray a = spd(c, 86100, 4);
            Linalg.Eigen e = la.eigh(c.tensor(a));
            for (double v : e.values().toDoubleArray()) {
                assertTrue(v > 0, "eigenvalue " + v);
            }
            checkEigh(c, la, a, null);
        }));
        tests.add(test(
                "eigh rejects a non-symmetric matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> la.eigh(c.tensor(new double[] {1, 2, 3, 4}, 2, 2)),
                        "symmetric")));
        tests.add(test(
                "eigh rejects a non-square matrix",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.eigh(c.backend.ones(c.dtype, 2, 3)), "[2, 3]")));
        return group("eigh", tests);
    }

    private static void checkEigh(Conformance c, Linalg la, ReferenceArray a, double[] expected) {
        int n = a.shape[0];
        Linalg.Eigen e = la.eigh(c.tensor(a));
        c.checkOwned(e.values());
        c.checkOwned(e.vectors());
        TensorAssertions.assertShape(e.values(), n);
        TensorAssertions.assertShape(e.vectors(), n, n);
        ReferenceArray lambda = array(e.values());
        ReferenceArray v = array(e.vectors());
        Tolerance t = c.linalgTol.relativeTo(Math.max(a.maxAbs(), 1));
        for (int i = 1; i < n; i++) {
            if (!(lambda.data[i] >= lambda.data[i - 1] - t.atol())) {
                fail("eigenvalues not ascending: " + lambda);
            }
        }
        if (expected != null) {
            c.check(ReferenceArray.vector(expected), e.values(), t);
        }
        c.checkArray(identity(n), mm(transpose(v), v), c.linalgTol);
        ReferenceArray av = mm(a, v);
        ReferenceArray vl = ReferenceArray.zip(v, lambda, (x, y) -> x * y);
        c.checkArray(vl, av, t);
    }

    /** {@code count} SPD matrices {@code [n, n]} stacked into {@code [dims..., n, n]}. */
    static Tensor spdStack(Conformance c, long seed, int n, int... batch) {
        int count = 1;
        for (int d : batch) {
            count *= d;
        }
        double[] data = new double[count * n * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(spd(c, seed + i, n).data, 0, data, i * n * n, n * n);
        }
        int[] dims = java.util.Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = n;
        dims[batch.length + 1] = n;
        return c.tensor(data, dims);
    }

    /** Matrix {@code i} of the stack {@code t}, flattened over its batch axes. */
    static Tensor matrixAt(Tensor t, int i) {
        int r = t.rank();
        return t.reshape(-1, t.shape().dim(r - 2), t.shape().dim(r - 1)).select(0, i);
    }

    /** Vector {@code i} of the stack {@code t} of vectors. */
    static Tensor vectorAt(Tensor t, int i) {
        return t.reshape(-1, t.shape().dim(t.rank() - 1)).select(0, i);
    }

    /** Asserts that {@code actual} holds exactly the values of {@code expected} (same backend, same kernel). */
    static void assertSame(Tensor expected, Tensor actual, String what) {
        TensorAssertions.assertShape(actual, expected.dims());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, what);
    }

    /**
     * Stacks of matrices {@code [..., m, n]}: every method but {@code det} applies itself to each matrix; matrix
     * {@code i} of the result equals the result for matrix {@code i} alone (checked by definition in the other
     * groups).
     */
    static DynamicNode batched(Conformance c) {
        Linalg la = c.backend.linalg();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("inverse, cholesky and eigh of a [2, 3, 3, 3] stack, matrix by matrix", () -> {
            Tensor a = spdStack(c, 88000, 3, 2, 3);
            Tensor inv = la.inverse(a);
            Tensor chol = la.cholesky(a);
            Linalg.Eigen eig = la.eigh(a);
            TensorAssertions.assertShape(inv, 2, 3, 3, 3);
            TensorAssertions.assertShape(eig.values(), 2, 3, 3);
            for (int i = 0; i < 6; i++) {
                Tensor ai = matrixAt(a, i);
                assertSame(la.inverse(ai), matrixAt(inv, i), "inverse " + i);
                assertSame(la.cholesky(ai), matrixAt(chol, i), "cholesky " + i);
                Linalg.Eigen ei = la.eigh(ai);
                assertSame(ei.values(), vectorAt(eig.values(), i), "eigenvalues " + i);
                assertSame(ei.vectors(), matrixAt(eig.vectors(), i), "eigenvectors " + i);
            }
        }));
        tests.add(test("qr of [2, 4, 3] and svd of [2, 3, 4], matrix by matrix", () -> {
            Tensor a = c.tensor(c.uniform(88100, -1, 1, 2, 4, 3));
            Linalg.QR qr = la.qr(a);
            TensorAssertions.assertShape(qr.q(), 2, 4, 3);
            TensorAssertions.assertShape(qr.r(), 2, 3, 3);
            Tensor b = c.tensor(c.uniform(88200, -1, 1, 2, 3, 4));
            Linalg.SVD svd = la.svd(b);
            TensorAssertions.assertShape(svd.u(), 2, 3, 3);
            TensorAssertions.assertShape(svd.s(), 2, 3);
            TensorAssertions.assertShape(svd.vt(), 2, 3, 4);
            for (int i = 0; i < 2; i++) {
                Linalg.QR qi = la.qr(matrixAt(a, i));
                assertSame(qi.q(), matrixAt(qr.q(), i), "Q " + i);
                assertSame(qi.r(), matrixAt(qr.r(), i), "R " + i);
                Linalg.SVD si = la.svd(matrixAt(b, i));
                assertSame(si.u(), matrixAt(svd.u(), i), "U " + i);
                assertSame(si.s(), vectorAt(svd.s(), i), "S " + i);
                assertSame(si.vt(), matrixAt(svd.vt(), i), "Vt " + i);
            }
        }));
        tests.add(test("solve with stacks: one vector for all, stacked right-hand sides, broadcast batches", () -> {
            Tensor a = spdStack(c, 88300, 3, 2);
            Tensor v = c.tensor(new double[] {1, -2, 0.5}, 3);
            Tensor x = la.solve(a, v);
            TensorAssertions.assertShape(x, 2, 3);
            Tensor bs = c.tensor(c.uniform(88400, -1, 1, 2, 3, 2));
            Tensor xs = la.solve(a, bs);
            TensorAssertions.assertShape(xs, 2, 3, 2);
            for (int i = 0; i < 2; i++) {
                assertSame(la.solve(matrixAt(a, i), v), vectorAt(x, i), "shared right-hand side " + i);
                assertSame(la.solve(matrixAt(a, i), matrixAt(bs, i)), matrixAt(xs, i), "stacked " + i);
            }
            // one matrix, a stack of right-hand sides: [3, 3] with [4, 3, 1]
            Tensor single = matrixAt(a, 0);
            Tensor many = c.tensor(c.uniform(88500, -1, 1, 4, 3, 1));
            Tensor y = la.solve(single, many);
            TensorAssertions.assertShape(y, 4, 3, 1);
            for (int i = 0; i < 4; i++) {
                assertSame(la.solve(single, matrixAt(many, i)), matrixAt(y, i), "broadcast matrix " + i);
            }
            // batch axes broadcast: [2, 1, 3, 3] with [4, 3, 2] gives [2, 4, 3, 2]
            Tensor a4 = spdStack(c, 88600, 3, 2, 1);
            Tensor b4 = c.tensor(c.uniform(88700, -1, 1, 4, 3, 2));
            Tensor z = la.solve(a4, b4);
            TensorAssertions.assertShape(z, 2, 4, 3, 2);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 4; j++) {
                    assertSame(
                            la.solve(matrixAt(a4, i), matrixAt(b4, j)),
                            matrixAt(z, i * 4 + j),
                            "broadcast batch " + i + ", " + j);
                }
            }
        }));
        tests.add(test("empty stacks keep their shapes", () -> {
            TensorAssertions.assertShape(la.inverse(c.backend.zeros(c.dtype, 0, 3, 3)), 0, 3, 3);
            Linalg.Eigen e = la.eigh(c.backend.zeros(c.dtype, 2, 0, 0));
            TensorAssertions.assertShape(e.values(), 2, 0);
            TensorAssertions.assertShape(e.vectors(), 2, 0, 0);
            TensorAssertions.assertShape(
                    la.solve(c.backend.zeros(c.dtype, 0, 2, 2), c.backend.ones(c.dtype, 0, 2, 1)), 0, 2, 1);
            Linalg.SVD svd = la.svd(c.backend.zeros(c.dtype, 3, 2, 0));
            TensorAssertions.assertShape(svd.s(), 3, 0);
        }));
        tests.add(test(
                "det takes one matrix only",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> la.det(c.backend.ones(c.dtype, 2, 3, 3)), "[2, 3, 3]")));
        tests.add(test(
                "a stack of non-square matrices is rejected with its shape",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> la.inverse(c.backend.ones(c.dtype, 2, 3, 4)),
                        "[2, 3, 4]")));
        tests.add(test(
                "solve rejects batch axes that do not broadcast, naming both shapes",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> la.solve(spdStack(c, 88800, 2, 2), c.backend.ones(c.dtype, 3, 2, 1)),
                        "[2, 2, 2]",
                        "[3, 2, 1]")));
        tests.add(test(
                "a singular matrix in a stack throws SingularMatrixException",
                () -> assertThrowsSingular(
                        () -> la.inverse(c.tensor(new double[] {2, 0, 0, 2, 1, 2, 2, 4}, 2, 2, 2)))));
        tests.add(test(
                "a non-symmetric matrix in a cholesky stack is rejected",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> la.cholesky(c.tensor(new double[] {2, 0, 0, 2, 2, 1, 0, 2}, 2, 2, 2)),
                        "symmetric")));
        return group("batched", tests);
    }

    /** The values of a result tensor as a reference array (widened to double, no further rounding). */
    static ReferenceArray array(Tensor t) {
        return new ReferenceArray(t.dims(), t.toDoubleArray());
    }
}
