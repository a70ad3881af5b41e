package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;

/**
 * Base of every autodiff test: tensors are created on {@link #backend()}, so a backend module can run the whole
 * suite by subclassing the abstract tests and returning its backend (only EJML runs here).
 */
abstract class BackendTestBase {
    /** Tolerance for values that are exact up to rounding of a few operations (FLOAT64). */
    static final double TIGHT_F64 = 1e-12;
    /** Tolerance for values computed by an iterative method (training loops). */
    static final double LOOSE_F64 = 1e-3;

    /** The backend under test. */
    protected abstract Backend backend();

    Tensor t(double[] data, int... shape) {
        return shape.length == 0 && data.length == 1
                ? backend().scalar(data[0])
                : backend().of(data, shape);
    }

    Tensor scalar(double v) {
        return backend().scalar(v);
    }

    static void assertArrayClose(double[] expected, Tensor actual, double tol) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length, () -> "length of " + actual);
        for (int i = 0; i < a.length; i++) {
            double e = expected[i];
            int k = i;
            assertEquals(
                    e,
                    a[k],
                    tol * Math.max(1.0, Math.abs(e)),
                    () -> "element " + k + ": expected " + Arrays.toString(expected) + " got " + actual);
        }
    }
}
