package org.nabla4j.optim;

/**
 * Receives the progress of a deterministic minimization after every iteration (and once for the starting point) and
 * may stop it. A stopped run reports {@link OptimizationStatus#STOPPED_BY_LISTENER} with the current point.
 *
 * <pre>{@code
 * List<IterationRecord> progress = new ArrayList<>();
 * Lbfgs.builder().listener(r -> {
 *     progress.add(r);                 // e.g. show r.value() and r.gradientNorm() in a progress bar
 *     return r.evaluations() < 500;    // false stops the run
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
