package org.nabla4j.optim;

import org.nabla4j.core.Tensor;

/**
 * An estimate of an extreme eigenvalue of a Hessian from {@link Stability#largestHessianEigenvalue}.
 *
 * @param value the eigenvalue estimate (a Rayleigh quotient {@code vᵀHv} with {@code ‖v‖ = 1})
 * @param vector the corresponding unit eigenvector estimate, shaped like {@code x}, owned by the caller
 * @param iterations the number of Hessian-vector products used
 * @param converged whether the residual {@code ‖Hv − value·v‖₂} fell to the tolerance times {@code |value|} (false
 *     means the estimate is the last iterate after the iteration limit)
 */
public record EigenvalueEstimate(double value, Tensor vector, int iterations, boolean converged) {}
