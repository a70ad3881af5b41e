package org.nabla4j.integrate.gauss;

import java.util.Arrays;

/**
 * An immutable quadrature rule: nodes {@code x_i} and weights {@code w_i} such that {@code Σ w_i f(x_i)}
 * approximates {@code ∫ ω(x) f(x) dx} for the domain and weight function {@code ω} of the family that produced the
 * rule (for example {@code [-1, 1]} and {@code ω = 1} for {@link GaussLegendre}).
 *
 * <p>Nodes are sorted in ascending order. A rule only holds numbers; evaluating an integrand at the nodes is the job
 * of the drivers in {@code org.nabla4j.integrate}.
 */
public final class QuadratureRule {
    private final double[] nodes;
    private final double[] weights;

    /** Takes ownership of the arrays: callers inside this package must not keep or modify them. */
    QuadratureRule(double[] nodes, double[] weights) {
        if (nodes.length != weights.length) {
            throw new IllegalStateException("nodes and weights differ in length");
        }
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * Returns the number of nodes.
     *
     * @return the number of nodes, at least 1
     */
    public int size() {
        return nodes.length;
    }

    /**
     * Returns node {@code i}; nodes are in ascending order.
     *
     * @param i index in {@code [0, size())}
     * @return the node {@code x_i}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double node(int i) {
        return nodes[i];
    }

    /**
     * Returns the weight of node {@code i}.
     *
     * @param i index in {@code [0, size())}
     * @return the weight {@code w_i}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double weight(int i) {
        return weights[i];
    }

    /**
     * Returns a copy of the nodes, in ascending order.
     *
     * @return a new array of {@link #size()} nodes
     */
    public double[] nodes() {
        return nodes.clone();
    }

    /**
     * Returns a copy of the weights, aligned with {@link #nodes()}.
     *
     * @return a new array of {@link #size()} weights
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Describes the rule; lists the nodes and weights when there are at most eight.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        if (nodes.length <= 8) {
            return "QuadratureRule[nodes=" + Arrays.toString(nodes) + ", weights=" + Arrays.toString(weights) + "]";
        }
        return "QuadratureRule[" + nodes.length + " nodes in [" + nodes[0] + ", " + nodes[nodes.length - 1] + "]]";
    }
}
