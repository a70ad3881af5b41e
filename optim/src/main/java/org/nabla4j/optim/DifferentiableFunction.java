package org.nabla4j.optim;

/** A smooth function on flat {@code double[]} vectors with its gradient: what the line-search methods work on. */
@FunctionalInterface
interface DifferentiableFunction {
    /** Returns {@code f(x)} and writes {@code ∇f(x)} into {@code gradient} (same length as {@code x}). */
    double evaluate(double[] x, double[] gradient);
}
