package org.nabla4j.integrate;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * The outcome of a numerical integration.
 *
 * <p>Tolerances follow QUADPACK: a result is {@linkplain QuadratureStatus#CONVERGED converged} when
 * {@code errorEstimate <= max(absTol, relTol · |value|)}, where the estimate is meant as a bound on
 * {@code |I - value|}. When the integration stopped for another reason, {@code value} is the best estimate reached
 * and {@code errorEstimate} its estimated error, which then exceeds the tolerance or is not trustworthy (see the
 * status). If the integrand returned a non-finite value, {@code value} is the last finite estimate formed before that
 * evaluation, or NaN when there was none; the status is then {@link QuadratureStatus#NON_FINITE_INTEGRAND} and the
 * message names the point.
 *
 * @param value the estimate of the integral
 * @param errorEstimate estimated absolute error of {@code value}; NaN when the method provides no estimate, positive
 *     infinity when no estimate could be formed
 * @param evaluations number of integrand evaluations made
 * @param subintervals number of subintervals (or boxes) in the final partition of an adaptive method; 1 for methods
 *     that work on the whole range, 0 when nothing was evaluated
 * @param status how the integration ended
 * @param message human-readable explanation of the status, for example {@code "integrand returned NaN at x = 0.5"}
 */
public record QuadratureResult(
        double value,
        double errorEstimate,
        long evaluations,
        int subintervals,
        QuadratureStatus status,
        String message) {

    /**
     * Validates the components.
     *
     * @param value the estimate of the integral
     * @param errorEstimate estimated absolute error of {@code value}
     * @param evaluations number of integrand evaluations, at least 0
     * @param subintervals number of subintervals in the final partition, at least 0
     * @param status how the integration ended
     * @param message explanation of the status
     *
     * @throws InvalidArgumentException if {@code status} or {@code message} is null
     * @throws InvalidArgumentException if {@code evaluations} or {@code subintervals} is negative
     */
    public QuadratureResult {
        Checks.notNull(status, "QuadratureResult", "status");
        Checks.notNull(message, "QuadratureResult", "message");
        if (evaluations < 0 || subintervals < 0) {
            throw new InvalidArgumentException(
                    "evaluations and subintervals must be >= 0, got " + evaluations + " and " + subintervals);
        }
    }

    /**
     * Tells whether the requested tolerance was met.
     *
     * @return true exactly when the status is {@link QuadratureStatus#CONVERGED}
     */
    public boolean isConverged() {
        return status == QuadratureStatus.CONVERGED;
    }

    /** The same result with the sign of the value flipped, for reversed limits. */
    QuadratureResult negate() {
        return new QuadratureResult(-value, errorEstimate, evaluations, subintervals, status, message);
    }

    /** The result when the integrand was not finite before any estimate was formed. */
    static QuadratureResult noFiniteEstimate(long evaluations, NonFiniteIntegrandException e) {
        return new QuadratureResult(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                evaluations,
                0,
                QuadratureStatus.NON_FINITE_INTEGRAND,
                e.describe() + "; no finite estimate was formed");
    }

    static QuadratureResult empty() {
        return new QuadratureResult(0.0, 0.0, 0, 0, QuadratureStatus.CONVERGED, "empty range: the integral is 0");
    }
}
