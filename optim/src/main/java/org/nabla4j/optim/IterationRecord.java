package org.nabla4j.optim;

/**
 * Progress of a deterministic minimization after one iteration: iteration {@code 0} is the starting point.
 *
 * @param iteration the number of accepted steps so far
 * @param value the objective {@code f(x)} at the current point
 * @param gradientNorm {@code ‖∇f(x)‖∞} at the current point; the projected gradient's norm for {@link Lbfgs} with
 *     bounds
 * @param evaluations the number of objective-and-gradient evaluations so far
 */
public record IterationRecord(int iteration, double value, double gradientNorm, int evaluations) {}
