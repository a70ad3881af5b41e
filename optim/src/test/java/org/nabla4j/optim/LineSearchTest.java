package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The strong-Wolfe line search and its cubic interpolation, on functions given in closed form. */
class LineSearchTest {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;

    @Test
    void cubicInterpolationIsExactForCubicsAndQuadratics() {
        // φ(α) = (α − 2)²: values and slopes at 0 and 3 determine the minimizer 2 exactly.
        assertEquals(2.0, LineSearch.cubicMinimizer(0, 4, -4, 3, 1, 2), 1e-14);
        // φ(α) = α³ − 3α: local minimizer at α = 1; data at 0 and 2.
        assertEquals(1.0, LineSearch.cubicMinimizer(0, 0, -3, 2, 2, 9), 1e-14);
        // the same with the points in the other order
        assertEquals(1.0, LineSearch.cubicMinimizer(2, 2, 9, 0, 0, -3), 1e-14);
        // φ(α) = −α³ − α is monotone, the interpolating cubic has no critical point: NaN asks the caller to bisect
        assertTrue(Double.isNaN(LineSearch.cubicMinimizer(0, 0, -1, 1, -2, -4)));
    }

    /** f(x) = Σ w_i (x_i − 1)⁴ + Σ (x_i − 1)²: strongly convex, not quadratic, so the search must iterate. */
    static double quartic(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - 1;
            double w = 1 + i;
            f += w * d * d * d * d + d * d;
            g[i] = 4 * w * d * d * d + 2 * d;
        }
        return f;
    }

    @Test
    void acceptedStepsSatisfyTheStrongWolfeConditions() {
        for (double alpha0 : new double[] {1e-6, 1e-3, 1, 10, 1e4}) {
            double[] x = {-2, 0.5, 3};
            double[] g = new double[3];
            double f0 = quartic(x, g);
            double[] d = {-g[0], -g[1], -g[2]};
            double slope0 = Vectors.dot(g, d);
            LineSearch.Result r = LineSearch.search(
                    LineSearchTest::quartic, x, f0, g, d, slope0, alpha0, C1, C2, 50, Double.NEGATIVE_INFINITY);
            assertEquals(LineSearch.Outcome.WOLFE, r.outcome(), "alpha0 = " + alpha0);
            LineSearch.Point p = r.point();
            assertTrue(p.f() <= f0 + C1 * p.alpha() * slope0, "sufficient decrease, alpha0 = " + alpha0);
            assertTrue(Math.abs(p.slope()) <= C2 * Math.abs(slope0), "curvature, alpha0 = " + alpha0);
            assertTrue(r.evaluations() <= 25, "evaluations " + r.evaluations() + " for alpha0 = " + alpha0);
        }
    }

    @Test
    void unboundedAndFailedSearchesAreReported() {
        double[] x = {0};
        double[] g = {1};
        double[] d = {-1};
        LineSearch.Result unbounded = LineSearch.search(
                (y, gy) -> {
                    gy[0] = 1;
                    return y[0];
                },
                x,
                0,
                g,
                d,
                -1,
                1,
                C1,
                C2,
                50,
                -1e6);
        assertEquals(LineSearch.Outcome.UNBOUNDED, unbounded.outcome());
        assertTrue(unbounded.point().f() < -1e6);
        // a "gradient" that is wrong (points uphill): no step decreases f, the search fails
        LineSearch.Result failed = LineSearch.search(
                (y, gy) -> {
                    gy[0] = -1;
                    return y[0] * y[0] + 1;
                },
                new double[] {0},
                1,
                new double[] {-1},
                new double[] {1},
                -1,
                1,
                C1,
                C2,
                30,
                Double.NEGATIVE_INFINITY);
        assertEquals(LineSearch.Outcome.FAILED, failed.outcome());
    }
}
