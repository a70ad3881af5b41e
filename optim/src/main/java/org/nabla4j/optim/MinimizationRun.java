package org.nabla4j.optim;

import java.util.List;

/** The outcome of a line-search method on flat vectors, before conversion to an {@link OptimizationResult}. */
record MinimizationRun(
        double[] x,
        double value,
        double[] gradient,
        int iterations,
        int evaluations,
        OptimizationStatus status,
        List<IterationRecord> history) {

    OptimizationResult toResult(AutodiffObjective objective) {
        return new OptimizationResult(
                objective.tensor(x), value, Vectors.normInf(gradient), iterations, evaluations, status, history);
    }
}
