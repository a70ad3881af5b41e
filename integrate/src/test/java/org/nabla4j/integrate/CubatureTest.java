package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;

class CubatureTest {
    private static final double EPS = Math.ulp(1.0);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    // erf at a few points, from tables (Abramowitz & Stegun 7.1; more digits than a double).
    private static final double ERF1 = 0.8427007929497148693412206350826;
    private static final double ERF2 = 0.9953222650189527341620692563672;
    private static final double ERF3 = 0.9999779095030014145586272238705;
    private static final double ERF4 = 0.9999999845827420997199811478403;
    private static final double ERF6 = 0.9999999999999999784802632875011;
    private static final double ERF7 = 1.0;

    private static final MultivariateFunction EXP_SUM = p -> Math.exp(p[0] + p[1] + p[2]);
    private static final double EXP_SUM_EXACT = Math.pow(Math.E - 1, 3);

    @Test
    void exponentialOverTheUnitCube() {
        double[] lo = {0, 0, 0};
        double[] hi = {1, 1, 1};
        QuadratureResult gl = Cubature.gaussLegendre(EXP_SUM, lo, hi, 10);
        assertEquals(EXP_SUM_EXACT, gl.value(), 16 * EPS * EXP_SUM_EXACT);
        assertEquals(1000, gl.evaluations());
        assertEquals(QuadratureStatus.FIXED_RULE, gl.status());
        QuadratureResult adaptive = Cubature.adaptive(EXP_SUM, lo, hi, 0, 1e-10, 100_000);
        assertHonest(EXP_SUM_EXACT, adaptive, 1e-9);
    }

    @Test
    void gaussianOverABox() {
        // ∫_{-2}^{2} ∫_{-1}^{3} e^{-x² - y²} dy dx = √π erf(2) · (√π/2)(erf(3) + erf(1))
        double exact = SQRT_PI * ERF2 * (SQRT_PI / 2) * (ERF3 + ERF1);
        MultivariateFunction gaussian = p -> Math.exp(-p[0] * p[0] - p[1] * p[1]);
        QuadratureResult gl = Cubature.gaussLegendre((x, y) -> Math.exp(-x * x - y * y), -2, 2, -1, 3, 30);
        assertEquals(exact, gl.value(), 1e-14);
        QuadratureResult adaptive = Cubature.adaptive(gaussian, new double[] {-2, -1}, new double[] {2, 3});
        assertHonest(exact, adaptive, 1e-9);
        QuadratureResult binary = Cubature.adaptive((x, y) -> Math.exp(-x * x - y * y), -2, 2, -1, 3, 0, 1e-10);
        assertHonest(exact, binary, 1e-9);
        assertEquals(adaptive.value(), binary.value(), 0.0);
    }

    @Test
    void adaptiveCubatureFollowsAPeak() {
        // e^{-100((x - 0.3)² + (y - 0.6)²)} on the unit square: a narrow bump off the centre.
        double exact = (SQRT_PI / 20 * (ERF7 + ERF3)) * (SQRT_PI / 20 * (ERF4 + ERF6));
        MultivariateFunction peak = p -> {
            double dx = p[0] - 0.3;
            double dy = p[1] - 0.6;
            return Math.exp(-100 * (dx * dx + dy * dy));
        };
        QuadratureResult r = Cubature.adaptive(peak, new double[] {0, 0}, new double[] {1, 1}, 0, 1e-8, 200_000);
        assertHonest(exact, r, 1e-8);
        assertTrue(r.subintervals() > 100, r::toString);
        // The fixed rule with the same budget cannot follow the bump as well.
        int n = (int) Math.sqrt(r.evaluations());
        QuadratureResult fixed = Cubature.gaussLegendre(peak, new double[] {0, 0}, new double[] {1, 1}, 12);
        assertTrue(Math.abs(fixed.value() - exact) > Math.abs(r.value() - exact), "n = " + n);
    }

    @Test
    void fourDimensionsAndOrientation() {
        // ∫_{[0,1]^4} cos(x1) cos(x2) cos(x3) cos(x4) = sin(1)^4
        MultivariateFunction f = p -> Math.cos(p[0]) * Math.cos(p[1]) * Math.cos(p[2]) * Math.cos(p[3]);
        double exact = Math.pow(Math.sin(1), 4);
        double[] lo = {0, 0, 0, 0};
        double[] hi = {1, 1, 1, 1};
        assertHonest(exact, Cubature.adaptive(f, lo, hi, 0, 1e-8, 100_000), 1e-8);
        assertEquals(exact, Cubature.gaussLegendre(f, lo, hi, 8).value(), 1e-14);
        // One reversed axis flips the sign, two restore it; a flat axis gives zero.
        assertEquals(
                -exact,
                Cubature.gaussLegendre(f, new double[] {1, 0, 0, 0}, new double[] {0, 1, 1, 1}, 8)
                        .value(),
                1e-14);
        assertEquals(
                exact,
                Cubature.adaptive(f, new double[] {1, 1, 0, 0}, new double[] {0, 0, 1, 1}, 0, 1e-8, 100_000)
                        .value(),
                1e-8);
        assertEquals(
                0.0,
                Cubature.adaptive(f, new double[] {0, 0, 0.5, 0}, new double[] {1, 1, 0.5, 1})
                        .value());
        // One dimension is handed to the Gauss-Kronrod integrator.
        QuadratureResult line = Cubature.adaptive(p -> Math.exp(p[0]), new double[] {0}, new double[] {1});
        assertHonest(Math.E - 1, line, 1e-12);
    }

    @Test
    void failuresAreReported() {
        QuadratureResult nan =
                Cubature.adaptive(p -> p[0] > 0.9 ? Double.NaN : 1, new double[] {0, 0}, new double[] {1, 1});
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, nan.status());
        assertTrue(nan.message().contains("NaN at x = [0.9"), nan.message());
        QuadratureResult nanFixed =
                Cubature.gaussLegendre(p -> 1 / p[1], new double[] {-1, -1}, new double[] {1, 1}, 3);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, nanFixed.status());
        assertTrue(nanFixed.message().contains("Infinity at x = [-0.7745966692414834, 0.0]"), nanFixed.message());
        QuadratureResult limited = Cubature.adaptive(
                p -> Math.cos(100 * p[0] * p[1]), new double[] {0, 0}, new double[] {1, 1}, 0, 1e-12, 200);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, limited.status());
        assertTrue(limited.evaluations() <= 200);
    }

    @Test
    void badInputThrows() {
        MultivariateFunction one = p -> 1;
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.gaussLegendre(one, new double[] {0, 0}, new double[] {1}, 3));
        assertThrows(
                InvalidArgumentException.class, () -> Cubature.gaussLegendre(one, new double[0], new double[0], 3));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.gaussLegendre(one, new double[] {0, Double.NaN}, new double[] {1, 1}, 3));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.adaptive(one, new double[] {0, 0}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.gaussLegendre(one, new double[] {0, 0}, new double[] {1, 1}, 0));
        assertThrows(
                InvalidArgumentException.class, () -> Cubature.gaussLegendre(one, new double[8], filled(8, 1), 100));
        assertThrows(InvalidArgumentException.class, () -> Cubature.adaptive(one, new double[21], filled(21, 1)));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.adaptive(one, new double[] {0, 0}, new double[] {1, 1}, 0, 0, 1000));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.adaptive(one, new double[] {0, 0}, new double[] {1, 1}, 1e-6, 0, 10));
        assertThrows(InvalidArgumentException.class, () -> Cubature.adaptive(one, null, new double[] {1}));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void assertHonest(double expected, QuadratureResult r, double relative) {
        assertTrue(r.isConverged(), r::toString);
        assertEquals(expected, r.value(), relative * Math.abs(expected), r::toString);
        assertTrue(r.errorEstimate() + 4 * Math.ulp(expected) >= Math.abs(r.value() - expected), r::toString);
    }
}
