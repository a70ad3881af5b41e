package org.nabla4j.optim;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Lowers an optimizer's learning rate when a monitored metric stops improving: PyTorch's {@code ReduceLROnPlateau}.
 * Call {@link #step(double)} once per evaluation (typically per epoch) with the metric.
 *
 * <p>Rule, with {@code best} starting at {@code +∞} (mode {@link Mode#MIN}) or {@code −∞} ({@link Mode#MAX}):
 *
 * <pre>
 * if metric is better than best:  best ← metric, bad ← 0      else: bad ← bad + 1
 * if cooldown counter > 0:        cooldown counter ← cooldown counter − 1, bad ← 0
 * if bad > patience:
 *     γ_new ← max(γ · factor, minLr);  if γ − γ_new > eps: γ ← γ_new
 *     cooldown counter ← cooldown, bad ← 0
 * </pre>
 *
 * <p>"Better" in mode MIN is {@code metric < best · (1 − threshold)} for {@link ThresholdMode#RELATIVE} and
 * {@code metric < best − threshold} for {@link ThresholdMode#ABSOLUTE}; in mode MAX, {@code metric > best ·
 * (1 + threshold)} and {@code metric > best + threshold}. A NaN metric is never better. The learning rate is changed
 * with {@link Optimizer#setLearningRate}, so the optimizer must not have a {@link LearningRateSchedule} installed.
 * The scheduler's own state ({@link #state()}, {@link #restore(State)}) is separate from the optimizer's.
 */
public final class ReduceLrOnPlateau {
    /** Whether the metric should decrease (a loss) or increase (an accuracy). */
    public enum Mode {
        /** Lower is better. */
        MIN,
        /** Higher is better. */
        MAX
    }

    /** How {@code threshold} is compared with the best metric. */
    public enum ThresholdMode {
        /** Relative improvement: {@code best · (1 ∓ threshold)}. */
        RELATIVE,
        /** Absolute improvement: {@code best ∓ threshold}. */
        ABSOLUTE
    }

    /**
     * The scheduler's mutable state: the best metric so far, the number of consecutive steps without improvement
     * and the remaining cooldown steps.
     */
    public record State(double best, int badSteps, int cooldownCounter) {}

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final int cooldown;
    private final double minLr;
    private final double eps;
    private double best;
    private int bad;
    private int cooldownCounter;

    private ReduceLrOnPlateau(Builder b, Optimizer optimizer) {
        this.optimizer = optimizer;
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.eps = b.eps;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * A builder with PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold 1e-4 relative, cooldown 0,
     * minimum learning rate 0, eps 1e-8.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one value of the metric and lowers the learning rate if it has not improved for more than
     * {@code patience} calls.
     *
     * @return true when this call lowered the learning rate
     * @throws InvalidArgumentException if a schedule has been installed on the optimizer
     */
    public boolean step(double metric) {
        if (isBetter(metric)) {
            best = metric;
            bad = 0;
        } else {
            bad++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            bad = 0;
        }
        if (bad > patience) {
            cooldownCounter = cooldown;
            bad = 0;
            double old = optimizer.learningRate();
            double updated = Math.max(old * factor, minLr);
            if (old - updated > eps) {
                optimizer.setLearningRate(updated);
                return true;
            }
        }
        return false;
    }

    private boolean isBetter(double metric) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.RELATIVE
                    ? metric < best * (1 - threshold)
                    : metric < best - threshold;
        }
        return thresholdMode == ThresholdMode.RELATIVE ? metric > best * (1 + threshold) : metric > best + threshold;
    }

    /** The best metric seen so far ({@code ±∞} before the first call). */
    public double best() {
        return best;
    }

    /** A snapshot of the scheduler state, to save alongside the optimizer state. */
    public State state() {
        return new State(best, bad, cooldownCounter);
    }

    /**
     * Restores a snapshot taken with {@link #state()}.
     *
     * @throws InvalidArgumentException if {@code state} is null, its best value is NaN or a counter is negative
     */
    public void restore(State state) {
        Checks.notNull(state, "ReduceLrOnPlateau.restore", "state");
        if (Double.isNaN(state.best()) || state.badSteps() < 0 || state.cooldownCounter() < 0) {
            throw new InvalidArgumentException("ReduceLrOnPlateau.restore: invalid state " + state);
        }
        best = state.best();
        bad = state.badSteps();
        cooldownCounter = state.cooldownCounter();
    }

    /** Builder of {@link ReduceLrOnPlateau}; settings are validated by {@link #build}. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.RELATIVE;
        private int cooldown;
        private double minLr;
        private double eps = 1e-8;

        private Builder() {}

        /** Whether lower or higher metrics are better (default {@link Mode#MIN}). */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Multiplier applied to the learning rate, in {@code (0, 1)} (default 0.1). */
        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Number of calls without improvement tolerated before reducing, {@code >= 0} (default 10). */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Minimum significant improvement, {@code >= 0}, and how it is measured (default 1e-4, relative). */
        public Builder threshold(double threshold, ThresholdMode thresholdMode) {
            this.threshold = threshold;
            this.thresholdMode = thresholdMode;
            return this;
        }

        /** Calls to wait after a reduction before counting bad calls again, {@code >= 0} (default 0). */
        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Lower limit of the learning rate, {@code >= 0} (default 0). */
        public Builder minLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        /** Reductions smaller than {@code eps >= 0} are ignored (default 1e-8). */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Creates the scheduler for {@code optimizer}.
         *
         * @throws InvalidArgumentException naming the setting if {@code factor} is outside {@code (0, 1)}, a count
         *     or threshold is negative, a value is not finite, a mode is null, the optimizer is null, or it has a
         *     schedule installed
         */
        public ReduceLrOnPlateau build(Optimizer optimizer) {
            String op = "ReduceLrOnPlateau";
            Checks.notNull(optimizer, op, "optimizer");
            Checks.notNull(mode, op, "mode");
            Checks.notNull(thresholdMode, op, "thresholdMode");
            if (!(factor > 0 && factor < 1)) {
                throw new InvalidArgumentException(op + ": factor must be in (0, 1), got " + factor);
            }
            Checks.atLeast(patience, 0, op, "patience");
            Checks.atLeast(cooldown, 0, op, "cooldown");
            Checks.nonNegative(threshold, op, "threshold");
            Checks.nonNegative(minLr, op, "minLr");
            Checks.nonNegative(eps, op, "eps");
            if (optimizer.schedule() != null) {
                throw new InvalidArgumentException(
                        op + ": the optimizer has a schedule installed (" + optimizer.schedule() + "); remove it");
            }
            return new ReduceLrOnPlateau(this, optimizer);
        }
    }
}
