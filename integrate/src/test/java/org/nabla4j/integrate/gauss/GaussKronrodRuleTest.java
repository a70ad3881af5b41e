package org.nabla4j.integrate.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla4j.core.InvalidArgumentException;

class GaussKronrodRuleTest {
    private static final double EPS = Math.ulp(1.0);
    /** Agreement with the published tables, which carry more digits than a double. */
    private static final double TABLE_TOLERANCE = 4 * EPS;

    private static final double EXACTNESS_EPS = 16.0;

    // Published 15- and 21-point Kronrod abscissae (non-negative half, descending) and weights.
    private static final double[] K15_NODES = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0
    };
    private static final double[] K15_WEIGHTS = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714
    };
    private static final double[] K21_NODES = {
        0.995657163025808080735527280689003,
        0.973906528517171720077964012084452,
        0.930157491355708226001207180059508,
        0.865063366688984510732096688423493,
        0.780817726586416897063717578345042,
        0.679409568299024406234327365114874,
        0.562757134668604683339000099272694,
        0.433395394129247190799265943165784,
        0.294392862701460198131126603103866,
        0.148874338981631210884826001129720,
        0.0
    };
    private static final double[] K21_WEIGHTS = {
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
        0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
        0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077958109831074, 0.134709217311473325928054001771707,
        0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
        0.149445554002916905664936468389821
    };

    @Test
    void matchesPublishedFifteenPointTable() {
        assertMatchesTable(GaussKronrodRule.G7_K15, K15_NODES, K15_WEIGHTS);
    }

    @Test
    void matchesPublishedTwentyOnePointTable() {
        assertMatchesTable(GaussKronrodRule.G10_K21, K21_NODES, K21_WEIGHTS);
    }

    private static void assertMatchesTable(GaussKronrodRule rule, double[] nodes, double[] weights) {
        int last = rule.size() - 1;
        for (int j = 0; j < nodes.length; j++) {
            assertEquals(nodes[j], rule.node(last - j), TABLE_TOLERANCE, "node " + j);
            assertEquals(-nodes[j], rule.node(j), TABLE_TOLERANCE, "node " + j);
            assertEquals(weights[j], rule.kronrodWeight(last - j), TABLE_TOLERANCE, "weight " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 25, 30})
    void kronrodRuleIsExactToDegreeThreeNPlusOneAndEmbedsTheGaussRule(int n) {
        GaussKronrodRule rule = GaussKronrodRule.of(n);
        assertEquals(2 * n + 1, rule.size());
        assertEquals(n, rule.gaussPoints());
        QuadratureRule gauss = GaussLegendre.rule(n);
        for (int i = 0; i < n; i++) {
            assertEquals(gauss.node(i), rule.node(2 * i + 1), "Gauss node " + i);
            assertEquals(gauss.weight(i), rule.gaussWeight(2 * i + 1), "Gauss weight " + i);
            assertEquals(0.0, rule.gaussWeight(2 * i));
        }
        for (int degree = 0; degree <= 3 * n + 1; degree++) {
            double sum = 0.0;
            double magnitude = 0.0;
            for (int i = 0; i < rule.size(); i++) {
                double term = rule.kronrodWeight(i) * Math.pow(rule.node(i), degree);
                sum += term;
                magnitude += Math.abs(term);
            }
            double exact = degree % 2 == 0 ? 2.0 / (degree + 1) : 0.0;
            assertEquals(exact, sum, EXACTNESS_EPS * EPS * magnitude * (1 + degree), "n = " + n + ", degree " + degree);
        }
        for (int i = 0; i < rule.size(); i++) {
            assertEquals(-rule.node(i), rule.node(rule.size() - 1 - i), 0.0);
            assertEquals(rule.kronrodWeight(i), rule.kronrodWeight(rule.size() - 1 - i));
        }
    }

    @Test
    void pairsAreCachedAndNamed() {
        assertSame(GaussKronrodRule.G10_K21, GaussKronrodRule.of(10));
        assertEquals("G7-K15", GaussKronrodRule.G7_K15.toString());
        assertEquals("G15-K31", GaussKronrodRule.G15_K31.toString());
    }

    @Test
    void rejectsOrdersBelowOne() {
        assertThrows(InvalidArgumentException.class, () -> GaussKronrodRule.of(0));
    }
}
