package org.nabla4j.integrate;

import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;

/**
 * A definite integral computed on a {@link GradientTape}, by {@link DifferentiableQuadrature}.
 *
 * <p>{@code value} is the rank-0 {@code Var} {@code Σ w_i f(x_i; θ)} of the quadrature formula the integrator ended
 * with: differentiating it with {@link GradientTape#gradient} gives the exact derivative of that formula with respect
 * to the parameters {@code θ} the integrand depends on. {@code diagnostics} describes how the formula was chosen: its
 * value (equal to {@code value.item()} up to rounding), error estimate, evaluation count and status. The error
 * estimate refers to the value only; the gradient carries no error estimate of its own (see
 * {@link DifferentiableQuadrature} for when it is accurate).
 *
 * @param value the integral as a rank-0 {@code Var} on the tape, owned by the tape
 * @param diagnostics the result of the integration that chose the nodes
 */
public record DifferentiableIntegral(Var value, QuadratureResult diagnostics) {
    /**
     * Validates the components.
     *
     * @param value the integral as a rank-0 {@code Var}
     * @param diagnostics the result of the integration
     * @throws org.nabla4j.core.InvalidArgumentException if an argument is null
     */
    public DifferentiableIntegral {
        Checks.notNull(value, "DifferentiableIntegral", "value");
        Checks.notNull(diagnostics, "DifferentiableIntegral", "diagnostics");
    }

    /**
     * Tells whether the integration that chose the nodes met its tolerance.
     *
     * @return true exactly when the diagnostics' status is {@link QuadratureStatus#CONVERGED}
     */
    public boolean isConverged() {
        return diagnostics.isConverged();
    }
}
