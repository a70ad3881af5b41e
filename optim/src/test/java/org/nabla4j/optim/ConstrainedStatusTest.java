package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/** Infeasible, unbounded and malformed constrained problems, and vector-valued constraints. */
class ConstrainedStatusTest {
    static final AugmentedLagrangian SOLVER = AugmentedLagrangian.builder().build();

    @Test
    void squareBelowMinusOneIsInfeasible() {
        // x² ≤ −1 has no solution; the violation x² + 1 is smallest (1) at x = 0.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.sub(3).square().sum())
                .inequality(x -> x.square().add(1))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {2.0}));
        System.out.printf(
                "x^2 <= -1: status=%s x=%s violation=%.3g outer=%d rho=%.1e%n",
                r.status(), r.x(), r.kkt().primalFeasibility(), r.outerIterations(), r.penalty());
        assertEquals(ConstrainedStatus.INFEASIBLE, r.status());
        assertEquals(0.0, r.x().item(), 1e-4);
        assertEquals(1.0, r.kkt().primalFeasibility(), 1e-6);
    }

    @Test
    void contradictoryEqualitiesAreInfeasible() {
        // x = 1 and x = 2: the least-squares violation is smallest at x = 1.5.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.square().sum())
                .equality(x -> x.sub(1))
                .equality(x -> x.sub(2))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {0.0}));
        System.out.printf(
                "x = 1 and x = 2: status=%s x=%s violation=%.3g outer=%d rho=%.1e%n",
                r.status(), r.x(), r.kkt().primalFeasibility(), r.outerIterations(), r.penalty());
        assertEquals(ConstrainedStatus.INFEASIBLE, r.status());
        assertEquals(1.5, r.x().item(), 1e-6);
        assertEquals(0.5, r.kkt().primalFeasibility(), 1e-6);
        assertEquals(2, r.equalityMultipliers().length);
    }

    @Test
    void conflictingBoundAndInequalityAreInfeasible() {
        // x ≥ 2 (bound) and x ≤ 1 (inequality). Bounds are kept exactly, so the least violation of x ≤ 1 inside
        // the box is at x = 2, with violation 1.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.sum())
                .inequality(x -> x.sub(1))
                .lowerBounds(2)
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {3.0}));
        assertEquals(ConstrainedStatus.INFEASIBLE, r.status());
        assertEquals(2.0, r.x().item(), 0.0);
        assertEquals(1.0, r.kkt().primalFeasibility(), 1e-12);
    }

    @Test
    void objectiveUnboundedBelowIsReported() {
        // min x subject to x ≤ 1: every x ≤ 1 is feasible and x → −∞.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.sum())
                .inequality(x -> x.sub(1))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {0.0}));
        System.out.printf("min x s.t. x <= 1: status=%s f=%.3g%n", r.status(), r.value());
        assertEquals(ConstrainedStatus.UNBOUNDED, r.status());
        assertTrue(r.value() < -1e19);
        assertEquals(0.0, r.kkt().primalFeasibility());
    }

    @Test
    void unboundedAlongAnEqualityManifold() {
        // min x1 subject to x2 = 0: x1 is free.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.select(0, 0))
                .equality(x -> x.select(0, 1))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {1.0, 1.0}));
        assertEquals(ConstrainedStatus.UNBOUNDED, r.status());
    }

    @Test
    void vectorValuedConstraintsAndMultiplierOrder() {
        // min Σ x_i² s.t. [x0 + x1 − 1, x1 + x2 − 1] = 0 (vector equality) and x2 ≥ 0.8 as −x2 + 0.8 ≤ 0.
        // Without the inequality x = (1/3, 2/3, 1/3); it cuts that off, so x2 = 0.8 is active:
        // x0 = 1 − x1, x2 = 0.8 → minimize (1 − x1)² + x1² + 0.64 with x1 + 0.8 = 1 → x1 = 0.2, x0 = 0.8.
        // Stationarity 2x + λ0 (1, 1, 0) + λ1 (0, 1, 1) + μ (0, 0, −1) = 0:
        // λ0 = −1.6, λ1 = −0.4 + 1.6 = 1.2, μ = 1.6 + 1.2 = 2.8.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.square().sum())
                .equality(x -> Var.stack(
                        0,
                        x.select(0, 0).add(x.select(0, 1)).sub(1),
                        x.select(0, 1).add(x.select(0, 2)).sub(1)))
                .inequality(x -> x.select(0, 2).rsub(0.8))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.zeros(3));
        assertEquals(ConstrainedStatus.CONVERGED, r.status());
        double[] x = r.x().toDoubleArray();
        assertEquals(0.8, x[0], 1e-7);
        assertEquals(0.2, x[1], 1e-7);
        assertEquals(0.8, x[2], 1e-7);
        assertEquals(-1.6, r.equalityMultipliers()[0], 1e-6);
        assertEquals(1.2, r.equalityMultipliers()[1], 1e-6);
        assertEquals(2.8, r.inequalityMultipliers()[0], 1e-6);
        assertEquals(2, r.equalityValues().length);
    }

    @Test
    void upperBoundMultiplier() {
        // min −x0 − 2 x1 with 0 ≤ x ≤ 1: both upper bounds active, z_U = (1, 2).
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.select(0, 0).add(x.select(0, 1).mul(2)).neg())
                .bounds(new double[] {0, 0}, new double[] {1, 1})
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {0.5, 0.5}));
        assertEquals(ConstrainedStatus.CONVERGED, r.status());
        assertEquals(1.0, r.upperBoundMultipliers()[0], 1e-6);
        assertEquals(2.0, r.upperBoundMultipliers()[1], 1e-6);
        assertEquals(-3.0, r.value(), 1e-7);
    }

    @Test
    void functionsAreOnlyEvaluatedInsideTheBoxAndAnActiveBoundIsMetExactly() {
        // min x0^1.5 + x0 + (x1 − 1)² + (x2 − 0.5)² with x ≥ 0 and x0 + x1 + x2 = 2. x0^1.5 is NaN for x0 < 0,
        // and the minimizer sits on the bound x0 = 0. The objective and the constraint record the smallest
        // component they are ever called with.
        double[] smallest = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> {
                    double[] v = x.value().toDoubleArray();
                    smallest[0] = Math.min(smallest[0], Math.min(v[0], Math.min(v[1], v[2])));
                    return x.select(0, 0)
                            .pow(1.5)
                            .add(x.select(0, 0))
                            .add(x.select(0, 1).sub(1).square())
                            .add(x.select(0, 2).sub(0.5).square());
                })
                .equality(x -> {
                    double[] v = x.value().toDoubleArray();
                    smallest[1] = Math.min(smallest[1], Math.min(v[0], Math.min(v[1], v[2])));
                    return x.sum().sub(2);
                })
                .lowerBounds(0, 0, 0)
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {1.0, 0.5, 0.5}));
        assertEquals(ConstrainedStatus.CONVERGED, r.status());
        assertTrue(
                smallest[0] >= 0 && smallest[1] >= 0, "evaluated outside the box: " + smallest[0] + ", " + smallest[1]);
        // KKT with x0 = 0 active: 2(x1 − 1) + λ = 0, 2(x2 − 0.5) + λ = 0, x1 + x2 = 2 → x1 = 1.25, x2 = 0.75,
        // λ = −0.5; then z_L0 = ∂f/∂x0 + λ = 1 − 0.5 = 0.5 > 0, so x0 = 0 is optimal.
        double[] x = r.x().toDoubleArray();
        assertEquals(0.0, x[0], 0.0);
        assertEquals(1.25, x[1], 1e-8);
        assertEquals(0.75, x[2], 1e-8);
        assertEquals(-0.5, r.equalityMultipliers()[0], 1e-7);
        assertEquals(0.5, r.lowerBoundMultipliers()[0], 1e-7);
        assertEquals(0.0, r.lowerBoundMultipliers()[1], 0.0);
        assertEquals(0.0, r.kkt().complementarity(), 1e-12);
    }

    @Test
    void boxConstrainedRosenbrockStopsOnItsUpperBound() {
        // Rosenbrock with x0 ≤ 0.5 from (−1.2, 1): at x0 = 0.5 the best x1 is 0.25, f = 0.25, and
        // ∂f/∂x0 = −2(1 − x0) − 400 x0 (x1 − x0²) = −1 there, so z_U0 = 1.
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> {
                    Var x0 = x.select(0, 0);
                    Var x1 = x.select(0, 1);
                    return x0.rsub(1).square().add(x1.sub(x0.square()).square().mul(100));
                })
                .upperBounds(0.5, Double.POSITIVE_INFINITY)
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {-1.2, 1}));
        assertEquals(ConstrainedStatus.CONVERGED, r.status());
        assertEquals(0.5, r.x().toDoubleArray()[0], 0.0);
        assertEquals(0.25, r.x().toDoubleArray()[1], 1e-9);
        assertEquals(0.25, r.value(), 1e-12);
        assertEquals(1.0, r.upperBoundMultipliers()[0], 1e-8);
        assertEquals(0.0, r.upperBoundMultipliers()[1], 0.0);
    }

    @Test
    void nonFiniteStartIsReported() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.log().sum())
                .equality(x -> x.sum().sub(1))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {-1.0, 2.0}));
        assertEquals(ConstrainedStatus.NON_FINITE, r.status());
        assertNotEquals(ConstrainedStatus.CONVERGED, r.status());
    }

    @Test
    void maxIterationsIsNeverConverged() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(x -> x.square().sum())
                .equality(x -> x.sum().sub(1))
                .build();
        ConstrainedResult r =
                AugmentedLagrangian.builder().maxOuterIterations(1).build().solve(p, Tensor.zeros(4));
        assertEquals(ConstrainedStatus.MAX_ITERATIONS, r.status());
        assertTrue(r.kkt().primalFeasibility() > 1e-8);
    }

    @Test
    void invalidProblemsAreRejected() {
        assertThrows(InvalidArgumentException.class, () -> ConstrainedProblem.builder()
                .build());
        var e = assertThrows(InvalidArgumentException.class, () -> ConstrainedProblem.builder()
                .objective(x -> x.sum())
                .bounds(new double[] {2}, new double[] {1})
                .build());
        assertTrue(e.getMessage().contains("lowerBounds[0]"), e.getMessage());
        ConstrainedProblem wrongSize = ConstrainedProblem.builder()
                .objective(x -> x.sum())
                .lowerBounds(0, 0)
                .build();
        var e2 = assertThrows(InvalidArgumentException.class, () -> SOLVER.solve(wrongSize, Tensor.zeros(3)));
        assertTrue(e2.getMessage().contains("lowerBounds"), e2.getMessage());
        ConstrainedProblem vectorObjective =
                ConstrainedProblem.builder().objective(x -> x).build();
        assertThrows(InvalidArgumentException.class, () -> SOLVER.solve(vectorObjective, Tensor.zeros(3)));
        assertThrows(
                InvalidArgumentException.class,
                () -> AugmentedLagrangian.builder().feasibilityTolerance(0).build());
    }
}
