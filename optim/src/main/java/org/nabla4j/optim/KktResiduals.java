package org.nabla4j.optim;

/**
 * How far a point and its multipliers are from satisfying the Karush–Kuhn–Tucker conditions of
 * {@code min f(x) s.t. h(x) = 0, g(x) ≤ 0, l ≤ x ≤ u}, all in the infinity norm:
 *
 * <pre>
 * stationarity       ‖∇f(x) + Σ λ_i ∇h_i(x) + Σ μ_j ∇g_j(x) − z_L + z_U‖∞
 * primalFeasibility  max(‖h(x)‖∞, ‖max(0, g(x))‖∞, ‖max(0, l − x)‖∞, ‖max(0, x − u)‖∞)
 * complementarity    max(|μ_j g_j(x)|, |z_L,i (x_i − l_i)|, |z_U,i (u_i − x_i)|)
 * </pre>
 *
 * <p>Dual feasibility ({@code μ, z_L, z_U ≥ 0}) holds by construction in {@link AugmentedLagrangian}.
 *
 * @param stationarity the norm of the gradient of the Lagrangian with respect to {@code x}
 * @param primalFeasibility the largest constraint or bound violation
 * @param complementarity the largest product of an inequality or bound multiplier with its slack
 */
public record KktResiduals(double stationarity, double primalFeasibility, double complementarity) {
    /** The largest of the three residuals. */
    public double max() {
        return Math.max(stationarity, Math.max(primalFeasibility, complementarity));
    }
}
