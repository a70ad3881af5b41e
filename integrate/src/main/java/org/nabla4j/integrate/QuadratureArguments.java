package org.nabla4j.integrate;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Checks of the arguments that only integration has: integrands, limits of integration and tolerance pairs. Messages
 * name the method, the argument and its value. Generic checks (counts, orders) use {@link org.nabla4j.core.Checks}.
 */
final class QuadratureArguments {
    /** QUADPACK's floor for a purely relative tolerance: below it double precision cannot deliver. */
    static final double MIN_RELATIVE_TOLERANCE = 50.0 * Math.ulp(1.0);

    private QuadratureArguments() {}

    static void requireFunction(String method, Object f) {
        Checks.notNull(f, method, "integrand");
    }

    static void requireLimits(String method, double a, double b) {
        if (Double.isNaN(a)) {
            throw new InvalidArgumentException(method + ": lower limit a is NaN");
        }
        if (Double.isNaN(b)) {
            throw new InvalidArgumentException(method + ": upper limit b is NaN");
        }
    }

    static void requireFiniteLimits(String method, double a, double b) {
        requireLimits(method, a, b);
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new InvalidArgumentException(method + ": limits must be finite, got [" + a + ", " + b + "]"
                    + "; use Quadrature.integrate or GaussKronrodIntegrator for infinite ranges");
        }
    }

    static void requireTolerances(String method, double absTol, double relTol) {
        if (!(absTol >= 0.0)) {
            throw new InvalidArgumentException(method + ": absolute tolerance must be >= 0, got " + absTol);
        }
        if (!(relTol >= 0.0)) {
            throw new InvalidArgumentException(method + ": relative tolerance must be >= 0, got " + relTol);
        }
        if (absTol == 0.0 && relTol < MIN_RELATIVE_TOLERANCE) {
            throw new InvalidArgumentException(method + ": with absolute tolerance 0 the relative tolerance must be >= "
                    + MIN_RELATIVE_TOLERANCE + " (50 ulp), got " + relTol);
        }
    }
}
