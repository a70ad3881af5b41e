package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.integrate.gauss.GaussKronrodRule;

class GaussKronrodIntegratorTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> rulesAndCases() {
        List<GaussKronrodRule> rules =
                List.of(GaussKronrodRule.G7_K15, GaussKronrodRule.G10_K21, GaussKronrodRule.G15_K31);
        return rules.stream().flatMap(r -> IntegrationCase.CLASSIC.stream().map(c -> Arguments.of(r, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rulesAndCases")
    void classicSetToRequestedAccuracyWithHonestErrors(GaussKronrodRule rule, IntegrationCase c) {
        GaussKronrodIntegrator integrator =
                GaussKronrodIntegrator.create().withRule(rule).withTolerance(0, IntegrationCase.REQUESTED_RELATIVE);
        QuadratureResult r = integrator.integrate(c.f(), c.a(), c.b());
        c.assertAccurateAndHonest(r, IntegrationCase.REQUIRED_RELATIVE);
        System.out.printf(
                "%s %-28s %5d evaluations, %3d subintervals%n", rule, c.name(), r.evaluations(), r.subintervals());
    }

    @Test
    void withoutExtrapolationSmoothIntegrandsStillConverge() {
        GaussKronrodIntegrator plain =
                GaussKronrodIntegrator.create().withExtrapolation(false).withTolerance(0, 1e-10);
        assertFalse(plain.extrapolation());
        for (IntegrationCase c : IntegrationCase.CLASSIC) {
            if (c.name().startsWith("x^(-1/2)") || c.name().startsWith("x^2.6")) {
                continue;
            }
            c.assertAccurateAndHonest(plain.integrate(c.f(), c.a(), c.b()), IntegrationCase.REQUIRED_RELATIVE);
        }
    }

    @Test
    void extrapolationPaysOffAtAnEndpointSingularity() {
        GaussKronrodIntegrator with = GaussKronrodIntegrator.create().withTolerance(0, 1e-10);
        QuadratureResult extrapolated = with.integrate(x -> Math.pow(x, -0.9), 0, 1);
        assertTrue(extrapolated.isConverged(), extrapolated::toString);
        assertEquals(10.0, extrapolated.value(), 1e-9);
        QuadratureResult plain = with.withExtrapolation(false).integrate(x -> Math.pow(x, -0.9), 0, 1);
        assertTrue(!plain.isConverged() || plain.evaluations() > 3 * extrapolated.evaluations(), plain::toString);
    }

    @Test
    void breakPointsResolveInteriorSingularitiesAndJumps() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withTolerance(0, 1e-10);
        // ∫_0^1 |x - 1/3|^{-1/2} dx = 2 (√(1/3) + √(2/3))
        double third = 1.0 / 3.0;
        double exact = 2 * (Math.sqrt(third) + Math.sqrt(2 * third));
        QuadratureResult singular = gk.integrate(x -> 1 / Math.sqrt(Math.abs(x - third)), 0, 1, third);
        assertTrue(singular.isConverged(), singular::toString);
        assertEquals(exact, singular.value(), 1e-9 * exact);
        // A staircase: ∫_0^3 floor(x) dx = 0 + 1 + 2, resolved in one pass per step.
        QuadratureResult stairs = gk.integrate(Math::floor, 0, 3, 2.0, 1.0, 2.0);
        assertTrue(stairs.isConverged(), stairs::toString);
        assertEquals(3.0, stairs.value(), 1e-13);
        assertEquals(3 * 21, stairs.evaluations());
        // Break points work on infinite ranges too: ∫ e^{-|x - 5|} over the line.
        QuadratureResult kink = gk.integrate(x -> Math.exp(-Math.abs(x - 5)), -INF, INF, 5.0);
        assertTrue(kink.isConverged(), kink::toString);
        assertEquals(2.0, kink.value(), 2e-10);
        // Two break points on a half-line, whose map onto the working interval reverses their order:
        // ∫_0^∞ e^{-x} (1 + [x > 1] + [x > 2]) dx = 1 + e^{-1} + e^{-2}.
        QuadratureResult steps =
                gk.integrate(x -> Math.exp(-x) * (1 + (x > 1 ? 1 : 0) + (x > 2 ? 1 : 0)), 0, INF, 1.0, 2.0);
        assertTrue(steps.isConverged(), steps::toString);
        assertEquals(1 + Math.exp(-1) + Math.exp(-2), steps.value(), 1e-12);
        assertTrue(steps.subintervals() >= 3 && steps.evaluations() < 400, steps::toString);
        // Reversed limits with break points.
        assertEquals(-3.0, gk.integrate(Math::floor, 3, 0, 1.0, 2.0).value(), 1e-13);
    }

    @Test
    void infiniteAndSemiInfiniteRanges() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withTolerance(0, 1e-10);
        assertConverged(1.0, gk.integrate(x -> Math.exp(-x), 0, INF));
        assertConverged(1.0, gk.integrate(Math::exp, -INF, 0));
        assertConverged(1.0, gk.integrate(x -> 1 / (x * x), 1, INF));
        assertConverged(Math.PI, gk.integrate(x -> 1 / (1 + x * x), -INF, INF));
        assertConverged(-1.0, gk.integrate(x -> Math.exp(-x), INF, 0));
        assertConverged(Math.sqrt(Math.PI), gk.integrate(x -> Math.exp(-x) / Math.sqrt(x), 0, INF));
    }

    @Test
    void nonFiniteValuesEndTheRunWithTheLastFiniteEstimate() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withRule(GaussKronrodRule.G7_K15);
        double third = 1.0 / 3.0;
        // The first rule misses the bad spot; the bisections towards the kink at 1/3 find it.
        QuadratureResult r =
                gk.integrate(x -> Math.abs(x - third) < 1e-3 ? Double.NaN : Math.sqrt(Math.abs(x - third)), 0, 1);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, r.status());
        assertTrue(r.message().contains("integrand returned NaN at x = 0.33"), r.message());
        double exact = 2.0 / 3.0 * (Math.pow(third, 1.5) + Math.pow(2 * third, 1.5));
        assertTrue(Double.isFinite(r.value()), r::toString);
        assertEquals(exact, r.value(), 1e-2);
        QuadratureResult first = gk.integrate(x -> x == 0.5 ? Double.POSITIVE_INFINITY : 1, 0, 1);
        assertTrue(first.message().contains("Infinity at x = 0.5"), first.message());
        assertTrue(Double.isNaN(first.value()));
    }

    @Test
    void divergenceRoundOffAndLimitsAreReported() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withTolerance(0, 1e-10);
        QuadratureResult divergent = gk.integrate(x -> 1 / x, 0, 1);
        assertEquals(QuadratureStatus.DIVERGENCE_SUSPECTED, divergent.status(), divergent::toString);
        // ∫_0^{2π} sin = 0: a purely relative tolerance is out of reach of double precision.
        QuadratureResult zero = gk.integrate(Math::sin, 0, 2 * Math.PI);
        assertEquals(QuadratureStatus.ROUNDOFF_DETECTED, zero.status(), zero::toString);
        assertEquals(0.0, zero.value(), 1e-14);
        assertTrue(zero.errorEstimate() >= Math.abs(zero.value()));
        QuadratureResult limited = gk.withMaxEvaluations(105).integrate(x -> Math.cos(200 * x), 0, 1);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, limited.status());
        assertTrue(limited.evaluations() <= 105);
        // A jump without a break point: bisection and extrapolation close in on it.
        QuadratureResult jump = gk.withTolerance(0, 1e-13).integrate(x -> x < Math.PI / 4 ? 0 : 1, 0, 1);
        assertTrue(jump.isConverged(), jump::toString);
        assertEquals(1 - Math.PI / 4, jump.value(), 1e-13);
        assertTrue(jump.errorEstimate() + 1e-16 >= Math.abs(jump.value() - (1 - Math.PI / 4)), jump::toString);
    }

    @Test
    void configurationIsImmutableAndValidated() {
        GaussKronrodIntegrator base = GaussKronrodIntegrator.create();
        assertSame(GaussKronrodRule.G10_K21, base.rule());
        assertEquals(Quadrature.DEFAULT_ABSOLUTE_TOLERANCE, base.absoluteTolerance());
        assertEquals(Quadrature.DEFAULT_RELATIVE_TOLERANCE, base.relativeTolerance());
        assertEquals(Quadrature.DEFAULT_MAX_EVALUATIONS, base.maxEvaluations());
        GaussKronrodIntegrator tuned = base.withTolerance(1e-6, 0).withMaxEvaluations(500);
        assertEquals(1e-6, tuned.absoluteTolerance());
        assertEquals(500, tuned.maxEvaluations());
        assertEquals(Quadrature.DEFAULT_MAX_EVALUATIONS, base.maxEvaluations());
        assertThrows(InvalidArgumentException.class, () -> base.withTolerance(-1, 0));
        assertThrows(InvalidArgumentException.class, () -> base.withTolerance(0, 0));
        assertThrows(InvalidArgumentException.class, () -> base.withTolerance(Double.NaN, 1e-3));
        assertThrows(InvalidArgumentException.class, () -> base.withMaxEvaluations(20));
        assertThrows(InvalidArgumentException.class, () -> base.withMaxEvaluations(30)
                .withRule(GaussKronrodRule.G15_K31));
        assertThrows(InvalidArgumentException.class, () -> base.withRule(null));
        assertThrows(InvalidArgumentException.class, () -> base.integrate(Math::exp, 0, 1, 2.0));
        assertThrows(InvalidArgumentException.class, () -> base.integrate(Math::exp, 0, 1, Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> base.integrate(Math::exp, 0, 1, 0.0));
        assertThrows(InvalidArgumentException.class, () -> base.withMaxEvaluations(50)
                .integrate(Math::exp, 0, 1, 0.25, 0.5, 0.75));
        assertThrows(InvalidArgumentException.class, () -> base.integrate(Math::exp, Double.NaN, 1));
    }

    private static void assertConverged(double expected, QuadratureResult r) {
        assertTrue(r.isConverged(), r::toString);
        assertEquals(expected, r.value(), 1e-9 * Math.abs(expected), r::toString);
        assertTrue(r.errorEstimate() + 4 * Math.ulp(expected) >= Math.abs(r.value() - expected), r::toString);
    }
}
