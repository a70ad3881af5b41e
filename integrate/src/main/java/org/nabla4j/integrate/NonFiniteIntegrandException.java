package org.nabla4j.integrate;

import java.util.Arrays;

/**
 * Unwinds a driver when the integrand returns NaN or an infinity. Never escapes the package: drivers turn it into a
 * {@link QuadratureStatus#NON_FINITE_INTEGRAND} result. No stack trace, since it is control flow.
 */
final class NonFiniteIntegrandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String description;

    private NonFiniteIntegrandException(String description) {
        super(description, null, false, false);
        this.description = description;
    }

    NonFiniteIntegrandException(double point, double value) {
        this("integrand returned " + value + " at x = " + point);
    }

    /** Returns {@code value}, or unwinds naming the point if it is NaN or infinite. */
    static double requireFinite(double point, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteIntegrandException(point, value);
        }
        return value;
    }

    static NonFiniteIntegrandException atPoint(double[] point, double value) {
        return new NonFiniteIntegrandException("integrand returned " + value + " at x = " + Arrays.toString(point));
    }

    static NonFiniteIntegrandException afterTransformation(double point, double value, double transformed) {
        return new NonFiniteIntegrandException("integrand value " + value + " at x = " + point
                + " overflowed to " + transformed + " when multiplied by the Jacobian of the range transformation"
                + " (is the integral divergent?)");
    }

    String describe() {
        return description;
    }
}
