package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;

class TanhSinhIntegratorTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final TanhSinhIntegrator TS = TanhSinhIntegrator.create().withTolerance(0, 1e-12);

    @Test
    void endpointSingularitiesAtZero() {
        assertConverged(-1.0, TS.integrate(Math::log, 0, 1), 1e-12);
        assertConverged(2.0, TS.integrate(x -> 1 / Math.sqrt(x), 0, 1), 1e-12);
        assertConverged(10.0, TS.integrate(x -> Math.pow(x, -0.9), 0, 1), 1e-11);
        // ∫_0^1 ln(x)/√x dx = -4
        assertConverged(-4.0, TS.integrate(x -> Math.log(x) / Math.sqrt(x), 0, 1), 1e-12);
        QuadratureResult r = TS.integrate(Math::log, 0, 1);
        assertTrue(r.evaluations() < 100, r::toString);
    }

    @Test
    void singularityAtANonZeroEndpointNeedsTheDistances() {
        // 1/√(1 - x²) written with the exact distance to the upper end: full accuracy.
        QuadratureResult aware = TS.integrate((x, toLower, toUpper) -> 1 / Math.sqrt(toUpper * (1 + x)), 0, 1);
        assertConverged(Math.PI / 2, aware, 1e-13);
        // Written naively, x rounds to 1 about 1e-16 away from the end: the lost tail (about 1e-8) is reported.
        QuadratureResult naive = TS.integrate(x -> 1 / Math.sqrt(1 - x * x), 0, 1);
        assertEquals(QuadratureStatus.ROUNDOFF_DETECTED, naive.status(), naive::toString);
        assertTrue(naive.message().contains("EndpointIntegrand"), naive.message());
        double error = Math.abs(naive.value() - Math.PI / 2);
        assertTrue(error < 1e-7 && naive.errorEstimate() >= error, naive::toString);
        // Both ends singular: ∫_{-1}^{1} (1 - x²)^{-1/2} = π.
        QuadratureResult both = TS.integrate((x, l, u) -> 1 / Math.sqrt(l * u), -1, 1);
        assertConverged(Math.PI, both, 1e-13);
    }

    @Test
    void semiInfiniteAndInfiniteRanges() {
        assertConverged(1.0, TS.integrate(x -> Math.exp(-x), 0, INF), 1e-12);
        assertConverged(Math.sqrt(Math.PI), TS.integrate(x -> Math.exp(-x) / Math.sqrt(x), 0, INF), 1e-12);
        assertConverged(Math.PI / 2, TS.integrate(x -> 1 / (1 + x * x), 0, INF), 1e-12);
        assertConverged(1.0, TS.integrate(Math::exp, -INF, 0), 1e-12);
        assertConverged(Math.exp(-2), TS.integrate(x -> Math.exp(x), -INF, -2), 1e-12);
        assertConverged(Math.sqrt(Math.PI), TS.integrate(x -> Math.exp(-x * x), -INF, INF), 1e-12);
        assertConverged(Math.PI, TS.integrate(x -> 1 / (1 + x * x), -INF, INF), 1e-12);
        assertConverged(-1.0, TS.integrate(x -> Math.exp(-x), INF, 0), 1e-12);
    }

    @Test
    void smoothFiniteIntegrandsAndReversal() {
        assertConverged(Math.E - 1, TS.integrate(Math::exp, 0, 1), 1e-12);
        assertConverged(1 - Math.E, TS.integrate(Math::exp, 1, 0), 1e-12);
        assertConverged(0.4 * Math.atan(5), TS.integrate(x -> 1 / (1 + 25 * x * x), -1, 1), 1e-12);
        QuadratureResult empty = TS.integrate(Math::log, 2, 2);
        assertEquals(0.0, empty.value());
        assertEquals(0, empty.evaluations());
    }

    @Test
    void failuresAreReported() {
        QuadratureResult divergent = TS.integrate(x -> 1 / x, 0, 1);
        assertEquals(QuadratureStatus.DIVERGENCE_SUSPECTED, divergent.status(), divergent::toString);
        QuadratureResult divergentTail = TS.integrate(x -> 1 / x, 1, INF);
        assertEquals(QuadratureStatus.DIVERGENCE_SUSPECTED, divergentTail.status(), divergentTail::toString);
        QuadratureResult nan = TS.integrate(x -> x > 0.9 ? Double.NaN : x, 0, 1);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, nan.status());
        assertTrue(nan.message().contains("NaN at x = 0.9"), nan.message());
        QuadratureResult limited = TS.withMaxEvaluations(100).integrate(x -> Math.cos(300 * x), 0, 1);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, limited.status());
        assertTrue(limited.evaluations() <= 100);
        assertFalse(limited.isConverged());
    }

    @Test
    void badInputThrows() {
        assertThrows(InvalidArgumentException.class, () -> TS.withMaxEvaluations(99));
        assertThrows(InvalidArgumentException.class, () -> TS.withTolerance(0, -1));
        assertThrows(InvalidArgumentException.class, () -> TS.integrate(Math::exp, Double.NaN, 0));
        assertThrows(InvalidArgumentException.class, () -> TS.integrate((x, l, u) -> x, 0, INF));
        assertThrows(InvalidArgumentException.class, () -> TS.integrate((EndpointIntegrand) null, 0, 1));
        assertEquals(1e-12, TS.relativeTolerance());
        assertEquals(0.0, TS.absoluteTolerance());
        assertEquals(Quadrature.DEFAULT_MAX_EVALUATIONS, TS.maxEvaluations());
    }

    private static void assertConverged(double expected, QuadratureResult r, double relative) {
        assertTrue(r.isConverged(), r::toString);
        assertEquals(expected, r.value(), relative * Math.abs(expected), r::toString);
        assertTrue(r.errorEstimate() + 4 * Math.ulp(expected) >= Math.abs(r.value() - expected), r::toString);
    }
}
