package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.testkit.TensorAssertions;
import org.nabla4j.testkit.Tolerance;
import org.nabla4j.testkit.Tolerances;

/**
 * Regression tests for the places where ND4J 1.0.0-M2.1 differs from the Nabla4j contract and the backend composes
 * native operations instead (see {@link Nd4jKernels}). Each test names the ND4J behaviour it guards against. The
 * large-array cases take libnd4j's vectorized and multi-threaded code paths, which the small conformance inputs do
 * not reach.
 */
class Nd4jQuirksTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Backend B = Backends.get("nd4j");

    private TensorScope scope;

    @BeforeEach
    void openScope() {
        scope = TensorScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    private static Tensor v(double... values) {
        return B.of(values);
    }

    private static void assertValues(double[] expected, Tensor actual) {
        TensorAssertions.assertClose(expected, actual, Tolerance.EXACT);
    }

    /** ND4J's scalar arithmetic silently replaces a NaN operand by 1e-5. */
    @Test
    void scalarArithmeticWithNaNGivesNaN() {
        Tensor x = v(2, -3, 0);
        double[] nan = {NAN, NAN, NAN};
        assertValues(nan, x.add(NAN));
        assertValues(nan, x.sub(NAN));
        assertValues(nan, x.rsub(NAN));
        assertValues(nan, x.mul(NAN));
        assertValues(nan, x.div(NAN));
        assertValues(nan, x.rdiv(NAN));
        assertValues(nan, x.copy().addi(NAN));
        assertValues(nan, x.copy().muli(NAN));
        assertValues(new double[] {0, 0, 0}, x.gt(NAN));
        assertValues(new double[] {1, 1, 1}, x.ne(NAN));
    }

    /** libnd4j's maximum/minimum return the second operand when either is NaN; max/min reductions skip NaN. */
    @Test
    void maximumAndMinimumPropagateNaNFromEitherOperand() {
        assertValues(new double[] {NAN, NAN, 3, INF}, v(NAN, 1, 3, INF).maximum(v(1, NAN, -1, 0)));
        assertValues(new double[] {NAN, NAN, -1, 0}, v(NAN, 1, 3, INF).minimum(v(1, NAN, -1, 0)));
        assertValues(new double[] {NAN, 2}, v(NAN, 1).maximum(2.0));
        assertValues(new double[] {NAN, NAN}, v(0, 1).minimum(NAN));
        Tensor rows = B.of(new double[] {NAN, 1}, 2, 1);
        assertValues(
                new double[] {NAN, NAN, NAN, 1, 5, 1}, rows.maximum(v(0, 5, -1)).reshape(-1));
        assertValues(
                new double[] {1, 5, 1, NAN, NAN, NAN},
                v(0, 5, -1)
                        .reshape(3, 1)
                        .maximum(B.of(new double[] {1, NAN}, 2, 1, 1))
                        .reshape(-1));
        int n = 1 << 20;
        Tensor big = B.arange(0, n, 1).div(n);
        Tensor withNaN = big.copy();
        withNaN.assign(Tensor.where(B.arange(0, n, 1).eq(777_777), B.full(DType.FLOAT64, NAN, n), withNaN));
        assertTrue(Double.isNaN(withNaN.maximum(big).get(777_777)));
        assertTrue(Double.isNaN(big.maximum(withNaN).get(777_777)));
        assertEquals(1, withNaN.maximum(big).ne(withNaN.maximum(big)).sum().item(), "exactly one NaN");
        assertTrue(Double.isNaN(withNaN.max().item()));
        assertTrue(Double.isNaN(withNaN.min().item()));
        Tensor m = withNaN.reshape(1024, 1024);
        Tensor rowMax = m.max(new int[] {1}, false);
        assertTrue(Double.isNaN(rowMax.get(777_777 / 1024)));
        assertEquals(1, rowMax.ne(rowMax).sum().item(), "only the row holding the NaN is NaN");
        assertEquals(
                (n - 1.0) / n,
                big.reshape(1024, 1024).max(new int[] {0, 1}, false).item());
    }

    /** libnd4j's argmax/argmin skip NaN; the contract makes the first NaN the extreme. Ties go to the first index. */
    @Test
    void argReductionsTreatNaNAsExtremeAndBreakTiesFirst() {
        assertEquals(1, v(1, NAN, 3, NAN).argmax());
        assertEquals(1, v(1, NAN, -3, NAN).argmin());
        Tensor m = B.of(new double[] {1, 5, 5, NAN, 0, NAN, 2, 2, 2}, 3, 3);
        assertValues(new double[] {1, 0, 0}, m.argmax(1, false));
        assertValues(new double[] {0, 0, 0}, m.argmin(1, false));
        assertValues(new double[] {1, 0, 1}, m.argmax(0, false));
        int n = 1 << 20;
        Tensor ties = B.zeros(n);
        ties.assign(Tensor.where(
                B.arange(0, n, 1).eq(600_000).add(B.arange(0, n, 1).eq(900_000)), B.full(DType.FLOAT64, 7, n), ties));
        assertEquals(600_000, ties.argmax());
        assertEquals(0, ties.argmin());
        Tensor rows = ties.reshape(16, n / 16);
        Tensor idx = rows.argmax(1, true);
        assertArrayEquals(new int[] {16, 1}, idx.dims());
        assertEquals(600_000 % (n / 16), idx.get(600_000 / (n / 16), 0));
        assertEquals(900_000 % (n / 16), idx.get(900_000 / (n / 16), 0));
        assertEquals(0, idx.get(0, 0));
    }

    /** ND4J's sign maps NaN to 0. */
    @Test
    void signKeepsNaN() {
        assertValues(
                new double[] {-1, 0, 1, NAN, 1, -1}, v(-2, 0, 3, NAN, INF, -INF).sign());
    }

    /**
     * libnd4j's softplus overflows for large arguments, and its log1p, expm1 and tanh are the literal formulas, which
     * lose all relative accuracy near 0.
     */
    @Test
    void transcendentalFunctionsAreAccurateNearZeroAndForLargeArguments() {
        double[] small = {1e-10, -1e-10, 3e-13, 1e-300, -1e-5, 0};
        Tolerance f64 = Tolerances.F64;
        double[] log1p = new double[small.length];
        double[] expm1 = new double[small.length];
        double[] tanh = new double[small.length];
        for (int i = 0; i < small.length; i++) {
            log1p[i] = Math.log1p(small[i]);
            expm1[i] = Math.expm1(small[i]);
            tanh[i] = Math.tanh(small[i]);
        }
        TensorAssertions.assertClose(log1p, v(small).log1p(), f64);
        TensorAssertions.assertClose(expm1, v(small).expm1(), f64);
        TensorAssertions.assertClose(tanh, v(small).tanh(), f64);
        TensorAssertions.assertClose(
                new double[] {1e4, Math.log1p(Math.exp(-1e4)), Math.log1p(Math.exp(-30)), 30},
                v(1e4, -1e4, -30, 30).softplus(),
                f64);
        assertValues(new double[] {INF, -1, NAN}, v(INF, -INF, NAN).expm1());
        assertValues(new double[] {INF, -INF, NAN, NAN}, v(INF, -1, -2, NAN).log1p());
        assertValues(new double[] {1, -1, NAN}, v(INF, -INF, NAN).tanh());
        Tensor f = B.of(DType.FLOAT32, new double[] {1e-6, 0.04, -0.03, 2}, 4);
        double[] tf = new double[4];
        for (int i = 0; i < 4; i++) {
            tf[i] = Math.tanh((float) f.get(i));
        }
        TensorAssertions.assertClose(tf, f.tanh(), Tolerances.F32);
    }

    /** ND4J's norm2 squares without scaling: 1e200 overflows and 1e-200 underflows. */
    @Test
    void normNeitherOverflowsNorUnderflows() {
        double r2 = Math.sqrt(2);
        TensorAssertions.assertClose(new double[] {r2 * 1e200}, v(1e200, -1e200).norm(), Tolerances.F64);
        TensorAssertions.assertClose(
                new double[] {r2 * 1e-200}, v(1e-200, 1e-200).norm(), Tolerances.F64);
        Tensor m = B.of(new double[] {3e200, 4e200, 0, 0, 3e-200, 4e-200, INF, 1, NAN, 1}, 5, 2);
        TensorAssertions.assertClose(
                new double[] {5e200, 0, 5e-200, INF, NAN}, m.norm(new int[] {1}, false), Tolerances.F64);
        Tensor f = B.of(DType.FLOAT32, new double[] {1e30, 1e30, 1e-30, 1e-30}, 2, 2);
        TensorAssertions.assertClose(
                new double[] {r2 * 1e30, r2 * 1e-30}, f.norm(new int[] {1}, false), Tolerances.F32);
    }

    /** logSumExp must reach the limits for infinite inputs and stay finite for huge finite ones. */
    @Test
    void logSumExpHandlesInfinities() {
        assertValues(new double[] {Double.NEGATIVE_INFINITY}, v(-INF, -INF).logSumExp());
        assertValues(new double[] {INF}, v(INF, 1, -INF).logSumExp());
        TensorAssertions.assertClose(
                new double[] {1e4 + Math.log(2)}, v(1e4, 1e4).logSumExp(), Tolerances.F64);
        Tensor m = B.of(new double[] {-INF, -INF, 0, -INF, 1000, 1000}, 3, 2);
        TensorAssertions.assertClose(
                new double[] {Double.NEGATIVE_INFINITY, 0, 1000 + Math.log(2)},
                m.logSumExp(new int[] {1}, false),
                Tolerances.F64);
    }

    /** C's pow returns 1 for pow(1, NaN) and pow(-1, ±inf); the contract is {@link Math#pow}. */
    @Test
    void powFollowsMathPow() {
        double[] base = {1, -1, 1, -1, NAN, -2, -8, 2, 0};
        double[] exp = {NAN, INF, INF, -INF, 0, 3, 1.0 / 3, -INF, -1};
        double[] expected = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            expected[i] = Math.pow(base[i], exp[i]);
        }
        assertValues(expected, v(base).pow(v(exp)));
        assertValues(new double[] {NAN, NAN, 0, INF}, v(1, -1, 0.5, 2).pow(INF));
        assertValues(new double[] {NAN, 1, NAN}, B.scalar(1.0).pow(v(NAN, 0, -INF)));
        assertValues(new double[] {1, NAN, NAN}, v(0, 1, 2).scalarOp(org.nabla4j.core.BinaryOp.POW, NAN, true));
    }

    /** ND4J's own {@code add}, {@code broadcast} and {@code assign} mishandle operands of different rank. */
    @Test
    void broadcastingAcrossRanks() {
        Tensor col = B.of(new double[] {1, 2, 3}, 3, 1);
        Tensor row = v(10, 20, 30, 40);
        assertValues(
                new double[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43},
                col.add(row).reshape(-1));
        assertValues(
                new double[] {9, 19, 29, 39, 8, 18, 28, 38, 7, 17, 27, 37},
                row.sub(col).reshape(-1));
        assertValues(
                new double[] {0, 0, 0, 1, 1, 1, 0, 1},
                B.of(new double[] {1, 3}, 2, 1).gt(v(2, 1, 4, 0)).reshape(-1));
        Tensor target = B.zeros(2, 3, 4);
        target.assign(row);
        assertEquals(40, target.get(1, 2, 3));
        target.addi(col);
        assertEquals(43, target.get(1, 2, 3));
        target.muli(B.scalar(2.0));
        assertEquals(86, target.get(1, 2, 3));
        assertValues(
                new double[] {5, 5, 5, 5, 5, 5}, B.scalar(5.0).broadcastTo(2, 3).reshape(-1));
        assertValues(new double[] {1, 1, 2, 2, 3, 3}, col.broadcastTo(3, 2).reshape(-1));
        assertValues(
                new double[] {1, 10, 1, 10},
                Tensor.where(v(1, 0).gt(0), B.scalar(1.0), B.of(new double[] {10}, 1, 1))
                        .broadcastTo(2, 2)
                        .reshape(-1));
    }

    /** ND4J rejects a slice whose stride reaches past the end even when it selects a single element. */
    @Test
    void stridedSliceSelectingOneElement() {
        Tensor x = v(1, 2, 3, 4, 5);
        assertValues(new double[] {1}, x.slice(0, 0, 5, 10));
        assertValues(new double[] {4}, x.slice(0, 3, 5, 7));
        assertValues(new double[] {2, 5}, x.slice(0, 1, 5, 3));
    }

    /**
     * LAPACKE's row-major {@code lacpy} leaves the other triangle undefined and ND4J's band-part wrapper rejects
     * TensorFlow's "all" for one-column matrices: triangular factors must hold exact (positive) zeros.
     */
    @Test
    void triangularFactorsHoldExactZeros() {
        Linalg la = B.linalg();
        Tensor l = la.cholesky(B.of(new double[] {4, 2, 2, 3}, 2, 2));
        assertEquals(0.0, l.get(0, 1));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(l.get(0, 1)));
        Linalg.QR qr = la.qr(B.of(new double[] {-1, 2, 3, -4, 5, 6}, 3, 2));
        assertEquals(
                Double.doubleToLongBits(0.0), Double.doubleToLongBits(qr.r().get(1, 0)));
        assertTrue(qr.r().get(0, 0) > 0 && qr.r().get(1, 1) > 0, "R has a positive diagonal");
        Linalg.QR column = la.qr(B.of(new double[] {3, 4}, 2, 1));
        TensorAssertions.assertClose(new double[] {5}, column.r(), Tolerances.F64);
        TensorAssertions.assertClose(new double[] {0.6, 0.8}, column.q(), Tolerances.F64);
    }

    /** Empty tensors never reach libnd4j kernels that reject them. */
    @Test
    void emptyTensors() {
        Tensor e = B.zeros(0, 3);
        assertArrayEquals(new int[] {0, 3}, e.exp().dims());
        assertArrayEquals(new int[] {0, 3}, e.add(v(1, 2, 3)).dims());
        assertValues(new double[] {0, 0, 0}, e.sum(0));
        assertValues(
                new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                e.logSumExp(0));
        assertValues(new double[] {0, 0, 0}, e.norm(new int[] {0}, false));
        assertValues(
                new double[] {0, 0, 0, 0}, B.zeros(2, 0).matmul(B.zeros(0, 2)).reshape(-1));
        assertEquals(0, Tensor.concat(0, e, e).size());
        assertEquals(3, Tensor.concat(0, e, B.ones(1, 3)).size());
        assertEquals("[]", Arrays.toString(e.toDoubleArray()));
    }
}
