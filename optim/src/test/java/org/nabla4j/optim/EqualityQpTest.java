package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/** {@link EqualityQp} against programs solved by hand. */
class EqualityQpTest {
    static final double TOL = 1e-12;

    @Test
    void twoVariablesOneConstraint() {
        // min ½ xᵀ[[4, 1], [1, 2]]x + (1, 1)ᵀx s.t. x + y = 1.
        // KKT: 4x + y + 1 + λ = 0, x + 2y + 1 + λ = 0, x + y = 1. Subtracting: 3x − y = 0, so y = 3x,
        // 4x = 1: x = 1/4, y = 3/4, λ = −(4/4 + 3/4 + 1) = −11/4.
        EqualityQp.Solution s = EqualityQp.solve(
                Tensor.of(new double[] {4, 1, 1, 2}, 2, 2),
                Tensor.of(new double[] {1, 1}),
                Tensor.of(new double[] {1, 1}, 1, 2),
                Tensor.of(new double[] {1}));
        assertArrayEquals(new double[] {0.25, 0.75}, s.x().toDoubleArray(), TOL);
        assertArrayEquals(new double[] {-2.75}, s.lambda().toDoubleArray(), TOL);
    }

    @Test
    void threeVariablesTwoConstraintsAndAsymmetricQ() {
        // min x² + y² + z² s.t. x + y + z = 1, x − y = 0. Q = 2I given as an asymmetric matrix with the same
        // symmetric part. Stationarity 2x + λ1 + λ2 = 0, 2y + λ1 − λ2 = 0, 2z + λ1 = 0; x = y forces λ2 = 0, so
        // x = y = z = −λ1/2 and x + y + z = 1 gives x = y = z = 1/3, λ1 = −2/3.
        EqualityQp.Solution s = EqualityQp.solve(
                Tensor.of(new double[] {2, 1, 0, -1, 2, 0, 0, 0, 2}, 3, 3),
                Tensor.zeros(3),
                Tensor.of(new double[] {1, 1, 1, 1, -1, 0}, 2, 3),
                Tensor.of(new double[] {1, 0}));
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, s.x().toDoubleArray(), TOL);
        assertArrayEquals(new double[] {-2.0 / 3, 0}, s.lambda().toDoubleArray(), TOL);
    }

    @Test
    void singularKktSystemsAreRejected() {
        // Dependent constraint rows.
        var e = assertThrows(
                SingularMatrixException.class,
                () -> EqualityQp.solve(
                        Tensor.eye(2),
                        Tensor.zeros(2),
                        Tensor.of(new double[] {1, 1, 2, 2}, 2, 2),
                        Tensor.of(new double[] {1, 2})));
        assertTrue(e.getMessage().contains("EqualityQp"), e.getMessage());
        // Q singular on the null space of A = [1, 0] (the null space is e2 and Q e2 = 0).
        assertThrows(
                SingularMatrixException.class,
                () -> EqualityQp.solve(
                        Tensor.of(new double[] {1, 0, 0, 0}, 2, 2),
                        Tensor.zeros(2),
                        Tensor.of(new double[] {1, 0}, 1, 2),
                        Tensor.of(new double[] {1})));
    }

    @Test
    void shapesAndValuesAreValidated() {
        assertThrows(
                ShapeMismatchException.class,
                () -> EqualityQp.solve(Tensor.eye(2), Tensor.zeros(3), Tensor.ones(1, 2), Tensor.ones(1)));
        var e = assertThrows(
                ShapeMismatchException.class,
                () -> EqualityQp.solve(Tensor.eye(2), Tensor.zeros(2), Tensor.ones(1, 3), Tensor.ones(1)));
        assertTrue(e.getMessage().contains("[1, 3]"), e.getMessage());
        assertThrows(
                ShapeMismatchException.class,
                () -> EqualityQp.solve(Tensor.eye(2), Tensor.zeros(2), Tensor.ones(1, 2), Tensor.ones(2)));
        assertThrows(
                InvalidArgumentException.class,
                () -> EqualityQp.solve(
                        Tensor.eye(2), Tensor.of(new double[] {Double.NaN, 0}), Tensor.ones(1, 2), Tensor.ones(1)));
        assertThrows(
                InvalidArgumentException.class,
                () -> EqualityQp.solve(null, Tensor.zeros(2), Tensor.ones(1, 2), Tensor.ones(1)));
    }
}
