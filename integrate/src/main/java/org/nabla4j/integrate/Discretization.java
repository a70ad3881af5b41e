package org.nabla4j.integrate;

/**
 * The quadrature formula an integrator ended with: {@code result.value() ≈ Σ weights[i] f(nodes[i])} (equal up to
 * rounding for the methods that produce one), the nodes in the original variable and the weights with the Jacobian of
 * any range transformation and the sign of reversed limits folded in. Nodes that were not evaluated because they lie
 * beyond the representable range are left out; they contribute nothing.
 *
 * @param result the diagnostics of the run that chose the nodes
 * @param nodes the points, in the original variable
 * @param weights the weights, aligned with {@code nodes}
 */
record Discretization(QuadratureResult result, double[] nodes, double[] weights) {
    static Discretization empty() {
        return new Discretization(QuadratureResult.empty(), new double[0], new double[0]);
    }
}
