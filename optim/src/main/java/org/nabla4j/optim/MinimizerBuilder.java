package org.nabla4j.optim;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * The settings every {@link Minimizer}'s builder shares: the iteration and evaluation limits, the gradient and value
 * tolerances, the lower limit, the listener and history recording, with their fluent setters and validation. Each
 * minimizer's public {@code Builder} extends this class.
 *
 * @param <B> the concrete builder, returned by the fluent setters
 */
abstract class MinimizerBuilder<B extends MinimizerBuilder<B>> {
    /** The minimizer's name, used in exception messages. */
    final String kind;

    int maxIterations;
    int maxEvaluations;
    double gradientTolerance = 1e-8;
    double valueTolerance;
    double lowerLimit = Double.NEGATIVE_INFINITY;
    IterationListener listener;
    boolean recordHistory = true;

    MinimizerBuilder(String kind, int defaultMaxIterations, int defaultMaxEvaluations) {
        this.kind = kind;
        this.maxIterations = defaultMaxIterations;
        this.maxEvaluations = defaultMaxEvaluations;
    }

    /** This builder, typed as the concrete builder. */
    abstract B self();

    /** Maximum number of accepted steps, {@code >= 0} (the default is listed by the minimizer's {@code builder()}). */
    public B maxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
        return self();
    }

    /**
     * Maximum number of objective-and-gradient evaluations, {@code >= 1} (the default is listed by the minimizer's
     * {@code builder()}).
     */
    public B maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = maxEvaluations;
        return self();
    }

    /** Absolute tolerance on {@code ‖∇f(x)‖∞}, {@code >= 0} (default 1e-8). */
    public B gradientTolerance(double tolerance) {
        this.gradientTolerance = tolerance;
        return self();
    }

    /** Relative tolerance on the decrease of {@code f} per step, {@code >= 0} (default 0). */
    public B valueTolerance(double tolerance) {
        this.valueTolerance = tolerance;
        return self();
    }

    /**
     * A value below which the objective is declared unbounded and the run stops with
     * {@link OptimizationStatus#UNBOUNDED} (default {@code −∞}: only a value of {@code −∞} counts).
     */
    public B lowerLimit(double limit) {
        this.lowerLimit = limit;
        return self();
    }

    /** A listener called after every iteration, or null (default). */
    public B listener(IterationListener listener) {
        this.listener = listener;
        return self();
    }

    /** Whether the result keeps the per-iteration history (default true). */
    public B recordHistory(boolean record) {
        this.recordHistory = record;
        return self();
    }

    /** The shared settings, as the run loops read them; call after the checks. */
    StoppingRules stoppingRules() {
        return new StoppingRules(
                maxIterations,
                maxEvaluations,
                gradientTolerance,
                valueTolerance,
                true,
                lowerLimit,
                listener,
                recordHistory);
    }

    /** Checks {@code maxIterations >= 0} and {@code maxEvaluations >= 1}. */
    void checkLimits() {
        Checks.atLeast(maxIterations, 0, kind, "maxIterations");
        Checks.atLeast(maxEvaluations, 1, kind, "maxEvaluations");
    }

    /** Checks that the gradient and value tolerances are {@code >= 0} and finite. */
    void checkTolerances() {
        Checks.nonNegative(gradientTolerance, kind, "gradientTolerance");
        Checks.nonNegative(valueTolerance, kind, "valueTolerance");
    }

    /** Checks that the lower limit is neither NaN nor {@code +∞}. */
    void checkLowerLimit() {
        if (Double.isNaN(lowerLimit) || lowerLimit == Double.POSITIVE_INFINITY) {
            throw new InvalidArgumentException(kind + ": lowerLimit must not be NaN or +infinity, got " + lowerLimit);
        }
    }
}
