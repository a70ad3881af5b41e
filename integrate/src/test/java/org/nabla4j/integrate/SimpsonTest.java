package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla4j.core.InvalidArgumentException;

class SimpsonTest {
    private static final double EPS = Math.ulp(1.0);
    /** Rounding allowance for sums of a few dozen terms, in ε times the magnitude of the result. */
    private static final double SUM_EPS = 32.0;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 101})
    void compositeRuleIsExactForCubics(int panels) {
        // ∫_{-1}^{2} 4x³ - 3x² + 2x - 5 dx = [x⁴ - x³ + x² - 5x] = (16 - 8 + 4 - 10) - (1 + 1 + 1 + 5) = -6
        DoubleUnaryOperator cubic = x -> ((4 * x - 3) * x + 2) * x - 5;
        QuadratureResult r = Simpson.composite(cubic, -1, 2, panels);
        assertEquals(-6.0, r.value(), SUM_EPS * EPS * 6.0);
        assertEquals(QuadratureStatus.FIXED_RULE, r.status());
        assertEquals(2L * panels + 1, r.evaluations());
        assertEquals(panels, r.subintervals());
    }

    @Test
    void compositeRuleConvergesAtFourthOrderWithAnHonestEstimate() {
        double exact = Math.E - 1;
        double previous = Double.NaN;
        for (int panels = 4; panels <= 256; panels *= 2) {
            QuadratureResult r = Simpson.composite(Math::exp, 0, 1, panels);
            double error = Math.abs(r.value() - exact);
            assertTrue(r.errorEstimate() >= error, r::toString);
            if (!Double.isNaN(previous) && error > 1e-13) {
                assertEquals(16.0, previous / error, 0.5, "panels = " + panels);
            }
            previous = error;
        }
        QuadratureResult odd = Simpson.composite(Math::exp, 0, 1, 7);
        assertTrue(odd.errorEstimate() >= Math.abs(odd.value() - exact));
        assertEquals(
                -Simpson.composite(Math::exp, 0, 1, 8).value(),
                Simpson.composite(Math::exp, 1, 0, 8).value(),
                0.0);
    }

    @Test
    void adaptiveRuleOnTheSmoothPartOfTheClassicSet() {
        for (IntegrationCase c : IntegrationCase.CLASSIC) {
            if (Double.isInfinite(c.a())
                    || Double.isInfinite(c.b())
                    || c.name().startsWith("x^(-1/2)")
                    || c.name().startsWith("x^2.6")) {
                continue;
            }
            QuadratureResult r = Simpson.adaptive(c.f(), c.a(), c.b(), 0, IntegrationCase.REQUESTED_RELATIVE);
            c.assertAccurateAndHonest(r, IntegrationCase.REQUIRED_RELATIVE);
        }
    }

    @Test
    void adaptiveRuleReportsEndpointSingularitiesItMustEvaluate() {
        // Simpson samples the ends: x^{-1/2} is infinite at 0, and the result says so.
        QuadratureResult r = Simpson.adaptive(x -> 1 / Math.sqrt(x), 0, 1, 0, 1e-10);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, r.status());
        assertTrue(r.message().contains("Infinity at x = 0.0"), r.message());
        QuadratureResult composite = Simpson.composite(x -> x > 0.5 ? Double.NaN : 1, 0, 1, 4);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, composite.status());
        assertTrue(composite.message().contains("NaN at x = 0.625"), composite.message());
    }

    @Test
    void adaptiveRuleHonoursTheEvaluationLimit() {
        QuadratureResult r = Simpson.adaptive(x -> Math.sin(1 / (x + 1e-3)), 0, 1, 0, 1e-12, 101);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, r.status());
        assertTrue(r.evaluations() <= 101);
        assertEquals(
                -Simpson.adaptive(Math::exp, 0, 1, 0, 1e-8).value(),
                Simpson.adaptive(Math::exp, 1, 0, 0, 1e-8).value(),
                0.0);
    }

    @Test
    void badInputThrows() {
        assertThrows(InvalidArgumentException.class, () -> Simpson.composite(Math::exp, 0, 1, 0));
        assertThrows(
                InvalidArgumentException.class, () -> Simpson.composite(Math::exp, 0, Double.POSITIVE_INFINITY, 4));
        assertThrows(InvalidArgumentException.class, () -> Simpson.composite(Math::exp, Double.NaN, 1, 4));
        assertThrows(InvalidArgumentException.class, () -> Simpson.adaptive(Math::exp, 0, 1, 0, 0));
        assertThrows(InvalidArgumentException.class, () -> Simpson.adaptive(Math::exp, 0, 1, 1e-6, 0, 4));
        assertThrows(
                InvalidArgumentException.class,
                () -> Simpson.adaptive(Math::exp, Double.NEGATIVE_INFINITY, 1, 1e-6, 0));
        assertThrows(InvalidArgumentException.class, () -> Simpson.composite(null, 0, 1, 2));
    }
}
