package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;

/** Fourier integrals on [a, ∞) against closed forms, including ones that are not absolutely integrable. */
class FourierIntegralTest {
    /** Si(π), the sine integral at π (Abramowitz and Stegun, table 5.1; 16 digits). */
    private static final double SI_PI = 1.851937051982466;

    private static void assertCase(String name, double expected, QuadratureResult r) {
        System.out.printf(
                "%-32s value %.16f  |err| %.1e  estimate %.1e  evaluations %d  half-periods %d  %s%n",
                name,
                r.value(),
                Math.abs(r.value() - expected),
                r.errorEstimate(),
                r.evaluations(),
                r.subintervals(),
                r.status());
        assertTrue(r.isConverged(), () -> name + ": " + r);
        double trueError = Math.abs(r.value() - expected);
        assertTrue(trueError <= 1e-9 * Math.abs(expected), () -> name + ": error " + trueError + " in " + r);
        assertTrue(r.errorEstimate() >= trueError, () -> name + ": estimate below the true error " + trueError);
    }

    @Test
    void closedFormsIncludingConditionallyConvergentOnes() {
        assertCase("sin(x)/x on [0, inf)", Math.PI / 2, Quadrature.fourier(x -> 1 / x, 0, 1, Oscillation.SIN));
        assertCase(
                "cos(x)/(1+x^2) on [0, inf)",
                Math.PI / (2 * Math.E),
                Quadrature.fourier(x -> 1 / (1 + x * x), 0, 1, Oscillation.COS));
        assertCase(
                "x sin(x)/(1+x^2) on [0, inf)",
                Math.PI / (2 * Math.E),
                Quadrature.fourier(x -> x / (1 + x * x), 0, 1, Oscillation.SIN));
        assertCase("e^-x sin(3x) on [0, inf)", 3.0 / 10, Quadrature.fourier(x -> Math.exp(-x), 0, 3, Oscillation.SIN));
        // ∫_0^∞ cos(x)/√x dx = √(π/2): an integrable singularity at a = 0 and a 1/√x decay
        assertCase(
                "cos(x)/sqrt(x) on [0, inf)",
                Math.sqrt(Math.PI / 2),
                Quadrature.fourier(x -> 1 / Math.sqrt(x), 0, 1, Oscillation.COS));
        assertCase(
                "sin(x)/x on [pi, inf)",
                Math.PI / 2 - SI_PI,
                Quadrature.fourier(x -> 1 / x, Math.PI, 1, Oscillation.SIN));
        // ∫_0^∞ sin(ωx)/x dx = π/2 for every ω > 0, and −π/2 for ω < 0
        assertCase("sin(25x)/x on [0, inf)", Math.PI / 2, Quadrature.fourier(x -> 1 / x, 0, 25, Oscillation.SIN));
        assertCase("sin(-2x)/x on [0, inf)", -Math.PI / 2, Quadrature.fourier(x -> 1 / x, 0, -2, Oscillation.SIN));
        // cos is even: ∫_0^∞ cos(-x)/(1+x²) dx = π/(2e)
        assertCase(
                "cos(-x)/(1+x^2) on [0, inf)",
                Math.PI / (2 * Math.E),
                Quadrature.fourier(x -> 1 / (1 + x * x), 0, -1, Oscillation.COS));
        // a lower limit that is not a zero of the weight, and negative
        assertCase(
                "e^-(x+1) cos(2x) on [-1, inf)",
                // ∫_{-1}^∞ e^{-(x+1)} cos(2x) dx = Re ∫_0^∞ e^{-t} e^{2i(t-1)} dt = Re e^{-2i}/(1 - 2i)
                // = Re (cos 2 − i sin 2)(1 + 2i)/5 = (cos 2 + 2 sin 2)/5
                (Math.cos(2) + 2 * Math.sin(2)) / 5,
                Quadrature.fourier(x -> Math.exp(-(x + 1)), -1, 2, Oscillation.COS));
    }

    @Test
    void theGeneralIntegratorGivesUpWhereTheFourierMethodSucceeds() {
        DoubleUnaryOperator sinc = x -> Math.sin(x) / x;
        QuadratureResult general = Quadrature.integrate(sinc, 0, Double.POSITIVE_INFINITY);
        assertTrue(!general.isConverged(), () -> "the general method claims " + general);
        assertTrue(Quadrature.fourier(x -> 1 / x, 0, 1, Oscillation.SIN).isConverged());
    }

    @Test
    void zeroFrequency() {
        QuadratureResult sin = Quadrature.fourier(x -> 1 / (1 + x * x), 0, 0, Oscillation.SIN);
        assertEquals(0.0, sin.value(), 0.0);
        assertEquals(0, sin.evaluations());
        QuadratureResult cos = Quadrature.fourier(x -> 1 / (1 + x * x), 0, 0, Oscillation.COS);
        assertEquals(Math.PI / 2, cos.value(), 1e-12);
    }

    @Test
    void aFactorThatDoesNotDecayIsReportedNotSummed() {
        QuadratureResult r = Quadrature.fourier(x -> 1.0, 0, 1, Oscillation.COS);
        // ∫_0^∞ cos x dx has no value: the partial sums alternate between 1 and −1 for ever (Wynn's algorithm alone
        // would call that 0).
        assertEquals(QuadratureStatus.DIVERGENCE_SUSPECTED, r.status(), r::toString);
        assertTrue(r.message().contains("do not decay"), r.message());
        QuadratureResult shifted = Quadrature.fourier(x -> 1 + 1 / (1 + x), 0, 1, Oscillation.SIN);
        assertEquals(QuadratureStatus.DIVERGENCE_SUSPECTED, shifted.status(), shifted::toString);
        QuadratureResult limited = Quadrature.fourier(x -> 1 / x, 0, 1, Oscillation.SIN, 0, 1e-12, 100);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, limited.status(), limited::toString);
        assertTrue(limited.evaluations() <= 100);
    }

    @Test
    void aNonFiniteFactorNamesTheNode() {
        QuadratureResult r = Quadrature.fourier(x -> x > 5 ? Double.NaN : 1 / (1 + x), 0, 1, Oscillation.SIN);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, r.status());
        assertTrue(Double.isNaN(r.value()));
        assertTrue(r.message().contains("x = "), r.message());
    }

    @Test
    void badInputThrowsNamedExceptions() {
        DoubleUnaryOperator f = x -> 1 / x;
        assertThrows(InvalidArgumentException.class, () -> Quadrature.fourier(null, 0, 1, Oscillation.SIN));
        assertThrows(InvalidArgumentException.class, () -> Quadrature.fourier(f, 0, 1, null));
        InvalidArgumentException a = assertThrows(
                InvalidArgumentException.class, () -> Quadrature.fourier(f, Double.NaN, 1, Oscillation.SIN));
        assertTrue(a.getMessage().contains("lower limit a"), a.getMessage());
        assertThrows(
                InvalidArgumentException.class,
                () -> Quadrature.fourier(f, Double.NEGATIVE_INFINITY, 1, Oscillation.SIN));
        InvalidArgumentException w = assertThrows(
                InvalidArgumentException.class,
                () -> Quadrature.fourier(f, 0, Double.POSITIVE_INFINITY, Oscillation.SIN));
        assertTrue(w.getMessage().contains("omega"), w.getMessage());
        assertThrows(
                InvalidArgumentException.class, () -> Quadrature.fourier(f, 0, 1, Oscillation.SIN, -1, 1e-10, 1000));
        assertThrows(InvalidArgumentException.class, () -> Quadrature.fourier(f, 0, 1, Oscillation.SIN, 0, 1e-10, 14));
    }
}
