package org.nabla4j.optim;

/**
 * Line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithms 3.5
 * and 3.6), with safeguarded cubic interpolation in both the bracketing and the zoom phase.
 *
 * <p>Along {@code φ(α) = f(x + α d)} with {@code φ'(0) < 0} it looks for {@code α > 0} with
 *
 * <pre>
 * φ(α) ≤ φ(0) + c1 α φ'(0)        (sufficient decrease)
 * |φ'(α)| ≤ c2 |φ'(0)|            (curvature)
 * </pre>
 *
 * <p>Near a minimizer the decrease {@code c1 α |φ'(0)|} that sufficient decrease asks for falls below the rounding
 * error of {@code f}, and the test can no longer be decided from function values. A trial that satisfies the
 * curvature condition and has {@code φ(α) ≤ φ(0) + 1e-12 |φ(0)|} is therefore also accepted: Hager and Zhang's
 * approximate Wolfe conditions (SIAM J. Optim. 16, 2005), which for a strong-Wolfe curvature test with
 * {@code c2 ≤ 1 − 2 c1} reduce to these two. This is what lets the gradient be driven to tolerances like 1e-10.
 *
 * <p>A NaN or infinite trial value is treated as a step that went too far. When the evaluation budget runs out or
 * the bracket collapses, the best point found with sufficient decrease (if any) is returned as
 * {@link Outcome#DECREASE}.
 */
final class LineSearch {
    /** Relative slack on {@code φ(0)} for the approximate Wolfe conditions. */
    static final double APPROXIMATE_WOLFE_SLACK = 1e-12;

    private LineSearch() {}

    enum Outcome {
        /** Both strong Wolfe conditions hold at the returned point. */
        WOLFE,
        /** Only sufficient decrease holds at the returned point (budget exhausted or bracket collapsed). */
        DECREASE,
        /** A trial value fell below the lower limit (or to −∞); the returned point is that trial. */
        UNBOUNDED,
        /** No point with sufficient decrease was found; the returned point is meaningless. */
        FAILED
    }

    /** One evaluated trial point. */
    record Point(double alpha, double[] x, double f, double[] g, double slope) {
        boolean finite() {
            return Double.isFinite(f) && Double.isFinite(slope);
        }
    }

    record Result(Outcome outcome, Point point, int evaluations) {}

    /**
     * @param x the current point; {@code f0}, {@code g0} its value and gradient
     * @param d a descent direction: {@code slope0 = g0·d < 0}
     * @param alpha0 the first trial step, {@code > 0}
     * @param maxEvaluations evaluation budget, {@code >= 1}
     * @param lowerLimit a trial value below this (or {@code −∞}) ends the search with {@link Outcome#UNBOUNDED}
     */
    static Result search(
            DifferentiableFunction fn,
            double[] x,
            double f0,
            double[] g0,
            double[] d,
            double slope0,
            double alpha0,
            double c1,
            double c2,
            int maxEvaluations,
            double lowerLimit) {
        double dNorm = Vectors.normInf(d);
        double xNorm = Vectors.normInf(x);
        Point start = new Point(0, x, f0, g0, slope0);
        Point prev = start;
        Point lo;
        Point hi;
        double alpha = alpha0;
        int evals = 0;
        Point best = null;
        while (true) {
            if (evals >= maxEvaluations) {
                return finish(best, evals);
            }
            Point cur = evaluate(fn, x, d, alpha);
            evals++;
            if (isUnbounded(cur.f, lowerLimit)) {
                return new Result(Outcome.UNBOUNDED, cur, evals);
            }
            if (approximateWolfe(cur, f0, slope0, c2)) {
                return new Result(Outcome.WOLFE, cur, evals);
            }
            if (!cur.finite() || cur.f > f0 + c1 * alpha * slope0 || (prev != start && cur.f >= prev.f)) {
                lo = prev;
                hi = cur;
                break;
            }
            best = cur;
            if (Math.abs(cur.slope) <= -c2 * slope0) {
                return new Result(Outcome.WOLFE, cur, evals);
            }
            if (cur.slope >= 0) {
                lo = cur;
                hi = prev;
                break;
            }
            // Still descending with sufficient decrease: extrapolate, at least 1.1 and at most 10 times as far.
            double step = alpha - prev.alpha;
            double min = alpha + 1.1 * step;
            double max = alpha + 10 * step;
            double next = cubicMinimizer(prev.alpha, prev.f, prev.slope, alpha, cur.f, cur.slope);
            if (!(next >= min && next <= max)) {
                next = max;
            }
            prev = cur;
            alpha = next;
        }
        // Zoom: lo satisfies sufficient decrease and has the lowest value seen in the bracket;
        // the minimizer of φ between lo and hi satisfies the strong Wolfe conditions.
        while (evals < maxEvaluations) {
            double width = Math.abs(hi.alpha - lo.alpha);
            if (width * dNorm <= 0x1p-52 * Math.max(1, xNorm)) {
                break;
            }
            double a = Math.min(lo.alpha, hi.alpha);
            double b = Math.max(lo.alpha, hi.alpha);
            double trial =
                    hi.finite() ? cubicMinimizer(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f, hi.slope) : Double.NaN;
            if (!(trial >= a + 0.1 * width && trial <= b - 0.1 * width)) {
                trial = 0.5 * (lo.alpha + hi.alpha);
            }
            Point cur = evaluate(fn, x, d, trial);
            evals++;
            if (isUnbounded(cur.f, lowerLimit)) {
                return new Result(Outcome.UNBOUNDED, cur, evals);
            }
            if (approximateWolfe(cur, f0, slope0, c2)) {
                return new Result(Outcome.WOLFE, cur, evals);
            }
            if (!cur.finite() || cur.f > f0 + c1 * trial * slope0 || cur.f >= lo.f) {
                hi = cur;
            } else {
                if (Math.abs(cur.slope) <= -c2 * slope0) {
                    return new Result(Outcome.WOLFE, cur, evals);
                }
                if (cur.slope * (hi.alpha - lo.alpha) >= 0) {
                    hi = lo;
                }
                lo = cur;
            }
        }
        return finish(lo.alpha > 0 ? lo : best, evals);
    }

    private static Result finish(Point best, int evals) {
        return best == null || best.alpha <= 0
                ? new Result(Outcome.FAILED, null, evals)
                : new Result(Outcome.DECREASE, best, evals);
    }

    /** Curvature condition, and a value within rounding of {@code φ(0)}; see the class documentation. */
    private static boolean approximateWolfe(Point p, double f0, double slope0, double c2) {
        return p.finite() && Math.abs(p.slope) <= -c2 * slope0 && p.f <= f0 + APPROXIMATE_WOLFE_SLACK * Math.abs(f0);
    }

    private static boolean isUnbounded(double f, double lowerLimit) {
        return f == Double.NEGATIVE_INFINITY || f < lowerLimit;
    }

    private static Point evaluate(DifferentiableFunction fn, double[] x, double[] d, double alpha) {
        double[] xa = Vectors.axpy(x, alpha, d);
        double[] ga = new double[x.length];
        double fa = fn.evaluate(xa, ga);
        return new Point(alpha, xa, fa, ga, Vectors.dot(ga, d));
    }

    /**
     * The minimizer of the cubic that interpolates {@code φ(a) = fa, φ'(a) = da, φ(b) = fb, φ'(b) = db}
     * (Nocedal and Wright, eq. 3.59), or NaN when the cubic has no local minimizer.
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(disc), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }
}
