package org.nabla4j.optim;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/** The implementations behind the {@link LearningRateSchedule} factories. */
final class Schedules {
    private Schedules() {}

    private static void checkStep(long step) {
        if (step < 0) {
            throw new InvalidArgumentException("learningRate: step must be >= 0, got " + step);
        }
    }

    record Constant(double lr) implements LearningRateSchedule {
        Constant {
            Checks.nonNegative(lr, "LearningRateSchedule.constant", "lr");
        }

        @Override
        public double learningRate(long step) {
            checkStep(step);
            return lr;
        }
    }

    record StepDecay(double initialLr, long stepSize, double gamma) implements LearningRateSchedule {
        StepDecay {
            Checks.nonNegative(initialLr, "LearningRateSchedule.step", "initialLr");
            if (stepSize < 1) {
                throw new InvalidArgumentException("LearningRateSchedule.step: stepSize must be >= 1, got " + stepSize);
            }
            Checks.positive(gamma, "LearningRateSchedule.step", "gamma");
        }

        @Override
        public double learningRate(long step) {
            checkStep(step);
            return initialLr * Math.pow(gamma, (double) (step / stepSize));
        }
    }

    record Exponential(double initialLr, double gamma) implements LearningRateSchedule {
        Exponential {
            Checks.nonNegative(initialLr, "LearningRateSchedule.exponential", "initialLr");
            Checks.positive(gamma, "LearningRateSchedule.exponential", "gamma");
        }

        @Override
        public double learningRate(long step) {
            checkStep(step);
            return initialLr * Math.pow(gamma, (double) step);
        }
    }

    record CosineWithWarmup(double peakLr, long warmupSteps, long totalSteps, double minLr)
            implements LearningRateSchedule {
        CosineWithWarmup {
            String op = "LearningRateSchedule.cosineWithWarmup";
            Checks.nonNegative(peakLr, op, "peakLr");
            Checks.inRange(minLr, 0, peakLr, op, "minLr");
            if (warmupSteps < 0) {
                throw new InvalidArgumentException(op + ": warmupSteps must be >= 0, got " + warmupSteps);
            }
            if (totalSteps <= warmupSteps) {
                throw new InvalidArgumentException(
                        op + ": totalSteps must be > warmupSteps (" + warmupSteps + "), got " + totalSteps);
            }
        }

        @Override
        public double learningRate(long step) {
            checkStep(step);
            if (step < warmupSteps) {
                return peakLr * (step + 1) / warmupSteps;
            }
            if (step >= totalSteps) {
                return minLr;
            }
            double p = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
            return minLr + (peakLr - minLr) * (1 + Math.cos(Math.PI * p)) / 2;
        }
    }
}
