package org.nabla4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;

/**
 * Hand-computed smoke checks of the EJML kernels in both dtypes; the exhaustive op table lives in the conformance
 * suite.
 */
class EjmlKernelsTest {
    private static final double TOL_F64 = 1e-12;
    private static final double TOL_F32 = 1e-5;

    private final Backend b = Backends.get("ejml");

    private static double tol(DType dt) {
        return dt == DType.FLOAT64 ? TOL_F64 : TOL_F32;
    }

    private Tensor of(DType dt, double[] d, int... shape) {
        return b.of(dt, d, shape);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void broadcastingArithmetic(DType dt) {
        Tensor x = of(dt, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = of(dt, new double[] {10, 20, 30}, 3);
        Tensor col = of(dt, new double[] {100, 200}, 2, 1);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, x.add(row).toDoubleArray());
        assertArrayEquals(
                new double[] {99, 196, 291, 196, 385, 572},
                col.sub(x)
                        .mul(of(dt, new double[] {1, 2, 3}))
                        .sub(of(dt, new double[] {0, 0, 0, 0, 5, 10}, 2, 3))
                        .toDoubleArray());
        assertArrayEquals(
                new double[] {110, 120, 130, 210, 220, 230}, col.add(row).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 0.5, 1.0 / 3, 0.25, 0.2, 1.0 / 6}, x.rdiv(1).toDoubleArray(), tol(dt));
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1}, x.ge(3).toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 27, 256, 3125, 46656}, x.pow(x).toDoubleArray(), tol(dt) * 46656);
        Tensor s = b.scalar(dt, 7);
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, s.sub(x).toDoubleArray());
        assertEquals(0, s.add(s).rank());
        assertEquals(14, s.add(s).item());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void nanSemantics(DType dt) {
        double nan = Double.NaN;
        Tensor x = of(dt, new double[] {1, nan, 3}, 3);
        Tensor y = of(dt, new double[] {2, 2, nan}, 3);
        assertArrayEquals(new double[] {2, nan, nan}, x.maximum(y).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0}, x.eq(y).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, x.ne(y).toDoubleArray());
        assertTrue(Double.isNaN(x.max().item()));
        assertEquals(1, x.argmax());
        assertEquals(1, x.argmin());
        assertArrayEquals(new double[] {1, nan, 3}, x.relu().toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void stableUnaryForms(DType dt) {
        Tensor x = of(dt, new double[] {-1e4, -1, 0, 1, 1e4}, 5);
        double e = Math.exp(-1);
        assertArrayEquals(
                new double[] {0, e / (1 + e), 0.5, 1 / (1 + e), 1}, x.sigmoid().toDoubleArray(), tol(dt));
        assertArrayEquals(
                new double[] {0, Math.log1p(e), Math.log(2), 1 + Math.log1p(e), 1e4},
                x.softplus().toDoubleArray(),
                tol(dt) * 1e4);
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, x.sign().toDoubleArray());
        assertArrayEquals(
                new double[] {1, -1, 1},
                of(dt, new double[] {-1, 1, -1}, 3)
                        .neg()
                        .abs()
                        .mul(of(dt, new double[] {1, -1, 1}, 3))
                        .toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void reductionsOverAxisSets(DType dt) {
        // x[i][j][k] = 100 i + 10 j + k, shape [2, 3, 4]
        double[] d = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    d[i * 12 + j * 4 + k] = 100 * i + 10 * j + k;
                }
            }
        }
        Tensor x = of(dt, d, 2, 3, 4);
        // sum over i and k: 4 * (0 + 100) + 2 * 4 * 10 j + 2 * (0 + 1 + 2 + 3)
        Tensor s = x.sum(new int[] {0, 2}, true);
        assertArrayEquals(new int[] {1, 3, 1}, s.dims());
        assertArrayEquals(new double[] {412, 492, 572}, s.toDoubleArray());
        assertArrayEquals(
                new double[] {100, 101, 102, 103, 110, 111, 112, 113, 120, 121, 122, 123},
                x.max(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 100}, x.min(1, 2).toDoubleArray());
        assertArrayEquals(
                new double[] {2, 2, 2, 2, 2, 2, 2, 2}, x.argmax(1, false).toDoubleArray());
        assertEquals(61.5, x.mean().item(), tol(dt));
        double[] meanOver0 = new double[12];
        for (int j = 0; j < 12; j++) {
            meanOver0[j] = 50 + 10 * (j / 4) + j % 4;
        }
        assertArrayEquals(meanOver0, x.mean(new int[] {0}, true).toDoubleArray(), tol(dt));
        assertArrayEquals(new int[] {1, 3, 4}, x.mean(new int[] {0}, true).dims());
        assertArrayEquals(new double[] {11.5, 111.5}, x.mean(1, 2).toDoubleArray(), tol(dt) * 100);
        assertEquals(Math.sqrt(sumSquares(d)), x.norm().item(), tol(dt) * 1e3);
    }

    private static double sumSquares(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v * v;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void logSumExpAndNormEdgeCases(DType dt) {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(
                1000 + Math.log(2),
                of(dt, new double[] {1000, 1000}).logSumExp().item(),
                1e-3);
        assertEquals(
                -1000 + Math.log(2),
                of(dt, new double[] {-1000, -1000}).logSumExp().item(),
                1e-3);
        assertEquals(-inf, of(dt, new double[] {-inf, -inf}).logSumExp().item());
        assertEquals(inf, of(dt, new double[] {-inf, 1, inf}).logSumExp().item());
        assertTrue(
                Double.isNaN(of(dt, new double[] {inf, Double.NaN}).logSumExp().item()));
        assertEquals(-inf, b.zeros(dt, 0).logSumExp().item());
        assertEquals(0, b.zeros(dt, 2, 0).sum().item());
        double big = dt == DType.FLOAT64 ? 1e200 : 1e30;
        double small = dt == DType.FLOAT64 ? 1e-200 : 1e-30;
        assertEquals(5 * big, of(dt, new double[] {3 * big, 4 * big}).norm().item(), 5 * big * tol(dt));
        assertEquals(
                5 * small, of(dt, new double[] {3 * small, -4 * small}).norm().item(), 5 * small * tol(dt));
        assertEquals(inf, of(dt, new double[] {inf, -inf, 1}).norm().item());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void shapeKernels(DType dt) {
        Tensor x = of(dt, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, x.transpose().toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 4, 6}, x.slice(1, 0, 3, 2).toDoubleArray());
        assertArrayEquals(new double[] {5, 6}, x.slice(0, 1, 2).slice(1, -2, 10).toDoubleArray());
        assertArrayEquals(new int[] {2, 0}, x.slice(1, 2, 1).dims());
        assertArrayEquals(
                new double[] {1, 2, 3, 1, 4, 5, 6, 4},
                Tensor.concat(1, x, x.slice(1, 0, 1)).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 2, 3, 4, 5, 6, 1, 2, 3},
                Tensor.concat(0, x, x.slice(0, 0, 1)).toDoubleArray());
        assertArrayEquals(
                new double[] {1, 2, 3, 1, 2, 3},
                x.select(0, 0).broadcastTo(2, 3).toDoubleArray());
        assertArrayEquals(
                new double[] {-1, -2, -3, 4, 5, 6},
                Tensor.where(x.gt(3), x, x.neg()).toDoubleArray());
        Tensor w = x.copy();
        w.addi(of(dt, new double[] {10, 20, 30}, 3)).muli(2);
        assertArrayEquals(new double[] {22, 44, 66, 28, 50, 72}, w.toDoubleArray());
        w.assign(of(dt, new double[] {7, 8}, 2, 1));
        assertArrayEquals(new double[] {7, 7, 7, 8, 8, 8}, w.toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.toDoubleArray(), "inputs are never modified");
        Tensor p = b.randUniform(dt, 3, -1, 1, 2, 3, 4);
        assertTrue(p.permute(2, 0, 1).permute(1, 2, 0).allClose(p, 0, 0));
        assertArrayEquals(new int[] {4, 2, 3}, p.permute(2, 0, 1).dims());
        assertEquals(p.get(1, 2, 3), p.permute(2, 0, 1).get(3, 1, 2));
    }
}
