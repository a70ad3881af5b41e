package org.nabla4j.optim;

import org.nabla4j.core.InvalidArgumentException;

/**
 * A learning rate as a function of the step count: {@code γ = learningRate(t)}, where {@code t} is the number of
 * steps applied before the one about to run ({@code t = 0} for the first step). Installed on an optimizer with
 * {@link Optimizer#setSchedule}; because it is a pure function of the step count, a restored optimizer with the same
 * schedule continues exactly where the saved one stopped. For a schedule driven by a validation metric see
 * {@link ReduceLrOnPlateau}.
 *
 * <p>The factories mirror PyTorch's schedulers stepped once per optimizer step. Implementations must return a finite
 * value {@code >= 0}; an optimizer that receives anything else throws {@link InvalidArgumentException}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for the step that follows {@code step} applied steps ({@code step >= 0}). */
    double learningRate(long step);

    /**
     * {@code γ(t) = lr}.
     *
     * @throws InvalidArgumentException if {@code lr < 0} or not finite
     */
    static LearningRateSchedule constant(double lr) {
        return new Schedules.Constant(lr);
    }

    /**
     * Step decay (PyTorch's {@code StepLR}): {@code γ(t) = initialLr · gamma^⌊t / stepSize⌋}.
     *
     * @throws InvalidArgumentException if {@code initialLr < 0}, {@code stepSize < 1}, {@code gamma <= 0}, or a
     *     value is not finite
     */
    static LearningRateSchedule step(double initialLr, long stepSize, double gamma) {
        return new Schedules.StepDecay(initialLr, stepSize, gamma);
    }

    /**
     * Exponential decay (PyTorch's {@code ExponentialLR}): {@code γ(t) = initialLr · gamma^t}.
     *
     * @throws InvalidArgumentException if {@code initialLr < 0}, {@code gamma <= 0}, or a value is not finite
     */
    static LearningRateSchedule exponential(double initialLr, double gamma) {
        return new Schedules.Exponential(initialLr, gamma);
    }

    /**
     * Linear warm-up followed by cosine annealing:
     *
     * <pre>
     * γ(t) = peakLr · (t + 1) / warmupSteps                                  for t &lt; warmupSteps
     * γ(t) = minLr + (peakLr − minLr) · (1 + cos(π p)) / 2,
     *        p = (t − warmupSteps) / (totalSteps − warmupSteps)              for warmupSteps ≤ t &lt; totalSteps
     * γ(t) = minLr                                                           for t ≥ totalSteps
     * </pre>
     *
     * <p>The warm-up reaches {@code peakLr} on its last step and never uses a zero rate; {@code warmupSteps = 0}
     * gives plain cosine annealing (PyTorch's {@code CosineAnnealingLR} with {@code T_max = totalSteps}).
     *
     * @throws InvalidArgumentException if {@code peakLr < 0}, {@code minLr} is outside {@code [0, peakLr]},
     *     {@code warmupSteps < 0}, {@code totalSteps <= warmupSteps}, or a value is not finite
     */
    static LearningRateSchedule cosineWithWarmup(double peakLr, long warmupSteps, long totalSteps, double minLr) {
        return new Schedules.CosineWithWarmup(peakLr, warmupSteps, totalSteps, minLr);
    }
}
