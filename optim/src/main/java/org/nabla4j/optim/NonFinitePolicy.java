package org.nabla4j.optim;

/**
 * What an {@link Optimizer} does when a step receives a NaN or infinite loss or gradient element. Under either policy
 * the parameters and the optimizer state are left exactly as they were and no exception is thrown.
 */
public enum NonFinitePolicy {
    /**
     * Skip this step: nothing changes, the step count does not advance, {@link StepStatus#SKIPPED} is returned and
     * the next step is processed normally (the policy of mixed-precision loss scaling).
     */
    SKIP_STEP,
    /**
     * Stop: nothing changes, {@link StepStatus#STOPPED} is returned and the optimizer enters the stopped state, in
     * which every later step returns {@code STOPPED} without effect until {@link Optimizer#resume()}.
     */
    STOP
}
