package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/** L-BFGS and gradient descent on autodiff objectives. */
class MinimizerTest {

    /** Rosenbrock's function {@code (1 − a)² + 100 (b − a²)²}, minimum 0 at (1, 1). */
    static final Function<Var, Var> ROSENBROCK = x -> {
        Var a = x.select(0, 0);
        Var b = x.select(0, 1);
        return a.rsub(1).square().add(b.sub(a.square()).square().mul(100));
    };

    static double distanceToOnes(Tensor x) {
        double s = 0;
        for (double v : x.toDoubleArray()) {
            s += (v - 1) * (v - 1);
        }
        return Math.sqrt(s);
    }

    @Test
    void lbfgsSolvesRosenbrockFromTheStandardStart() {
        List<IterationRecord> seen = new ArrayList<>();
        Lbfgs lbfgs = Lbfgs.builder()
                .gradientTolerance(1e-10)
                .listener(r -> seen.add(r))
                .build();
        OptimizationResult r = lbfgs.minimize(ROSENBROCK, Tensor.of(new double[] {-1.2, 1}));
        System.out.printf(
                "Rosenbrock L-BFGS: status=%s iterations=%d evaluations=%d f=%.3e |g|=%.3e |x-x*|=%.3e%n",
                r.status(), r.iterations(), r.evaluations(), r.value(), r.gradientNorm(), distanceToOnes(r.x()));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertTrue(distanceToOnes(r.x()) < 1e-8, "distance " + distanceToOnes(r.x()));
        assertTrue(r.gradientNorm() <= 1e-10);
        assertTrue(r.value() < 1e-18);
        assertEquals(r.iterations() + 1, r.history().size());
        assertEquals(r.history(), seen);
        assertEquals(0, r.history().get(0).iteration());
        assertEquals(24.2, r.history().get(0).value(), 1e-12); // f(-1.2, 1) = 4.84 + 100 * 0.44^2
        assertTrue(r.iterations() < 100, "iterations " + r.iterations());
        for (int i = 1; i < r.history().size(); i++) {
            assertTrue(r.history().get(i).value() <= r.history().get(i - 1).value(), "monotone decrease");
        }
    }

    @Test
    void lbfgsOnAnIllConditionedQuadraticInTenDimensions() {
        // f(x) = Σ c_i (x_i − i)² / 2 with c_i from 1 to 1e4: the minimizer is x_i = i.
        double[] c = new double[10];
        double[] target = new double[10];
        for (int i = 0; i < 10; i++) {
            c[i] = Math.pow(10, 4.0 * i / 9);
            target[i] = i;
        }
        Tensor cT = Tensor.of(c);
        Tensor tT = Tensor.of(target);
        Function<Var, Var> f = x -> {
            Var d = x.sub(x.tape().constant(tT));
            return d.square().mul(x.tape().constant(cT)).sum().mul(0.5);
        };
        OptimizationResult r = Lbfgs.builder().gradientTolerance(1e-9).build().minimize(f, Tensor.zeros(10));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertArrayEquals(target, r.x().toDoubleArray(), 1e-9);
    }

    @Test
    void gradientDescentWithBacktrackingConverges() {
        Function<Var, Var> f = x -> x.sub(3).square().sum().add(x.select(0, 0).mul(x.select(0, 1)));
        // f = (a−3)² + (b−3)² + a b: ∇f = 0 at a = b = 2
        OptimizationResult r =
                GradientDescent.builder().gradientTolerance(1e-7).build().minimize(f, Tensor.zeros(2));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertArrayEquals(new double[] {2, 2}, r.x().toDoubleArray(), 1e-7);
        assertTrue(r.evaluations() >= r.iterations() + 1);
    }

    @Test
    void gradientDescentOnRosenbrockHitsTheIterationLimitAndSaysSo() {
        OptimizationResult r = GradientDescent.builder()
                .maxIterations(200)
                .build()
                .minimize(ROSENBROCK, Tensor.of(new double[] {-1.2, 1}));
        assertEquals(OptimizationStatus.MAX_ITERATIONS, r.status());
        assertEquals(200, r.iterations());
        assertTrue(r.value() < 24.2);
        assertTrue(Double.isFinite(r.value()));
    }

    @Test
    void listenerCanStopTheRun() {
        OptimizationResult r = Lbfgs.builder()
                .listener(rec -> rec.iteration() < 3)
                .build()
                .minimize(ROSENBROCK, Tensor.of(new double[] {-1.2, 1}));
        assertEquals(OptimizationStatus.STOPPED_BY_LISTENER, r.status());
        assertEquals(3, r.iterations());
    }

    @Test
    void nonFiniteStartIsReported() {
        Function<Var, Var> f = x -> x.log().sum();
        OptimizationResult r = Lbfgs.builder().build().minimize(f, Tensor.of(new double[] {-1.0, 2.0}));
        assertEquals(OptimizationStatus.NON_FINITE, r.status());
        assertEquals(0, r.iterations());
        assertArrayEquals(new double[] {-1.0, 2.0}, r.x().toDoubleArray(), 0.0);
    }

    @Test
    void lineSearchBacksOffFromANonFiniteRegion() {
        // f = x − log(x) has its minimum at x = 1 and is NaN for x < 0; the first trial steps overshoot into it.
        Function<Var, Var> f = x -> x.sub(x.log()).sum();
        OptimizationResult r =
                Lbfgs.builder().gradientTolerance(1e-12).build().minimize(f, Tensor.of(new double[] {0.05}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertEquals(1.0, r.x().item(), 1e-10);
    }

    @Test
    void unboundedObjectiveIsReported() {
        Function<Var, Var> f = x -> x.sum();
        OptimizationResult limited = Lbfgs.builder().lowerLimit(-1e10).build().minimize(f, Tensor.zeros(3));
        assertEquals(OptimizationStatus.UNBOUNDED, limited.status());
        assertTrue(limited.value() < -1e10);
        OptimizationResult free = Lbfgs.builder().build().minimize(f, Tensor.zeros(3));
        assertEquals(OptimizationStatus.UNBOUNDED, free.status());
        OptimizationResult gd = GradientDescent.builder()
                .fixedStep(1e3)
                .lowerLimit(-1e6)
                .build()
                .minimize(f, Tensor.zeros(3));
        assertEquals(OptimizationStatus.UNBOUNDED, gd.status());
        assertEquals(334, gd.iterations()); // f = -3000 k falls below -1e6 at k = 334
    }

    @Test
    void fixedStepAboveTheStabilityBoundEndsNonFiniteAtTheLastFinitePoint() {
        // f = x², α = 1.5 > 2/λ = 1: x_k = (−2)^k, and f(x_512) = 2^1024 overflows.
        Function<Var, Var> f = x -> x.square().sum();
        OptimizationResult r =
                GradientDescent.builder().fixedStep(1.5).build().minimize(f, Tensor.of(new double[] {1.0}));
        assertEquals(OptimizationStatus.NON_FINITE, r.status());
        assertEquals(511, r.iterations());
        assertEquals(-Math.scalb(1.0, 511), r.x().item(), 0.0);
        assertEquals(Math.scalb(1.0, 1022), r.value(), 0.0);
    }

    @Test
    void backtrackingReportsAnUnboundedObjective() {
        // Each Armijo step accepts α = 1 and lowers f = x₁ + x₂ by 2, so f = −2k falls below −1000 at k = 501.
        Function<Var, Var> f = x -> x.sum();
        OptimizationResult r =
                GradientDescent.builder().lowerLimit(-1e3).build().minimize(f, Tensor.zeros(2));
        assertEquals(OptimizationStatus.UNBOUNDED, r.status());
        assertEquals(501, r.iterations());
        assertEquals(-1002, r.value(), 0.0);
    }

    @Test
    void boundedLbfgsStopsOnAnActiveBoundWithAZeroProjectedGradient() {
        // Rosenbrock with x0 ≤ 0.5: at x0 = 0.5 the best x1 is 0.25 (see the augmented-Lagrangian test of the same
        // problem); the start lies outside the box and is projected first.
        OptimizationResult r = Lbfgs.builder()
                .upperBounds(0.5, Double.POSITIVE_INFINITY)
                .gradientTolerance(1e-10)
                .build()
                .minimize(ROSENBROCK, Tensor.of(new double[] {2.0, 1}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertEquals(0.5, r.x().toDoubleArray()[0], 0.0);
        assertEquals(0.25, r.x().toDoubleArray()[1], 1e-10);
        assertEquals(0.25, r.value(), 1e-14);
        assertTrue(r.gradientNorm() <= 1e-10, "projected gradient " + r.gradientNorm());
    }

    @Test
    void boundsThatDoNotBindGiveTheUnconstrainedMinimum() {
        OptimizationResult r = Lbfgs.builder()
                .bounds(new double[] {-2, -2}, new double[] {2, 2})
                .gradientTolerance(1e-10)
                .build()
                .minimize(ROSENBROCK, Tensor.of(new double[] {-1.2, 1}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertTrue(distanceToOnes(r.x()) < 1e-8, "distance " + distanceToOnes(r.x()));
    }

    @Test
    void nonNegativeLeastSquaresNeverEvaluatesOutsideTheBox() {
        // min ‖x − c‖² + (x0 − x2)²/10 with x ≥ 0 and c = (1, −2, 3): x1 sits on its bound; x0 and x2 solve
        // 2(x0 − 1) + (x0 − x2)/5 = 0 and 2(x2 − 3) − (x0 − x2)/5 = 0, so x0 = 1.1666..., x2 = 2.8333....
        double[] smallest = {Double.POSITIVE_INFINITY};
        Tensor c = Tensor.of(new double[] {1, -2, 3});
        Function<Var, Var> f = x -> {
            for (double v : x.value().toDoubleArray()) {
                smallest[0] = Math.min(smallest[0], v);
            }
            Var d = x.select(0, 0).sub(x.select(0, 2));
            return x.sub(x.tape().constant(c)).square().sum().add(d.square().div(10));
        };
        OptimizationResult r = Lbfgs.builder()
                .lowerBounds(0, 0, 0)
                .gradientTolerance(1e-12)
                .build()
                .minimize(f, Tensor.of(new double[] {0.5, 0.5, 0.5}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertTrue(smallest[0] >= 0, "evaluated at " + smallest[0]);
        double[] x = r.x().toDoubleArray();
        assertEquals(7.0 / 6, x[0], 1e-11);
        assertEquals(0.0, x[1], 0.0);
        assertEquals(17.0 / 6, x[2], 1e-11);
    }

    @Test
    void equalBoundsFixAVariable() {
        // x1 pinned to 0.5 by l = u: the rest is a one-dimensional minimization over x0 whose derivative
        // −2(1 − x0) − 400 x0 (0.5 − x0²) must vanish at the result.
        OptimizationResult r = Lbfgs.builder()
                .bounds(new double[] {Double.NEGATIVE_INFINITY, 0.5}, new double[] {Double.POSITIVE_INFINITY, 0.5})
                .gradientTolerance(1e-10)
                .build()
                .minimize(ROSENBROCK, Tensor.of(new double[] {-1.2, 1}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        double[] x = r.x().toDoubleArray();
        assertEquals(0.5, x[1], 0.0);
        double d0 = -2 * (1 - x[0]) - 400 * x[0] * (0.5 - x[0] * x[0]);
        assertEquals(0.0, d0, 1e-9);
    }

    @Test
    void invalidBoundsAreRejected() {
        InvalidArgumentException order = assertThrows(InvalidArgumentException.class, () -> Lbfgs.builder()
                .bounds(new double[] {0, 2}, new double[] {1, 1})
                .build());
        assertTrue(
                order.getMessage().contains("lowerBounds[1] = 2.0 exceeds upperBounds[1] = 1.0"), order.getMessage());
        assertThrows(
                InvalidArgumentException.class,
                () -> Lbfgs.builder().lowerBounds(Double.NaN).build());
        Lbfgs twoBounds = Lbfgs.builder().lowerBounds(0, 0).build();
        InvalidArgumentException size = assertThrows(
                InvalidArgumentException.class,
                () -> twoBounds.minimize(ROSENBROCK, Tensor.of(new double[] {1, 1, 1})));
        assertTrue(size.getMessage().contains("lowerBounds has 2 elements but x0 has 3"), size.getMessage());
    }

    @Test
    void rankZeroStartAndShapeArePreserved() {
        Function<Var, Var> f = x -> x.sub(2).square();
        OptimizationResult r = Lbfgs.builder().build().minimize(f, Tensor.scalar(0));
        assertEquals(0, r.x().rank());
        assertEquals(2.0, r.x().item(), 1e-8);
        Function<Var, Var> g = x -> x.sub(1).square().sum();
        OptimizationResult m = Lbfgs.builder().build().minimize(g, Tensor.zeros(2, 3));
        assertArrayEquals(new int[] {2, 3}, m.x().dims());
    }

    @Test
    void argumentsAreValidated() {
        Lbfgs lbfgs = Lbfgs.builder().build();
        assertThrows(InvalidArgumentException.class, () -> lbfgs.minimize(null, Tensor.zeros(2)));
        assertThrows(InvalidArgumentException.class, () -> lbfgs.minimize(ROSENBROCK, null));
        assertThrows(InvalidArgumentException.class, () -> lbfgs.minimize(x -> x.sum(), Tensor.zeros(0)));
        assertThrows(ShapeMismatchException.class, () -> lbfgs.minimize(x -> x, Tensor.zeros(2)));
    }
}
