package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.opentest4j.AssertionFailedError;

/** The public helpers: {@link Tolerance}, {@link Tolerances} and the messages of {@link TensorAssertions}. */
class TensorAssertionsTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void toleranceIsMixedAbsoluteRelative() {
        Tolerance t = new Tolerance(1e-3, 1e-6);
        assertTrue(t.accepts(1000, 1000.9));
        assertFalse(t.accepts(1000, 1001.1));
        assertTrue(t.accepts(0, 9e-7));
        assertFalse(t.accepts(0, 2e-6));
        assertEquals(1e-6 + 2e-3, t.bound(-2), 1e-18);
    }

    @Test
    void toleranceMatchesNonFiniteValuesExactly() {
        Tolerance loose = new Tolerance(1, 1);
        assertTrue(loose.accepts(Double.NaN, Double.NaN));
        assertFalse(loose.accepts(Double.NaN, 0));
        assertFalse(loose.accepts(0, Double.NaN));
        assertTrue(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        assertFalse(loose.accepts(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(loose.accepts(1e300, Double.POSITIVE_INFINITY));
        assertTrue(Tolerance.EXACT.accepts(-0.0, 0.0));
        assertFalse(Tolerance.EXACT.accepts(1.0, Math.nextUp(1.0)));
    }

    @Test
    void toleranceDerivations() {
        Tolerance t = new Tolerance(0.25, 0.5);
        assertEquals(new Tolerance(1, 2), t.times(4));
        assertEquals(new Tolerance(0.25, 2), t.relativeTo(-8));
        assertEquals(t, t.relativeTo(1));
    }

    @Test
    void toleranceRejectsInvalidComponents() {
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void tolerancesPerDType() {
        assertSame(Tolerances.F64, Tolerances.forDType(DType.FLOAT64));
        assertSame(Tolerances.F32, Tolerances.forDType(DType.FLOAT32));
        assertSame(Tolerances.LINALG_F64, Tolerances.linalgForDType(DType.FLOAT64));
        assertSame(Tolerances.LINALG_F32, Tolerances.linalgForDType(DType.FLOAT32));
        assertTrue(Tolerances.F32.rtol() > Tolerances.F64.rtol());
        assertTrue(Tolerances.LINALG_F64.rtol() > Tolerances.F64.rtol());
        assertTrue(Tolerances.LINALG_F32.rtol() > Tolerances.F32.rtol());
        assertThrows(IllegalArgumentException.class, () -> Tolerances.forDType(null));
    }

    @Test
    void assertCloseShowsIndexAndBothValues() {
        Tensor t = backend.of(new double[] {1, 2, 3, 4, 1.6, 6}, 2, 3);
        TensorAssertions.assertClose(new double[] {1, 2, 3, 4, 1.6 + 1e-13, 6}, t, Tolerances.F64);
        AssertionFailedError e = assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertClose(new double[] {1, 2, 3, 4, 1.5, 6}, t, Tolerances.F64));
        String m = e.getMessage();
        assertTrue(m.contains("element 4 at [1, 1]"), m);
        assertTrue(m.contains("expected 1.5 but was 1.6"), m);
        assertTrue(m.contains("[2, 3]") && m.contains("1 of 6 elements differ"), m);
    }

    @Test
    void assertCloseChecksSizeAndShape() {
        Tensor t = backend.of(new double[] {1, 2, 3, 4}, 2, 2);
        AssertionFailedError size = assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertClose(new double[] {1, 2, 3}, t, Tolerance.EXACT));
        assertTrue(size.getMessage().contains("expected 3 elements but got 4"), size.getMessage());
        AssertionFailedError shape = assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertClose(new double[] {1, 2, 3, 4}, new int[] {4}, t, Tolerance.EXACT));
        assertTrue(shape.getMessage().contains("expected shape [4] but was [2, 2]"), shape.getMessage());
        TensorAssertions.assertClose(backend.of(new double[] {1, 2, 3, 4}, 2, 2), t, Tolerance.EXACT);
    }

    @Test
    void assertCloseOnScalarsAndArrays() {
        TensorAssertions.assertClose(1.0, 1.0 + 1e-13, Tolerances.F64, "x");
        AssertionFailedError e = assertThrows(
                AssertionFailedError.class, () -> TensorAssertions.assertClose(1.0, 1.1, Tolerances.F64, "loss"));
        assertTrue(e.getMessage().startsWith("loss: expected 1.0 but was 1.1"), e.getMessage());
        AssertionFailedError a = assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertClose(
                        new double[] {0, Double.NaN}, new double[] {0, 0}, Tolerances.F64, "grad"));
        assertTrue(a.getMessage().contains("element 1 at [1]: expected NaN but was 0.0"), a.getMessage());
    }

    @Test
    void assertThrowsWithMessageChecksEveryFragment() {
        ShapeMismatchException e = TensorAssertions.assertThrowsWithMessage(
                ShapeMismatchException.class, () -> backend.zeros(2, 3).add(backend.zeros(4)), "[2, 3]", "[4]");
        assertTrue(e.getMessage().contains("add"));
        AssertionFailedError missing = assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> backend.zeros(2, 3).add(backend.zeros(4)), "[5]"));
        assertTrue(missing.getMessage().contains("should contain \"[5]\""), missing.getMessage());
        assertThrows(
                AssertionFailedError.class,
                () -> TensorAssertions.assertThrowsWithMessage(ShapeMismatchException.class, () -> {}));
    }
}
