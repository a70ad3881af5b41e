package org.nabla4j.optim;

import java.util.List;

/**
 * The outcome of a line-search method on flat vectors, before conversion to an {@link OptimizationResult}.
 * {@code gradientNorm} is the stationarity measure the method tested: {@code ‖∇f‖∞}, or the projected gradient's norm
 * for a box-constrained run.
 */
record MinimizationRun(
        double[] x,
        double value,
        double[] gradient,
        double gradientNorm,
        int iterations,
        int evaluations,
        OptimizationStatus status,
        List<IterationRecord> history) {

    /** A run whose stationarity measure is {@code ‖gradient‖∞}. */
    MinimizationRun(
            double[] x,
            double value,
            double[] gradient,
            int iterations,
            int evaluations,
            OptimizationStatus status,
            List<IterationRecord> history) {
        this(x, value, gradient, Vectors.normInf(gradient), iterations, evaluations, status, history);
    }

    /**
     * The run that ends at the starting point: {@link OptimizationStatus#UNBOUNDED} if {@code f} is {@code −∞} or
     * below {@code lowerLimit}, {@link OptimizationStatus#NON_FINITE} if {@code f} or {@code g} is not finite, null
     * if the start is fine.
     */
    static MinimizationRun atBadStart(
            double[] x, double f, double[] g, int evals, double lowerLimit, List<IterationRecord> history) {
        if (f == Double.NEGATIVE_INFINITY || f < lowerLimit) {
            return new MinimizationRun(x, f, g, 0, evals, OptimizationStatus.UNBOUNDED, history);
        }
        if (!Double.isFinite(f) || !Vectors.allFinite(g)) {
            return new MinimizationRun(x, f, g, 0, evals, OptimizationStatus.NON_FINITE, history);
        }
        return null;
    }

    OptimizationResult toResult(AutodiffObjective objective) {
        return new OptimizationResult(
                objective.tensor(x), value, gradientNorm, iterations, evaluations, status, history);
    }
}
