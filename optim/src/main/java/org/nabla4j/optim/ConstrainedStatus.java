package org.nabla4j.optim;

/** Why a constrained solve ({@link AugmentedLagrangian}) ended. */
public enum ConstrainedStatus {
    /**
     * The KKT conditions hold to the tolerances: primal feasibility, stationarity of the Lagrangian and
     * complementarity. Never reported for a point that violates the constraints by more than the feasibility
     * tolerance.
     */
    CONVERGED,
    /**
     * Local infeasibility: the penalty grew past its infeasibility threshold while the constraint violation stalled
     * at a stationary point of the violation measure {@code ½‖h‖² + ½‖max(0, g)‖²} (bounds included); the result is
     * that point, which locally minimizes the violation.
     */
    INFEASIBLE,
    /** The objective decreased without bound (below the unboundedness threshold) at a feasible point. */
    UNBOUNDED,
    /** The outer-iteration limit was reached before convergence. */
    MAX_ITERATIONS,
    /** The evaluation limit was reached before convergence. */
    MAX_EVALUATIONS,
    /** The objective, a constraint or a gradient was NaN or infinite where it had to be used. */
    NON_FINITE
}
