package org.nabla4j.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * L-BFGS restricted to a box {@code l ≤ x ≤ u} by projection, so that the objective is only ever evaluated inside
 * the box: {@link Lbfgs} with bounds, and the inner solver of {@link AugmentedLagrangian} when a problem has finite
 * bounds.
 *
 * <p>It is Bertsekas's two-metric projection method with a limited-memory metric. At each iterate the
 * {@code ε}-active set holds the variables within {@code ε = min(1e-3, ‖x − P(x − ∇f)‖∞)} of a bound whose gradient
 * pushes them out of the box; they take a steepest-descent direction and the others the L-BFGS direction of the
 * two-loop recursion over their components. A backtracking line search along the projected path
 * {@code x(α) = P(x + α d)} accepts the first {@code α = α0, α0/2, ...} with the Armijo decrease
 * {@code f(x(α)) ≤ f(x) + c1 ∇f(x)·(x(α) − x)} (or, where rounding hides that decrease, its approximate form; see
 * {@link #acceptable}); a non-finite trial value counts as a failure. A correction pair is kept
 * only when its curvature {@code sᵀy} is positive, so the metric stays positive definite without a Wolfe search.
 *
 * <p>The norm reported in the history and tested against the gradient tolerance is that of the projected gradient
 * {@code x − P(x − ∇f(x))}, which vanishes exactly at the first-order points of the box-constrained problem.
 */
final class ProjectedLbfgs {
    private static final double MAX_ACTIVE_WIDTH = 1e-3;

    private final int historySize;
    private final double c1;
    private final double c2;
    private final int maxBacktracks;
    private final double stepTolerance;

    /**
     * @param historySize number of correction pairs kept
     * @param c1 sufficient-decrease constant of the Armijo test, in {@code (0, 1)}
     * @param c2 slope ratio of the approximate test, in {@code (c1, 1)}
     * @param maxBacktracks most trial points per line search
     * @param stepTolerance relative tolerance on {@code ‖Δx‖∞} ({@code CONVERGED_STEP}), 0 for none
     */
    ProjectedLbfgs(int historySize, double c1, double c2, int maxBacktracks, double stepTolerance) {
        this.historySize = historySize;
        this.c1 = c1;
        this.c2 = c2;
        this.maxBacktracks = maxBacktracks;
        this.stepTolerance = stepTolerance;
    }

    /** {@code x} clamped into {@code [lower, upper]}, in place; returns {@code x}. */
    static double[] project(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
        }
        return x;
    }

    /** {@code ‖x − P(x − g)‖∞}: zero exactly at the first-order points of the box-constrained problem. */
    static double projectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double moved = Math.min(Math.max(x[i] - g[i], lower[i]), upper[i]);
            norm = Math.max(norm, Math.abs(x[i] - moved));
        }
        return norm;
    }

    /** Minimizes {@code fn} over the box from {@code start} (projected first) under {@code stop}. */
    MinimizationRun run(DifferentiableFunction fn, double[] start, double[] lower, double[] upper, StoppingRules stop) {
        int n = start.length;
        int maxEvaluations = stop.maxEvaluations();
        double[] x = project(start.clone(), lower, upper);
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
        double pgNorm = projectedGradientNorm(x, g, lower, upper);
        OptimizationStatus status = stop.afterIteration(new IterationRecord(0, f, pgNorm, evals), history, Double.NaN);
        boolean[] active = new boolean[n];
        double[] gNew = new double[n];
        while (status == null) {
            status = stop.beforeIteration(iter, evals);
            if (status != null) {
                break;
            }
            double width = Math.min(MAX_ACTIVE_WIDTH, pgNorm);
            for (int i = 0; i < n; i++) {
                active[i] = (x[i] - lower[i] <= width && g[i] > 0) || (upper[i] - x[i] <= width && g[i] < 0);
            }
            double[] d = memory.direction(g, active);
            if (!memory.isEmpty() && !(freeSlope(g, d, active) < 0)) {
                memory.clear();
                d = memory.direction(g, active);
            }
            double alpha = !memory.isEmpty() ? 1.0 : Math.min(1.0, 1.0 / Math.max(pgNorm, Double.MIN_NORMAL));
            double[] xNew = null;
            double fNew = Double.NaN;
            boolean unbounded = false;
            for (int k = 0; k < maxBacktracks && evals < maxEvaluations; k++, alpha *= 0.5) {
                double[] trial = project(Vectors.axpy(x, alpha, d), lower, upper);
                double predicted = 0;
                for (int i = 0; i < n; i++) {
                    predicted += g[i] * (trial[i] - x[i]);
                }
                if (!(predicted < 0)) {
                    // The projected step no longer moves x downhill (it is too short to change any component).
                    break;
                }
                double fTrial = fn.evaluate(trial, gNew);
                evals++;
                if (fTrial == Double.NEGATIVE_INFINITY || fTrial < stop.lowerLimit()) {
                    xNew = trial;
                    fNew = fTrial;
                    unbounded = true;
                    break;
                }
                if (Double.isFinite(fTrial)
                        && Vectors.allFinite(gNew)
                        && acceptable(f, fTrial, predicted, gNew, x, trial)) {
                    xNew = trial;
                    fNew = fTrial;
                    break;
                }
            }
            if (xNew == null) {
                if (!memory.isEmpty()) {
                    memory.clear();
                    continue;
                }
                status = stop.lineSearchFailure(evals);
                break;
            }
            if (unbounded) {
                x = xNew;
                f = fNew;
                g = gNew.clone();
                iter++;
                status = OptimizationStatus.UNBOUNDED;
                break;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            memory.push(sk, yk);
            double fPrev = f;
            x = xNew;
            f = fNew;
            System.arraycopy(gNew, 0, g, 0, n);
            iter++;
            pgNorm = projectedGradientNorm(x, g, lower, upper);
            status = stop.afterIteration(new IterationRecord(iter, f, pgNorm, evals), history, fPrev);
            if (status == null && Vectors.normInf(sk) <= stepTolerance * Math.max(1, Vectors.normInf(x))) {
                status = OptimizationStatus.CONVERGED_STEP;
            }
        }
        return new MinimizationRun(x, f, g, projectedGradientNorm(x, g, lower, upper), iter, evals, status, history);
    }

    /**
     * Armijo decrease along the projected path, or, once that can no longer be decided from values of {@code f}
     * near a minimizer, the approximate form that {@link LineSearch} also uses: {@code f} did not rise by more than
     * its rounding ({@code 1e-12 |f|}) and the slope along the step has flattened, {@code |∇f(x_new)·s| ≤ c2
     * |∇f(x)·s|} with {@code s = x_new − x}.
     */
    private boolean acceptable(double f, double fTrial, double predicted, double[] gTrial, double[] x, double[] trial) {
        if (fTrial <= f + c1 * predicted) {
            return true;
        }
        if (fTrial > f + LineSearch.APPROXIMATE_WOLFE_SLACK * Math.abs(f)) {
            return false;
        }
        double slope = 0;
        for (int i = 0; i < x.length; i++) {
            slope += gTrial[i] * (trial[i] - x[i]);
        }
        return Math.abs(slope) <= c2 * Math.abs(predicted);
    }

    private static double freeSlope(double[] g, double[] d, boolean[] active) {
        double slope = 0;
        for (int i = 0; i < g.length; i++) {
            if (!active[i]) {
                slope += g[i] * d[i];
            }
        }
        return slope;
    }
}
