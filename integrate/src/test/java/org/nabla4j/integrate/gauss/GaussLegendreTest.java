package org.nabla4j.integrate.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla4j.core.InvalidArgumentException;

class GaussLegendreTest {
    private static final double EPS = Math.ulp(1.0);
    /** Nodes must be within this many ulps of the reference. */
    private static final double NODE_ULPS = 2.0;
    /** Weights must be within this many ulps of the reference. */
    private static final double WEIGHT_ULPS = 8.0;
    /** Monomial sums must be within this many ε of Σ w_i |x_i|^k, times (1 + k/2) for the rounding of x_i^k. */
    private static final double MONOMIAL_EPS = 4.0;

    @Test
    void smallRulesMatchClosedForms() {
        QuadratureRule r1 = GaussLegendre.rule(1);
        assertEquals(0.0, r1.node(0));
        assertEquals(2.0, r1.weight(0));

        QuadratureRule r2 = GaussLegendre.rule(2);
        assertClose(-1.0 / Math.sqrt(3.0), r2.node(0), NODE_ULPS);
        assertClose(1.0 / Math.sqrt(3.0), r2.node(1), NODE_ULPS);
        assertClose(1.0, r2.weight(0), WEIGHT_ULPS);
        assertClose(1.0, r2.weight(1), WEIGHT_ULPS);

        QuadratureRule r3 = GaussLegendre.rule(3);
        assertClose(-Math.sqrt(0.6), r3.node(0), NODE_ULPS);
        assertEquals(0.0, r3.node(1));
        assertClose(Math.sqrt(0.6), r3.node(2), NODE_ULPS);
        assertClose(5.0 / 9.0, r3.weight(0), WEIGHT_ULPS);
        assertClose(8.0 / 9.0, r3.weight(1), WEIGHT_ULPS);
        assertClose(5.0 / 9.0, r3.weight(2), WEIGHT_ULPS);

        // n = 4: x = ±√(3/7 ∓ (2/7)√(6/5)), w = (18 ± √30)/36
        QuadratureRule r4 = GaussLegendre.rule(4);
        double inner = Math.sqrt(3.0 / 7.0 - 2.0 / 7.0 * Math.sqrt(1.2));
        double outer = Math.sqrt(3.0 / 7.0 + 2.0 / 7.0 * Math.sqrt(1.2));
        assertClose(-outer, r4.node(0), NODE_ULPS);
        assertClose(-inner, r4.node(1), NODE_ULPS);
        assertClose((18.0 - Math.sqrt(30.0)) / 36.0, r4.weight(0), WEIGHT_ULPS);
        assertClose((18.0 + Math.sqrt(30.0)) / 36.0, r4.weight(1), WEIGHT_ULPS);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 64, 100, 199, 200, 201, 256, 1000
            })
    void integratesEveryMonomialUpToDegreeTwoNMinusOne(int n) {
        QuadratureRule rule = GaussLegendre.rule(n);
        double[] x = rule.nodes();
        double[] w = rule.weights();
        int step = n > 300 ? 7 : 1;
        for (int k = 0; k <= 2 * n - 1; k += step) {
            double sum = 0.0;
            double compensation = 0.0;
            double magnitude = 0.0;
            for (int i = 0; i < n; i++) {
                double term = w[i] * Math.pow(x[i], k);
                double t = sum + term;
                compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
                magnitude += Math.abs(term);
            }
            double exact = k % 2 == 0 ? 2.0 / (k + 1) : 0.0;
            double tolerance = MONOMIAL_EPS * EPS * magnitude * (1.0 + 0.5 * k);
            assertEquals(exact, sum + compensation, tolerance, "n = " + n + ", degree " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 20, 150, 200, 201, 777, 1000, 10_000})
    void rulesAreSymmetricSortedAndSumToTwo(int n) {
        QuadratureRule rule = GaussLegendre.rule(n);
        assertEquals(n, rule.size());
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            assertEquals(-rule.node(i), rule.node(n - 1 - i), 0.0, "node symmetry at " + i);
            assertEquals(rule.weight(i), rule.weight(n - 1 - i), "weight symmetry at " + i);
            assertTrue(rule.node(i) > -1.0 && rule.node(i) < 1.0);
            assertTrue(rule.weight(i) > 0.0);
            if (i > 0) {
                assertTrue(rule.node(i) > rule.node(i - 1), "nodes ascending at " + i);
            }
            total = total.add(new BigDecimal(rule.weight(i)));
        }
        double deviation = total.subtract(BigDecimal.valueOf(2)).doubleValue();
        assertTrue(Math.abs(deviation) <= 2.0 * Math.ulp(2.0), "n = " + n + ": Σ w - 2 = " + deviation);
    }

    /**
     * Order 10,000 against Newton's method run independently in 40-digit decimal arithmetic on the three-term
     * recurrence, at nodes next to the end, at the switch between the two methods used inside (the 20th node), in the
     * middle of the asymptotic region, and next to 0.
     */
    @Test
    void orderTenThousandMatchesHighPrecisionNewton() {
        int n = 10_000;
        QuadratureRule rule = GaussLegendre.rule(n);
        for (int k : new int[] {1, 20, 21, 50, 1000, 4999, 5000}) {
            int index = n - k;
            double x = rule.node(index);
            BigDecimal[] reference = newtonReference(n, x);
            double xr = reference[0].doubleValue();
            double wr = reference[1].doubleValue();
            assertTrue(Math.abs(x - xr) <= NODE_ULPS * Math.ulp(xr), "node k = " + k + ": " + x + " vs " + xr);
            double w = rule.weight(index);
            assertTrue(Math.abs(w - wr) <= WEIGHT_ULPS * Math.ulp(wr), "weight k = " + k + ": " + w + " vs " + wr);
        }
    }

    /** Two Newton steps from x and the weight 2 (1 - x²) / (n (P_{n-1} - x P_n))², all in 40 digits. */
    private static BigDecimal[] newtonReference(int n, double start) {
        MathContext mc = new MathContext(40);
        BigDecimal x = new BigDecimal(start);
        BigDecimal one = BigDecimal.ONE;
        BigDecimal derivativeTimes = null;
        for (int iter = 0; iter < 3; iter++) {
            BigDecimal pPrev = one;
            BigDecimal p = x;
            for (int k = 1; k < n; k++) {
                BigDecimal next = x.multiply(p, mc)
                        .multiply(BigDecimal.valueOf(2L * k + 1), mc)
                        .subtract(pPrev.multiply(BigDecimal.valueOf(k), mc), mc)
                        .divide(BigDecimal.valueOf(k + 1L), mc);
                pPrev = p;
                p = next;
            }
            BigDecimal oneMinusX2 = one.subtract(x.multiply(x, mc), mc);
            derivativeTimes = pPrev.subtract(x.multiply(p, mc), mc).multiply(BigDecimal.valueOf(n), mc);
            if (iter < 2) {
                x = x.subtract(p.multiply(oneMinusX2, mc).divide(derivativeTimes, mc), mc);
            }
        }
        BigDecimal oneMinusX2 = one.subtract(x.multiply(x, mc), mc);
        BigDecimal weight = BigDecimal.valueOf(2)
                .multiply(oneMinusX2, mc)
                .divide(derivativeTimes.multiply(derivativeTimes, mc), mc);
        return new BigDecimal[] {x, weight};
    }

    @Test
    void rulesAreCachedAndSafeToRequestConcurrently() {
        QuadratureRule[] rules = IntStream.range(0, 64)
                .parallel()
                .mapToObj(i -> GaussLegendre.rule(333))
                .toArray(QuadratureRule[]::new);
        for (QuadratureRule r : rules) {
            assertSame(rules[0], r);
        }
    }

    @Test
    void accessorsReturnCopies() {
        QuadratureRule rule = GaussLegendre.rule(5);
        double[] nodes = rule.nodes();
        nodes[0] = 42.0;
        assertTrue(rule.node(0) < 0.0);
        double[] weights = rule.weights();
        weights[0] = 42.0;
        assertTrue(rule.weight(0) < 1.0);
    }

    @Test
    void rejectsOrdersBelowOne() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> GaussLegendre.rule(0));
        assertTrue(e.getMessage().contains("n must be >= 1, got 0"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> GaussLegendre.rule(-3));
    }

    private static void assertClose(double expected, double actual, double ulps) {
        assertTrue(
                Math.abs(expected - actual) <= ulps * Math.ulp(expected),
                () -> "expected " + expected + " but was " + actual);
    }
}
