package org.nabla4j.integrate.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla4j.core.InvalidArgumentException;

class GaussHermiteLaguerreTest {
    private static final double EPS = Math.ulp(1.0);
    /** Moments must match within this many ε of Σ w_i |x_i|^k, times (1 + k) for the rounding of x_i^k. */
    private static final double MOMENT_EPS = 8.0;

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    /** Γ(k + 1/2) = √π (2k - 1)!! / 2^k, computed independently of the code under test. */
    private static double gammaHalfInteger(int k) {
        double g = SQRT_PI;
        for (int j = 1; j <= k; j++) {
            g *= j - 0.5;
        }
        return g;
    }

    private static double factorial(int k) {
        double f = 1.0;
        for (int j = 2; j <= k; j++) {
            f *= j;
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 64, 100})
    void hermiteIntegratesPolynomialsTimesGaussianWeight(int n) {
        QuadratureRule rule = GaussHermite.rule(n);
        for (int k = 0; k <= 2 * n - 1; k++) {
            // ∫ x^k e^{-x²} dx = Γ((k + 1)/2) for even k, 0 for odd k
            double exact = k % 2 == 0 ? gammaHalfInteger(k / 2) : 0.0;
            assertMoment(rule, k, exact, "Hermite n = " + n);
        }
    }

    @Test
    void hermiteSmallRulesMatchClosedForms() {
        QuadratureRule r1 = GaussHermite.rule(1);
        assertEquals(0.0, r1.node(0));
        assertEquals(SQRT_PI, r1.weight(0), 2 * Math.ulp(SQRT_PI));
        QuadratureRule r2 = GaussHermite.rule(2);
        assertEquals(-Math.sqrt(0.5), r2.node(0), 2 * EPS);
        assertEquals(Math.sqrt(0.5), r2.node(1), 2 * EPS);
        assertEquals(SQRT_PI / 2, r2.weight(0), 4 * EPS);
        // n = 3: 0, ±√(3/2); weights 2√π/3, √π/6
        QuadratureRule r3 = GaussHermite.rule(3);
        assertEquals(Math.sqrt(1.5), r3.node(2), 4 * EPS);
        assertEquals(2 * SQRT_PI / 3, r3.weight(1), 4 * EPS);
        assertEquals(SQRT_PI / 6, r3.weight(2), 4 * EPS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 30, 50})
    void laguerreIntegratesPolynomialsTimesExponentialWeight(int n) {
        QuadratureRule rule = GaussLaguerre.rule(n);
        int maxDegree = Math.min(2 * n - 1, 60);
        for (int k = 0; k <= maxDegree; k++) {
            assertMoment(rule, k, factorial(k), "Laguerre n = " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10, 20})
    void generalizedLaguerreIntegratesAgainstHalfIntegerPowers(int n) {
        // α = 1/2: ∫ x^k x^{1/2} e^{-x} dx = Γ(k + 3/2); α = -1/2: Γ(k + 1/2)
        QuadratureRule plusHalf = GaussLaguerre.rule(n, 0.5);
        QuadratureRule minusHalf = GaussLaguerre.rule(n, -0.5);
        int maxDegree = Math.min(2 * n - 1, 40);
        for (int k = 0; k <= maxDegree; k++) {
            assertMoment(plusHalf, k, gammaHalfInteger(k + 1), "alpha = 1/2, n = " + n);
            assertMoment(minusHalf, k, gammaHalfInteger(k), "alpha = -1/2, n = " + n);
        }
    }

    @Test
    void generalizedLaguerreWithNonHalfIntegerAlpha() {
        // n = 1: the single node is the mean α + 1 and the weight is Γ(α + 1); Γ(1.3) from tables.
        QuadratureRule rule = GaussLaguerre.rule(1, 0.3);
        assertEquals(1.3, rule.node(0), 4 * EPS);
        assertEquals(0.897470696306277188, rule.weight(0), 1e-14);
        // n = 2 integrates x^3 exactly: ∫ x^3 x^{0.3} e^{-x} = Γ(4.3) = 3.3 · 2.3 · 1.3 · Γ(1.3)
        QuadratureRule two = GaussLaguerre.rule(2, 0.3);
        double expected = 3.3 * 2.3 * 1.3 * 0.897470696306277188;
        assertMoment(two, 3, expected, "alpha = 0.3");
    }

    @Test
    void laguerreNodesArePositiveAndSorted() {
        QuadratureRule rule = GaussLaguerre.rule(80);
        for (int i = 0; i < rule.size(); i++) {
            assertTrue(rule.node(i) > 0.0);
            assertTrue(rule.weight(i) >= 0.0);
            if (i > 0) {
                assertTrue(rule.node(i) > rule.node(i - 1));
            }
        }
        assertSame(rule, GaussLaguerre.rule(80, -0.0));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(InvalidArgumentException.class, () -> GaussHermite.rule(0));
        assertThrows(InvalidArgumentException.class, () -> GaussLaguerre.rule(0));
        assertThrows(InvalidArgumentException.class, () -> GaussLaguerre.rule(3, -1.0));
        assertThrows(InvalidArgumentException.class, () -> GaussLaguerre.rule(3, Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> GaussLaguerre.rule(3, Double.POSITIVE_INFINITY));
    }

    private static void assertMoment(QuadratureRule rule, int k, double exact, String label) {
        double sum = 0.0;
        double magnitude = 0.0;
        for (int i = 0; i < rule.size(); i++) {
            double term = rule.weight(i) * Math.pow(rule.node(i), k);
            sum += term;
            magnitude += Math.abs(term);
        }
        double tolerance = MOMENT_EPS * EPS * magnitude * (1 + k);
        assertEquals(exact, sum, tolerance, label + ", degree " + k);
    }
}
