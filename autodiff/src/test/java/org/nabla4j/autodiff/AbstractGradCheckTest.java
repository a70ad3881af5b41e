package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/** GradCheck itself: it must catch wrong rules, say where, and honour its settings. */
abstract class AbstractGradCheckTest extends BackendTestBase {

    /** x ↦ x², whose rule is wrong by {@code delta} at flat element {@code bad} of input 0. */
    private CustomOp squareWithBug(int size, int bad, double delta) {
        double[] e = new double[size];
        e[bad] = delta;
        Tensor bump = t(e, size);
        return new CustomOp() {
            @Override
            public Tensor forward(Tensor... x) {
                return x[0].square();
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                Var right = g.mul(x[0]).mul(2.0);
                return new Var[] {right.add(g.mul(g.tape().constant(bump)))};
            }
        };
    }

    @Test
    void wrongRuleIsReportedWithItsLocation() {
        CustomOp op = squareWithBug(5, 3, 0.01);
        Tensor x = backend().randNormal(1, 0, 1, 5);
        GradCheckResult r = GradCheck.defaults()
                .check(xs -> Var.custom(op, xs[1]).mul(xs[0]).sum(), scalar(1.5), x);
        assertFalse(r.passed());
        assertEquals(1, r.input());
        assertEquals(3, r.index());
        assertEquals(0, r.outputIndex());
        assertEquals(0.015, r.maxAbsError(), 1e-6);
        assertEquals(0.015, Math.abs(r.analytic() - r.numeric()), 1e-6);
        assertTrue(r.where().contains("input 1, element 3 [3]"), r.where());
        assertTrue(r.toString().startsWith("GradCheck FAILED"), r.toString());
        assertEquals(1 + 5, r.comparisons());
        AssertionError err =
                assertThrows(AssertionError.class, () -> GradCheck.defaults().assertPasses(v -> Var.custom(op, v), x));
        assertTrue(err.getMessage().contains("element 3"), err.getMessage());
        assertThrows(AssertionError.class, r::assertPassed);
    }

    @Test
    void correctRulePassesInBothModes() {
        Tensor x = backend().randNormal(2, 0, 1, 3, 4);
        GradCheckResult full = GradCheck.defaults().assertPasses(v -> v.tanh().matmul(v.transpose()), x);
        assertEquals(GradCheck.Mode.FULL, full.mode());
        assertEquals(9 * 12, full.comparisons());
        assertTrue(full.maxRelError() < 1e-6, full.toString());
        GradCheckResult projected = GradCheck.defaults()
                .mode(GradCheck.Mode.PROJECTED)
                .projections(4)
                .assertPasses(v -> v.tanh().matmul(v.transpose()), x);
        assertEquals(4, projected.comparisons());
        assertEquals(-1, projected.index());
        assertTrue(projected.toString().startsWith("GradCheck PASSED"), projected.toString());
    }

    @Test
    void projectedModeCatchesAWrongRule() {
        CustomOp op = squareWithBug(6, 2, 0.5);
        Tensor x = backend().randNormal(3, 0, 1, 6);
        GradCheckResult r =
                GradCheck.defaults().mode(GradCheck.Mode.PROJECTED).seed(9).check(v -> Var.custom(op, v), x);
        assertFalse(r.passed(), r.toString());
        assertEquals(0, r.input());
    }

    @Test
    void toleranceSettingsAreApplied() {
        CustomOp op = squareWithBug(4, 0, 1e-4);
        Tensor x = backend().randNormal(4, 0, 1, 4);
        assertFalse(GradCheck.defaults().check(v -> Var.custom(op, v).sum(), x).passed());
        assertTrue(GradCheck.defaults()
                .atol(1e-3)
                .check(v -> Var.custom(op, v).sum(), x)
                .passed());
        GradCheckResult r = GradCheck.defaults()
                .eps(1e-5)
                .rtol(1e-4)
                .atol(0)
                .check(v -> v.exp().sum(), x);
        assertTrue(r.passed(), r.toString());
        assertEquals(1e-5, r.eps());
        assertEquals(1e-4, r.rtol());
        assertEquals(0.0, r.atol());
    }

    @Test
    void float32InputsUseFloat32Defaults() {
        Tensor x = backend().randNormal(DType.FLOAT32, 5, 0, 1, 2, 3);
        GradCheckResult r = GradCheck.defaults().check(v -> v.sin().mul(v).sum(1), x);
        assertTrue(r.passed(), r.toString());
        assertEquals(GradCheck.defaultEps(DType.FLOAT32), r.eps());
        assertEquals(GradCheck.defaultRtol(DType.FLOAT32), r.rtol());
        assertEquals(GradCheck.defaultAtol(DType.FLOAT32), r.atol());
        assertEquals(1e-6, GradCheck.defaultEps(DType.FLOAT64));
    }

    @Test
    void nonFiniteDerivativesFail() {
        GradCheckResult r = GradCheck.defaults().check(v -> v.sqrt(), t(new double[] {0.0, 1.0}, 2));
        assertFalse(r.passed(), r.toString());
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().eps(0));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().eps(Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().rtol(-1));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().atol(Double.POSITIVE_INFINITY));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().projections(0));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().mode(null));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().check(xs -> xs[0]));
        assertThrows(InvalidArgumentException.class, () -> GradCheck.defaults().check(v -> null, scalar(1)));
        try (GradientTape other = new GradientTape()) {
            Var foreign = other.watch(scalar(1));
            assertThrows(TapeException.class, () -> GradCheck.defaults().check(v -> foreign, scalar(1)));
        }
    }
}
