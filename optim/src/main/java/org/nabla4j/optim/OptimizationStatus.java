package org.nabla4j.optim;

/** Why a deterministic minimization ({@link Lbfgs}, {@link GradientDescent}) ended. */
public enum OptimizationStatus {
    /** The gradient norm {@code ‖∇f(x)‖∞} fell to the gradient tolerance. */
    CONVERGED_GRADIENT,
    /** An accepted step decreased {@code f} by no more than the value tolerance (relative). */
    CONVERGED_VALUE,
    /** An accepted step was no longer than the step tolerance (relative). */
    CONVERGED_STEP,
    /** The iteration limit was reached first. */
    MAX_ITERATIONS,
    /** The evaluation limit was reached first. */
    MAX_EVALUATIONS,
    /**
     * The line search found no acceptable step from the current point (often the point is already as good as
     * floating point allows, or the gradient is inaccurate); the result is the last accepted point.
     */
    LINE_SEARCH_FAILED,
    /**
     * The objective or its gradient was NaN or infinite at a point where the method had to use it (the start, or the
     * new point of a fixed-step method); the result is the last point with finite value and gradient.
     */
    NON_FINITE,
    /** The objective fell below the configured lower limit (or to −∞): it is unbounded below along the path taken. */
    UNBOUNDED,
    /** The {@link IterationListener} asked to stop. */
    STOPPED_BY_LISTENER;

    /** True for the three {@code CONVERGED_*} statuses. */
    public boolean isConverged() {
        return this == CONVERGED_GRADIENT || this == CONVERGED_VALUE || this == CONVERGED_STEP;
    }
}
