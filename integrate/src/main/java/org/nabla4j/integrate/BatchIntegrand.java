package org.nabla4j.integrate;

import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * An integrand evaluated on many points in one call, so that a backend computes all nodes of a quadrature rule at
 * once: {@code values[i] = f(nodes[i])}.
 *
 * <p>The integrators that accept a batched integrand ({@code integrateBatched} of {@link GaussKronrodIntegrator},
 * {@link TanhSinhIntegrator} and {@link Quadrature}, and {@link Quadrature#gaussLegendreBatched}) call it once per
 * rule application, with a 1-D tensor of shape {@code [n]} holding the nodes, created on the backend and in the dtype
 * the caller chose ({@link org.nabla4j.core.DType#FLOAT64} on {@link org.nabla4j.core.Backends#defaultBackend()} by
 * default). The function returns a 1-D tensor of the same shape {@code [n]}; its dtype and backend may differ, since
 * its values are only read. Any other shape is rejected with a {@link ShapeMismatchException} naming the expected and
 * the actual shape. Non-finite values are reported in the result's status
 * ({@link QuadratureStatus#NON_FINITE_INTEGRAND}, naming the first such node), as for scalar integrands.
 *
 * <p><b>Memory.</b> Each call runs inside its own {@link org.nabla4j.core.TensorScope}: the nodes tensor and every
 * tensor created during the call, including the returned one, are closed when the integrator has read the values.
 * Tensors created before the call and merely used (or returned) inside it are left alone. A function that wants to
 * keep a tensor it creates must pass it to {@code TensorScope.current().keep(...)}.
 */
@FunctionalInterface
public interface BatchIntegrand {
    /**
     * Evaluates the integrand at every node.
     *
     * @param nodes 1-D tensor of shape {@code [n]}, {@code n >= 1}; owned by the integrator, do not close or modify it
     * @return 1-D tensor of shape {@code [n]} with the integrand values, element {@code i} for node {@code i}
     */
    Tensor apply(Tensor nodes);
}
