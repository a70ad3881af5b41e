package org.nabla4j.optim;

/**
 * Receives the progress of a deterministic minimization after every iteration (and once for the starting point) and
 * may stop it. A stopped run reports {@link OptimizationStatus#STOPPED_BY_LISTENER} with the current point.
 *
 * <pre>{@code
 * Lbfgs.builder().listener(r -> {
 *     System.out.printf("%d  f=%.6g  |g|=%.2e%n", r.iteration(), r.value(), r.gradientNorm());
 *     return r.evaluations() < 500;   // false stops the run
 * })
 * }</pre>
 */
@FunctionalInterface
public interface IterationListener {
    /**
     * Called after each iteration.
     *
     * @return true to continue, false to stop the run now
     */
    boolean onIteration(IterationRecord record);
}
