package org.nabla4j.optim;

import java.util.List;

/**
 * The limits, tolerances, listener and history setting that every line-search {@link Minimizer} applies the same
 * way, validated by {@link MinimizerBuilder} and shared by the minimizers' run loops.
 *
 * @param maxIterations maximum number of accepted steps
 * @param maxEvaluations maximum number of objective-and-gradient evaluations
 * @param gradientTolerance absolute tolerance on {@code ‖∇f(x)‖∞}
 * @param valueTolerance relative tolerance on the decrease of {@code f} per step
 * @param valueTest whether the value test applies at all: off in the inner solves of {@link AugmentedLagrangian},
 *     which must end on stationarity
 * @param lowerLimit a value below which the objective counts as unbounded
 * @param listener called after every iteration, or null
 * @param recordHistory whether the per-iteration records are kept
 */
record StoppingRules(
        int maxIterations,
        int maxEvaluations,
        double gradientTolerance,
        double valueTolerance,
        boolean valueTest,
        double lowerLimit,
        IterationListener listener,
        boolean recordHistory) {

    /**
     * These rules for an inner solve: the given gradient tolerance, iteration limit and lower limit, no value test
     * and no listener.
     */
    StoppingRules forInnerSolve(double gtol, int iterationLimit, double valueLowerLimit) {
        return new StoppingRules(
                iterationLimit, maxEvaluations, gtol, valueTolerance, false, valueLowerLimit, null, recordHistory);
    }

    /** {@code MAX_ITERATIONS} or {@code MAX_EVALUATIONS} when a limit is reached before the next step, else null. */
    OptimizationStatus beforeIteration(int iterations, int evaluations) {
        if (iterations >= maxIterations) {
            return OptimizationStatus.MAX_ITERATIONS;
        }
        return evaluations >= maxEvaluations ? OptimizationStatus.MAX_EVALUATIONS : null;
    }

    /** Why a line search found no acceptable point: the evaluation budget ran out, or the search failed. */
    OptimizationStatus lineSearchFailure(int evaluations) {
        return evaluations >= maxEvaluations
                ? OptimizationStatus.MAX_EVALUATIONS
                : OptimizationStatus.LINE_SEARCH_FAILED;
    }

    /**
     * Records {@code rec} (when history is kept), calls the listener, and applies the shared tests in order: the
     * listener asked to stop ({@code STOPPED_BY_LISTENER}), {@code ‖∇f‖∞ ≤ gradientTolerance} ({@code
     * CONVERGED_GRADIENT}), then {@code 0 ≤ fPrev − f ≤ valueTolerance · max(|fPrev|, |f|)} ({@code
     * CONVERGED_VALUE}).
     *
     * @param fPrev the value before the step, or NaN at the starting point (no value test)
     * @return the status that ends the run, or null to go on
     */
    OptimizationStatus afterIteration(IterationRecord rec, List<IterationRecord> history, double fPrev) {
        if (recordHistory) {
            history.add(rec);
        }
        double f = rec.value();
        double decrease = fPrev - f;
        if (listener != null && !listener.onIteration(rec)) {
            return OptimizationStatus.STOPPED_BY_LISTENER;
        } else if (rec.gradientNorm() <= gradientTolerance) {
            return OptimizationStatus.CONVERGED_GRADIENT;
        } else if (valueTest && decrease >= 0 && decrease <= valueTolerance * Math.max(Math.abs(fPrev), Math.abs(f))) {
            return OptimizationStatus.CONVERGED_VALUE;
        }
        return null;
    }
}
