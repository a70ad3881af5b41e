package org.nabla4j.optim;

import java.util.Arrays;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Element-wise bounds {@code l ≤ x ≤ u} as given to {@link ConstrainedProblem} and {@link Lbfgs}: their validation
 * and their expansion to one finite-or-infinite bound per element of {@code x}.
 */
final class Bounds {
    private Bounds() {}

    /**
     * Checks bounds as given (either may be null for none).
     *
     * @throws InvalidArgumentException if a bound is NaN, a lower bound is {@code +∞}, an upper bound is
     *     {@code −∞}, the two arrays differ in length, or {@code lower[i] > upper[i]}
     */
    static void validate(String op, double[] lower, double[] upper) {
        if (lower != null && upper != null && lower.length != upper.length) {
            throw new InvalidArgumentException(
                    op + ": lowerBounds has " + lower.length + " elements but upperBounds has " + upper.length);
        }
        for (int i = 0; lower != null && i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || lower[i] == Double.POSITIVE_INFINITY) {
                throw new InvalidArgumentException(
                        op + ": lowerBounds[" + i + "] must be a number below +infinity, got " + lower[i]);
            }
        }
        for (int i = 0; upper != null && i < upper.length; i++) {
            if (Double.isNaN(upper[i]) || upper[i] == Double.NEGATIVE_INFINITY) {
                throw new InvalidArgumentException(
                        op + ": upperBounds[" + i + "] must be a number above -infinity, got " + upper[i]);
            }
            if (lower != null && lower[i] > upper[i]) {
                throw new InvalidArgumentException(op + ": lowerBounds[" + i + "] = " + lower[i]
                        + " exceeds upperBounds[" + i + "] = " + upper[i]);
            }
        }
    }

    /**
     * The bounds for an {@code x} of {@code n} elements: {@code given} itself, or {@code none} everywhere when it is
     * null.
     *
     * @throws InvalidArgumentException if {@code given} does not have {@code n} elements
     */
    static double[] expand(double[] given, double none, int n, String name, String op) {
        if (given == null) {
            double[] b = new double[n];
            Arrays.fill(b, none);
            return b;
        }
        if (given.length != n) {
            throw new InvalidArgumentException(op + ": " + name + " has " + given.length + " elements but x0 has " + n);
        }
        return given;
    }
}
