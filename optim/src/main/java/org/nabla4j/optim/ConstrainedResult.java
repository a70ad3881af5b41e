package org.nabla4j.optim;

import org.nabla4j.core.Tensor;

/**
 * Outcome of a constrained solve, with the multipliers of every constraint and the KKT residuals at the returned
 * point. Sign conventions: the Lagrangian is {@code L = f + Σ λ_i h_i + Σ μ_j g_j − z_Lᵀ(x − l) + z_Uᵀ(x − u)} with
 * {@code μ, z_L, z_U ≥ 0}; at a KKT point {@code ∇f + Σ λ_i ∇h_i + Σ μ_j ∇g_j − z_L + z_U = 0}. Multipliers are
 * ordered as the constraints (functions in the order added, each flattened row-major); bound multipliers have one
 * entry per element of {@code x} (zero where there is no bound). The arrays are owned by the result.
 *
 * @param x the final point, a new tensor with the shape, dtype and backend of the starting point
 * @param value {@code f(x)}
 * @param equalityMultipliers {@code λ}, one per equality constraint
 * @param inequalityMultipliers {@code μ ≥ 0}, one per inequality constraint
 * @param lowerBoundMultipliers {@code z_L ≥ 0}, one per element of {@code x}
 * @param upperBoundMultipliers {@code z_U ≥ 0}, one per element of {@code x}
 * @param equalityValues {@code h(x)}
 * @param inequalityValues {@code g(x)}
 * @param kkt the KKT residuals at {@code x} with these multipliers
 * @param outerIterations multiplier updates performed
 * @param innerIterations L-BFGS iterations over all subproblems
 * @param evaluations evaluations of the objective and constraints (with or without gradients)
 * @param penalty the final penalty parameter {@code ρ}
 * @param status why the solve ended
 */
public record ConstrainedResult(
        Tensor x,
        double value,
        double[] equalityMultipliers,
        double[] inequalityMultipliers,
        double[] lowerBoundMultipliers,
        double[] upperBoundMultipliers,
        double[] equalityValues,
        double[] inequalityValues,
        KktResiduals kkt,
        int outerIterations,
        int innerIterations,
        int evaluations,
        double penalty,
        ConstrainedStatus status) {

    /** True when {@link #status()} is {@link ConstrainedStatus#CONVERGED}. */
    public boolean converged() {
        return status == ConstrainedStatus.CONVERGED;
    }
}
