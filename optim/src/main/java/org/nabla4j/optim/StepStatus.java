package org.nabla4j.optim;

/** Outcome of one {@link Optimizer#step} call. */
public enum StepStatus {
    /** The update was applied and the step count advanced. */
    APPLIED,
    /** A non-finite loss or gradient was found under {@link NonFinitePolicy#SKIP_STEP}; nothing changed. */
    SKIPPED,
    /**
     * Nothing changed because the optimizer is stopped: this call found a non-finite loss or gradient under
     * {@link NonFinitePolicy#STOP}, or an earlier call did and {@link Optimizer#resume()} has not been called.
     */
    STOPPED
}
