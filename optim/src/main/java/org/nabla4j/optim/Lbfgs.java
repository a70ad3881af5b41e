package org.nabla4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm
 * 7.5 with the two-loop recursion 7.4 and the line search of Algorithms 3.5/3.6 with cubic interpolation).
 *
 * <p>Iteration {@code k}: the direction {@code d_k = −H_k ∇f(x_k)} uses the last {@code m} pairs
 * {@code s_i = x_{i+1} − x_i}, {@code y_i = ∇f(x_{i+1}) − ∇f(x_i)} with {@code s_iᵀy_i > 0} and the initial scaling
 * {@code H_k^0 = (sᵀy / yᵀy) I} from the newest pair; the first trial step is {@code 1}; when the memory is empty it
 * is {@code min(1, 1/‖∇f‖∞)} on the first iteration and {@code α_{k-1} ∇f_{k-1}ᵀd_{k-1} / ∇f_kᵀd_k} afterwards
 * (Nocedal and Wright, eq. 3.60). A pair violating the curvature condition is not stored. If a
 * line search fails, the memory is cleared and a steepest-descent step is tried before giving up with
 * {@link OptimizationStatus#LINE_SEARCH_FAILED}.
 *
 * <p>Stopping tests after each accepted step, in this order: {@code ‖∇f(x)‖∞ ≤ gradientTolerance}
 * ({@code CONVERGED_GRADIENT}); {@code 0 ≤ f_prev − f ≤ valueTolerance · max(|f_prev|, |f|)} ({@code CONVERGED_VALUE};
 * with the default tolerance 0 this means the step did not decrease {@code f} at all); {@code ‖x − x_prev‖∞ ≤
 * stepTolerance · max(1, ‖x‖∞)} ({@code CONVERGED_STEP}); then the iteration and evaluation limits. The gradient test
 * is also applied at the starting point.
 *
 * <p><b>Bounds.</b> With {@link Builder#bounds} (or {@code lowerBounds}/{@code upperBounds}) the minimizer keeps
 * {@code l ≤ x ≤ u}: the starting point is projected onto the box and the objective is never evaluated outside it
 * (a box-constrained L-BFGS in the manner of L-BFGS-B). It is then Bertsekas's two-metric projection method: the
 * variables at a bound that the gradient pushes outwards take a steepest-descent step, the others the L-BFGS
 * direction over their components, and a backtracking search along the projected path {@code P(x + α d)} accepts the
 * first {@code α = 1, 1/2, ...} (at most {@code maxLineSearchEvaluations} trials) with Armijo decrease {@code c1}, or,
 * where rounding hides the decrease, with the slope ratio {@code c2} of the approximate Wolfe test. The gradient
 * norm reported in the result and the history, and tested against {@code gradientTolerance}, is then that of the
 * projected gradient {@code ‖x − P(x − ∇f(x))‖∞}, zero exactly at the first-order points of the box-constrained
 * problem; the other stopping tests are unchanged.
 *
 * <p>The vector algebra runs on {@code double[]} in the JVM; each evaluation of the objective runs on the starting
 * point's backend (a FLOAT32 objective is evaluated at the iterate rounded to FLOAT32).
 *
 * <pre>{@code
 * Function<Var, Var> rosenbrock = x -> {
 *     Var a = x.select(0, 0), b = x.select(0, 1);
 *     return a.rsub(1).square().add(b.sub(a.square()).square().mul(100));
 * };
 * OptimizationResult r = Lbfgs.builder().gradientTolerance(1e-10).build()
 *         .minimize(rosenbrock, Tensor.of(new double[] {-1.2, 1}));
 * // r.x() ≈ [1, 1], r.status() == CONVERGED_GRADIENT
 * }</pre>
 */
public final class Lbfgs implements Minimizer {
    private final int historySize;
    private final StoppingRules rules;
    private final double stepTolerance;
    private final double c1;
    private final double c2;
    private final int maxLineSearchEvaluations;
    private final double[] lower;
    private final double[] upper;

    private Lbfgs(Builder b) {
        this.historySize = b.historySize;
        this.rules = b.stoppingRules();
        this.stepTolerance = b.stepTolerance;
        this.c1 = b.c1;
        this.c2 = b.c2;
        this.maxLineSearchEvaluations = b.maxLineSearchEvaluations;
        this.lower = b.lower;
        this.upper = b.upper;
    }

    /**
     * A builder with the defaults: history 10, 1000 iterations, 10000 evaluations, gradient tolerance 1e-8, value
     * and step tolerances 0, {@code c1 = 1e-4}, {@code c2 = 0.9}, 25 evaluations per line search, no lower limit, no
     * listener, history recorded, no bounds.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidArgumentException also if bounds were given and do not have one element per element of
     *     {@code x0}
     */
    @Override
    public OptimizationResult minimize(Function<Var, Var> objective, Tensor x0) {
        String op = "Lbfgs.minimize";
        AutodiffObjective fn = new AutodiffObjective(objective, x0, op);
        double[] start = x0.toDoubleArray();
        if (lower == null && upper == null) {
            return run(fn, start, rules).toResult(fn);
        }
        int n = start.length;
        double[] lo = Bounds.expand(lower, Double.NEGATIVE_INFINITY, n, "lowerBounds", op);
        double[] hi = Bounds.expand(upper, Double.POSITIVE_INFINITY, n, "upperBounds", op);
        ProjectedLbfgs boxed = new ProjectedLbfgs(historySize, c1, c2, maxLineSearchEvaluations, stepTolerance);
        return boxed.run(fn, start, lo, hi, rules).toResult(fn);
    }

    /** These settings' stopping rules, from which an inner solve derives its own. */
    StoppingRules rules() {
        return rules;
    }

    /** Runs on flat vectors under {@code stop}; the other settings are this instance's. */
    MinimizationRun run(DifferentiableFunction fn, double[] start, StoppingRules stop) {
        int maxEvaluations = stop.maxEvaluations();
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = fn.evaluate(x, g);
        int evals = 1;
        int iter = 0;
        List<IterationRecord> history = new ArrayList<>();
        MinimizationRun early = MinimizationRun.atBadStart(x, f, g, evals, stop.lowerLimit(), history);
        if (early != null) {
            return early;
        }
        LbfgsMemory memory = new LbfgsMemory(historySize);
        double lastAlpha = 0;
        double lastSlope = 0;
        double gnorm = Vectors.normInf(g);
        OptimizationStatus status = stop.afterIteration(new IterationRecord(0, f, gnorm, evals), history, Double.NaN);
        while (status == null) {
            status = stop.beforeIteration(iter, evals);
            if (status != null) {
                break;
            }
            double[] d = memory.direction(g, null);
            double slope = Vectors.dot(g, d);
            if (!(slope < 0)) {
                memory.clear();
                d = memory.direction(g, null);
                slope = Vectors.dot(g, d);
            }
            double alpha0;
            if (!memory.isEmpty()) {
                alpha0 = 1.0;
            } else if (lastAlpha > 0) {
                // No curvature information yet: assume the first-order change of f is the same as last step's.
                alpha0 = Math.min(lastAlpha * lastSlope / slope, 1e10 * lastAlpha);
            } else {
                alpha0 = Math.min(1.0, 1.0 / gnorm);
            }
            LineSearch.Result ls = LineSearch.search(
                    fn,
                    x,
                    f,
                    g,
                    d,
                    slope,
                    alpha0,
                    c1,
                    c2,
                    Math.min(maxLineSearchEvaluations, maxEvaluations - evals),
                    stop.lowerLimit());
            evals += ls.evaluations();
            if (ls.outcome() == LineSearch.Outcome.UNBOUNDED) {
                LineSearch.Point p = ls.point();
                x = p.x();
                f = p.f();
                g = p.g();
                iter++;
                status = OptimizationStatus.UNBOUNDED;
                break;
            }
            if (ls.outcome() == LineSearch.Outcome.FAILED) {
                if (!memory.isEmpty() || lastAlpha > 0) {
                    memory.clear();
                    lastAlpha = 0;
                    continue;
                }
                status = stop.lineSearchFailure(evals);
                break;
            }
            LineSearch.Point p = ls.point();
            lastAlpha = p.alpha();
            lastSlope = slope;
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = p.x()[i] - x[i];
                yk[i] = p.g()[i] - g[i];
            }
            memory.push(sk, yk);
            double fPrev = f;
            x = p.x();
            f = p.f();
            g = p.g();
            iter++;
            gnorm = Vectors.normInf(g);
            status = stop.afterIteration(new IterationRecord(iter, f, gnorm, evals), history, fPrev);
            if (status == null && Vectors.normInf(sk) <= stepTolerance * Math.max(1, Vectors.normInf(x))) {
                status = OptimizationStatus.CONVERGED_STEP;
            }
        }
        return new MinimizationRun(x, f, g, iter, evals, status, history);
    }

    /** Builder of {@link Lbfgs}; settings are validated by {@link #build}. */
    public static final class Builder extends MinimizerBuilder<Builder> {
        private int historySize = 10;
        private double stepTolerance;
        private double c1 = 1e-4;
        private double c2 = 0.9;
        private int maxLineSearchEvaluations = 25;
        private double[] lower;
        private double[] upper;

        private Builder() {
            super("Lbfgs", 1000, 10_000);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Number {@code m >= 1} of correction pairs kept (default 10). */
        public Builder historySize(int m) {
            this.historySize = m;
            return this;
        }

        /** Relative tolerance on the step length {@code ‖Δx‖∞}, {@code >= 0} (default 0: off). */
        public Builder stepTolerance(double tolerance) {
            this.stepTolerance = tolerance;
            return this;
        }

        /** Wolfe constants {@code 0 < c1 < c2 < 1} (default 1e-4 and 0.9). */
        public Builder wolfeConstants(double c1, double c2) {
            this.c1 = c1;
            this.c2 = c2;
            return this;
        }

        /** Maximum evaluations in one line search, {@code >= 1} (default 25). */
        public Builder maxLineSearchEvaluations(int max) {
            this.maxLineSearchEvaluations = max;
            return this;
        }

        /**
         * Lower bounds {@code l}, one per element of {@code x} in row-major order ({@code −∞} for none); see the
         * class documentation for how bounds are kept.
         */
        public Builder lowerBounds(double... lower) {
            this.lower = Checks.notNull(lower, kind, "lowerBounds").clone();
            return this;
        }

        /** Upper bounds {@code u}, one per element of {@code x} in row-major order ({@code +∞} for none). */
        public Builder upperBounds(double... upper) {
            this.upper = Checks.notNull(upper, kind, "upperBounds").clone();
            return this;
        }

        /** Both bounds at once; see {@link #lowerBounds} and {@link #upperBounds}. */
        public Builder bounds(double[] lower, double[] upper) {
            return lowerBounds(lower).upperBounds(upper);
        }

        /**
         * Creates the minimizer.
         *
         * @throws InvalidArgumentException naming the setting if a count or tolerance is out of its range, the
         *     Wolfe constants do not satisfy {@code 0 < c1 < c2 < 1}, the lower limit is NaN or {@code +∞}, or the
         *     bounds are invalid (NaN, a lower bound of {@code +∞} or an upper bound of {@code −∞}, arrays of
         *     different lengths, or {@code lower[i] > upper[i]})
         */
        public Lbfgs build() {
            String op = kind;
            Checks.atLeast(historySize, 1, op, "historySize");
            checkLimits();
            Checks.atLeast(maxLineSearchEvaluations, 1, op, "maxLineSearchEvaluations");
            checkTolerances();
            Checks.nonNegative(stepTolerance, op, "stepTolerance");
            if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
                throw new InvalidArgumentException(
                        op + ": Wolfe constants must satisfy 0 < c1 < c2 < 1, got c1=" + c1 + ", c2=" + c2);
            }
            checkLowerLimit();
            Bounds.validate(op, lower, upper);
            return new Lbfgs(this);
        }
    }
}
