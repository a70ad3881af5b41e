package org.nabla4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * Deterministic gradient descent {@code x_{k+1} = x_k − α_k ∇f(x_k)}, with either a fixed step {@code α_k = α} or
 * Armijo backtracking.
 *
 * <ul>
 *   <li><b>Fixed step</b> ({@link Builder#fixedStep}): the classical iteration of the calculus view, {@code w_{t+1} =
 *       w_t − η ∇L(w_t)}. Near a minimum with Hessian eigenvalues {@code λ_i > 0} it converges exactly when
 *       {@code 0 < α < 2/λ_max} (see {@link Stability}); above that it diverges, and the run ends with
 *       {@link OptimizationStatus#NON_FINITE} (value or gradient overflowed; the last finite point is returned) or
 *       {@code MAX_ITERATIONS}.
 *   <li><b>Backtracking</b> ({@link Builder#backtracking}, the default): each iteration tries {@code α = α0, ρ α0,
 *       ρ² α0, ...} until the Armijo condition {@code f(x − α g) ≤ f(x) − c1 α ‖g‖₂²} holds (at most 60 trials; a
 *       NaN or infinite trial value counts as a failure); if none does, the run ends with
 *       {@link OptimizationStatus#LINE_SEARCH_FAILED}.
 * </ul>
 *
 * <p>Stopping tests after each step, in this order: {@code ‖∇f(x)‖∞ ≤ gradientTolerance} ({@code
 * CONVERGED_GRADIENT}); {@code 0 ≤ f_prev − f ≤ valueTolerance · max(|f_prev|, |f|)} ({@code CONVERGED_VALUE}; with
 * the default tolerance 0, a step that leaves {@code f} unchanged); a value below the lower limit ({@code
 * UNBOUNDED}); the iteration and evaluation limits.
 */
public final class GradientDescent implements Minimizer {
    private static final int MAX_BACKTRACKS = 60;

    private final boolean fixed;
    private final double step;
    private final double shrink;
    private final double c1;
    private final StoppingRules rules;

    private GradientDescent(Builder b) {
        this.fixed = b.fixed;
        this.step = b.step;
        this.shrink = b.shrink;
        this.c1 = b.c1;
        this.rules = b.stoppingRules();
    }

    /**
     * A builder with the defaults: backtracking from {@code α0 = 1} with {@code ρ = 0.5}, {@code c1 = 1e-4}; 10000
     * iterations; 1000000 evaluations; gradient tolerance 1e-8; value tolerance 0; no lower limit; no listener;
     * history recorded.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public OptimizationResult minimize(Function<Var, Var> objective, Tensor x0) {
        AutodiffObjective fn = new AutodiffObjective(objective, x0, "GradientDescent.minimize");
        return run(fn, x0.toDoubleArray()).toResult(fn);
    }

    MinimizationRun run(DifferentiableFunction fn, double[] start) {
        int maxEvaluations = rules.maxEvaluations();
        double lowerLimit = rules.lowerLimit();
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = fn.evaluate(x, g);
        int evals = 1;
        int iter = 0;
        List<IterationRecord> history = new ArrayList<>();
        MinimizationRun early = MinimizationRun.atBadStart(x, f, g, evals, lowerLimit, history);
        if (early != null) {
            return early;
        }
        OptimizationStatus status =
                rules.afterIteration(new IterationRecord(0, f, Vectors.normInf(g), evals), history, Double.NaN);
        double[] gNew = new double[n];
        while (status == null) {
            status = rules.beforeIteration(iter, evals);
            if (status != null) {
                break;
            }
            double[] xNew;
            double fNew;
            if (fixed) {
                xNew = Vectors.axpy(x, -step, g);
                fNew = fn.evaluate(xNew, gNew);
                evals++;
            } else {
                double gg = Vectors.dot(g, g);
                double alpha = step;
                xNew = null;
                fNew = Double.NaN;
                for (int k = 0; k < MAX_BACKTRACKS && evals < maxEvaluations; k++, alpha *= shrink) {
                    double[] trial = Vectors.axpy(x, -alpha, g);
                    double fTrial = fn.evaluate(trial, gNew);
                    evals++;
                    if (fTrial == Double.NEGATIVE_INFINITY || fTrial < lowerLimit) {
                        xNew = trial;
                        fNew = fTrial;
                        break;
                    }
                    if (Double.isFinite(fTrial) && Vectors.allFinite(gNew) && fTrial <= f - c1 * alpha * gg) {
                        xNew = trial;
                        fNew = fTrial;
                        break;
                    }
                }
                if (xNew == null) {
                    status = rules.lineSearchFailure(evals);
                    break;
                }
            }
            if (fNew == Double.NEGATIVE_INFINITY || fNew < lowerLimit) {
                x = xNew;
                f = fNew;
                g = gNew.clone();
                iter++;
                status = OptimizationStatus.UNBOUNDED;
                break;
            }
            // Only a fixed step can land here on a non-finite point: backtracking accepts finite points only.
            if (!Double.isFinite(fNew) || !Vectors.allFinite(gNew)) {
                status = OptimizationStatus.NON_FINITE;
                break;
            }
            double fPrev = f;
            x = xNew;
            f = fNew;
            System.arraycopy(gNew, 0, g, 0, n);
            iter++;
            status = rules.afterIteration(new IterationRecord(iter, f, Vectors.normInf(g), evals), history, fPrev);
        }
        return new MinimizationRun(x, f, g, iter, evals, status, history);
    }

    /** Builder of {@link GradientDescent}; settings are validated by {@link #build}. */
    public static final class Builder extends MinimizerBuilder<Builder> {
        private boolean fixed;
        private double step = 1.0;
        private double shrink = 0.5;
        private double c1 = 1e-4;

        private Builder() {
            super("GradientDescent", 10_000, 1_000_000);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Fixed step {@code α > 0}: no line search, one evaluation per iteration. */
        public Builder fixedStep(double alpha) {
            this.fixed = true;
            this.step = alpha;
            return this;
        }

        /**
         * Armijo backtracking from {@code initialStep > 0}, shrinking by {@code shrink} in {@code (0, 1)}, with
         * sufficient-decrease constant {@code c1} in {@code (0, 1)}.
         */
        public Builder backtracking(double initialStep, double shrink, double c1) {
            this.fixed = false;
            this.step = initialStep;
            this.shrink = shrink;
            this.c1 = c1;
            return this;
        }

        /**
         * Creates the minimizer.
         *
         * @throws InvalidArgumentException naming the setting if the step is not {@code > 0} and finite, the shrink
         *     factor or {@code c1} is outside {@code (0, 1)}, a count or tolerance is out of range, or the lower
         *     limit is NaN or {@code +∞}
         */
        public GradientDescent build() {
            String op = kind;
            Checks.positive(step, op, fixed ? "fixedStep" : "initialStep");
            if (!fixed) {
                if (!(shrink > 0 && shrink < 1)) {
                    throw new InvalidArgumentException(op + ": shrink must be in (0, 1), got " + shrink);
                }
                if (!(c1 > 0 && c1 < 1)) {
                    throw new InvalidArgumentException(op + ": c1 must be in (0, 1), got " + c1);
                }
            }
            checkLimits();
            checkTolerances();
            checkLowerLimit();
            return new GradientDescent(this);
        }
    }
}
