package org.nabla4j.integrate;

/**
 * How an integration ended. Only {@link #CONVERGED} means the requested tolerance was met; every other status comes
 * with the best value that was achieved and an error estimate, never a thrown-away result.
 */
public enum QuadratureStatus {
    /** The error estimate is at most {@code max(absTol, relTol · |value|)}. */
    CONVERGED,
    /**
     * A fixed (non-adaptive) rule was applied once. No tolerance was requested, so convergence was not assessed;
     * the error estimate is a heuristic where the rule offers one and NaN where it does not.
     */
    FIXED_RULE,
    /** The evaluation limit was reached before the tolerance was met. */
    EVALUATION_LIMIT,
    /**
     * Rounding errors prevent the requested tolerance: refinement stopped reducing the error estimate, or the
     * tolerance is below what double precision can resolve for this integrand.
     */
    ROUNDOFF_DETECTED,
    /**
     * Subdivision reached intervals at the resolution of doubles around some point: a non-integrable singularity, a
     * discontinuity or another local difficulty the integrator cannot resolve.
     */
    BAD_INTEGRAND_BEHAVIOUR,
    /** The integral is probably divergent, or converges too slowly to be computed. */
    DIVERGENCE_SUSPECTED,
    /** The integrand returned NaN or an infinity; the message names the point. */
    NON_FINITE_INTEGRAND
}
