package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One row of the classic one-dimensional test set: integrand, limits, the exact value from a closed form, and the
 * number of evaluations QUADPACK's QAGS (finite ranges, 21-point rule) or QAGI (infinite, 15-point rule, two
 * evaluations per node) needs at {@code epsabs = 0, epsrel = 1e-10}.
 */
record IntegrationCase(String name, DoubleUnaryOperator f, double a, double b, double exact, int quadpackEvaluations) {
    /** Accuracy every adaptive integrator must reach on this set when asked for {@link #REQUESTED_RELATIVE}. */
    static final double REQUIRED_RELATIVE = 1e-9;

    static final double REQUESTED_RELATIVE = 1e-10;
    /** The closed forms are themselves rounded: allow this many ulps of the exact value on top of the estimate. */
    static final double REFERENCE_ULPS = 4.0;
    /** QUADPACK's total over {@link #CLASSIC}: 21 + 21 + 231 + 231 + 390 + 147 + 189. */
    static final int QUADPACK_TOTAL = 1230;

    static final List<IntegrationCase> CLASSIC = List.of(
            // ∫_0^2 x^5 - 2x^3 + x = [x^6/6 - x^4/2 + x^2/2]_0^2 = 32/3 - 8 + 2 = 14/3
            new IntegrationCase(
                    "x^5 - 2x^3 + x on [0, 2]", x -> x * x * x * x * x - 2 * x * x * x + x, 0, 2, 14.0 / 3.0, 21),
            new IntegrationCase("e^x on [0, 1]", Math::exp, 0, 1, Math.E - 1.0, 21),
            new IntegrationCase(
                    "1/(1 + 25x^2) on [-1, 1]", x -> 1.0 / (1.0 + 25.0 * x * x), -1, 1, 0.4 * Math.atan(5.0), 231),
            new IntegrationCase("x^(-1/2) on [0, 1]", x -> 1.0 / Math.sqrt(x), 0, 1, 2.0, 231),
            new IntegrationCase(
                    "e^(-x^2) on (-inf, inf)",
                    x -> Math.exp(-x * x),
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    Math.sqrt(Math.PI),
                    390),
            new IntegrationCase(
                    "sin^2(50x) on [0, pi]",
                    x -> {
                        double s = Math.sin(50.0 * x);
                        return s * s;
                    },
                    0,
                    Math.PI,
                    Math.PI / 2.0,
                    147),
            // ∫_0^1 x^a ln(1/x) dx = 1/(a + 1)^2
            new IntegrationCase(
                    "x^2.6 ln(1/x) on [0, 1]",
                    x -> Math.pow(x, 2.6) * Math.log(1.0 / x),
                    0,
                    1,
                    1.0 / (3.6 * 3.6),
                    189));

    /** The result converged, is within {@code relative} of the exact value, and its error estimate covers the error. */
    void assertAccurateAndHonest(QuadratureResult r, double relative) {
        assertTrue(r.isConverged(), () -> name + ": " + r);
        double error = Math.abs(r.value() - exact);
        assertEquals(exact, r.value(), relative * Math.abs(exact), () -> name + ": " + r);
        assertTrue(
                r.errorEstimate() + REFERENCE_ULPS * Math.ulp(exact) >= error,
                () -> name + ": error estimate " + r.errorEstimate() + " below the true error " + error);
    }

    @Override
    public String toString() {
        return name;
    }
}
