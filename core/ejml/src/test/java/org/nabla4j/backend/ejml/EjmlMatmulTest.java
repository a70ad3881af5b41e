package org.nabla4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;

/** Matrix products on both sides of the single/multi-threaded threshold, batched and degenerate. */
class EjmlMatmulTest {
    private final Backend b = Backends.get("ejml");

    /** Plain triple loop over {@code double[]}: the independent reference. */
    private static double[] reference(double[] a, double[] x, int batch, int m, int k, int n) {
        double[] c = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a[p * m * k + i * k + q] * x[p * k * n + q * n + j];
                    }
                    c[p * m * n + i * n + j] = s;
                }
            }
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void smallAndLargeProductsMatchTheTripleLoop(DType dt) {
        int[][] sizes = {{2, 3, 4}, {1, 7, 1}, {130, 120, 110}};
        for (int[] s : sizes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            Tensor a = b.randNormal(dt, 1, 0, 1, m, k);
            Tensor x = b.randNormal(dt, 2, 0, 1, k, n);
            double[] ref = reference(a.toDoubleArray(), x.toDoubleArray(), 1, m, k, n);
            double tol = dt == DType.FLOAT64 ? 1e-11 : 1e-4;
            assertTrue(a.matmul(x).allClose(b.of(dt, ref, m, n), tol, tol), "size " + m + "x" + k + "x" + n);
        }
        assertTrue((long) 130 * 120 * 110 >= EjmlKernels.CONCURRENT_MATMUL_WORK, "the large case uses EJML's MT path");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void batchedAndBroadcastBatches(DType dt) {
        Tensor a = b.randNormal(dt, 3, 0, 1, 4, 2, 3);
        Tensor x = b.randNormal(dt, 4, 0, 1, 4, 3, 5);
        double[] ref = reference(a.toDoubleArray(), x.toDoubleArray(), 4, 2, 3, 5);
        double tol = dt == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertTrue(a.matmul(x).allClose(b.of(dt, ref, 4, 2, 5), tol, tol));
        Tensor shared = x.select(0, 1);
        double[] tiled = new double[4 * 15];
        for (int p = 0; p < 4; p++) {
            System.arraycopy(shared.toDoubleArray(), 0, tiled, p * 15, 15);
        }
        double[] ref2 = reference(a.toDoubleArray(), tiled, 4, 2, 3, 5);
        assertTrue(a.matmul(shared).allClose(b.of(dt, ref2, 4, 2, 5), tol, tol));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void emptyInnerDimensionGivesZeros(DType dt) {
        Tensor c = b.zeros(dt, 2, 0).matmul(b.zeros(dt, 0, 3));
        assertArrayEquals(new int[] {2, 3}, c.dims());
        assertArrayEquals(new double[6], c.toDoubleArray());
        assertArrayEquals(
                new int[] {0, 3}, b.zeros(dt, 0, 2).matmul(b.ones(dt, 2, 3)).dims());
        assertArrayEquals(
                new double[] {32},
                b.of(dt, new double[] {1, 2, 3})
                        .matmul(b.of(dt, new double[] {4, 5, 6}))
                        .toDoubleArray());
    }
}
