package org.nabla4j.integrate;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Simpson's rule: composite with a fixed number of panels, and globally adaptive with a tolerance. Simpson's rule is
 * exact for cubics and converges like {@code h⁴} for smooth integrands; prefer {@link GaussKronrodIntegrator} or
 * {@link Quadrature#integrate} unless the simplicity of the rule matters. Limits must be finite.
 */
public final class Simpson {
    private static final double EPS = Math.ulp(1.0);

    private Simpson() {}

    /**
     * Composite Simpson rule with {@code panels} panels of width {@code (b - a)/panels}, each using its two ends and
     * its midpoint: {@code 2·panels + 1} evaluations, exact for cubics.
     *
     * <p>The error estimate is Richardson's {@code |S_h - S_{2h}| / 15} with a safety factor 1.5, that is
     * {@code |S_h - S_{2h}| / 10}, using every other node (no extra evaluations) when {@code panels} is even; for odd
     * {@code panels} it is the distance to the trapezoidal rule on the same nodes, a much more cautious bound. The
     * status is {@link QuadratureStatus#FIXED_RULE}.
     *
     * @param f the integrand, evaluated at both ends
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param panels number of panels, at least 1
     * @return the result
     * @throws InvalidArgumentException if a limit is NaN or infinite, or {@code panels < 1}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult composite(DoubleUnaryOperator f, double a, double b, int panels) {
        String method = "Simpson.composite";
        QuadratureArguments.requireFunction(method, f);
        QuadratureArguments.requireFiniteLimits(method, a, b);
        Checks.atLeast(panels, 1, method, "panels");
        if (a == b) {
            return QuadratureResult.empty();
        }
        int points = 2 * panels + 1;
        double h = (b - a) / (2.0 * panels);
        double[] fx = new double[points];
        for (int i = 0; i < points; i++) {
            double x = i == points - 1 ? b : a + i * h;
            double y = f.applyAsDouble(x);
            if (!Double.isFinite(y)) {
                return new QuadratureResult(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        i + 1,
                        1,
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        "integrand returned " + y + " at x = " + x);
            }
            fx[i] = y;
        }
        double fine = simpsonSum(fx, 1) * h / 3.0;
        double error;
        if (panels % 2 == 0) {
            double coarse = simpsonSum(fx, 2) * 2.0 * h / 3.0;
            // Richardson's estimate would divide by 15; 10 leaves room for the higher-order terms it ignores.
            error = Math.abs(fine - coarse) / 10.0;
        } else {
            double trapezoid = 0.5 * (fx[0] + fx[points - 1]);
            for (int i = 1; i < points - 1; i++) {
                trapezoid += fx[i];
            }
            error = Math.abs(fine - trapezoid * h);
        }
        error = Math.max(error, 2.0 * EPS * Math.abs(fine));
        return new QuadratureResult(
                fine,
                error,
                points,
                panels,
                QuadratureStatus.FIXED_RULE,
                "composite Simpson rule with " + panels + " panels (" + points + " evaluations)");
    }

    /** Σ of Simpson weights (1, 4, 2, 4, ..., 4, 1) over every stride-th value. */
    private static double simpsonSum(double[] fx, int stride) {
        int last = fx.length - 1;
        double sum = fx[0] + fx[last];
        int k = 1;
        for (int i = stride; i < last; i += stride, k++) {
            sum += (k % 2 == 1 ? 4.0 : 2.0) * fx[i];
        }
        return sum;
    }

    /**
     * Adaptive Simpson integration with the default evaluation limit {@link Quadrature#DEFAULT_MAX_EVALUATIONS}.
     *
     * @param f the integrand, evaluated at both ends
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the result
     * @throws InvalidArgumentException if a limit is NaN or infinite, or the tolerances are invalid
     * @throws InvalidArgumentException if {@code f} is null
     * @see #adaptive(DoubleUnaryOperator, double, double, double, double, int)
     */
    public static QuadratureResult adaptive(DoubleUnaryOperator f, double a, double b, double absTol, double relTol) {
        return adaptive(f, a, b, absTol, relTol, Quadrature.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Globally adaptive Simpson integration. Each subinterval carries Simpson's rule on its halves
     * ({@code S₂}) and on the whole ({@code S₁}); its value is the Richardson-improved {@code S₂ + (S₂ - S₁)/15}
     * and its error estimate {@code |S₂ - S₁| / 15}. The subinterval with the largest error is bisected (4 new
     * evaluations) until the sum of errors is at most {@code max(absTol, relTol · |I|)}.
     *
     * @param f the integrand, evaluated at both ends
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least 5; never exceeded
     * @return the result
     * @throws InvalidArgumentException if a limit is NaN or infinite, the tolerances are invalid or
     *     {@code maxEvaluations < 5}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult adaptive(
            DoubleUnaryOperator f, double a, double b, double absTol, double relTol, int maxEvaluations) {
        String method = "Simpson.adaptive";
        QuadratureArguments.requireFunction(method, f);
        QuadratureArguments.requireFiniteLimits(method, a, b);
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        Checks.atLeast(maxEvaluations, 5, method, "maxEvaluations");
        if (a == b) {
            return QuadratureResult.empty();
        }
        QuadratureResult r = new AdaptiveRun(f, maxEvaluations).run(Math.min(a, b), Math.max(a, b), absTol, relTol);
        return a > b ? r.negate() : r;
    }

    /** Subintervals as rows of 5 equally spaced values (ends, quarter points, midpoint) in flat arrays. */
    private static final class AdaptiveRun {
        private final DoubleUnaryOperator f;
        private final int maxEvaluations;
        private long evaluations;
        private double[] lo = new double[64];
        private double[] hi = new double[64];
        private double[] values = new double[5 * 64];
        private double[] area = new double[64];
        private double[] err = new double[64];
        private final ErrorHeap heap = new ErrorHeap();
        private int count;

        AdaptiveRun(DoubleUnaryOperator f, int maxEvaluations) {
            this.f = f;
            this.maxEvaluations = maxEvaluations;
        }

        private double eval(double x) {
            evaluations++;
            return NonFiniteIntegrandException.requireFinite(x, f.applyAsDouble(x));
        }

        QuadratureResult run(double a, double b, double absTol, double relTol) {
            double[] v = new double[5];
            double w = b - a;
            try {
                v[0] = eval(a);
                v[1] = eval(a + 0.25 * w);
                v[2] = eval(0.5 * a + 0.5 * b);
                v[3] = eval(b - 0.25 * w);
                v[4] = eval(b);
            } catch (NonFiniteIntegrandException e) {
                return QuadratureResult.noFiniteEstimate(evaluations, e);
            }
            heap.push(add(a, b, v), err);
            double total = area[0];
            double errSum = err[0];
            while (true) {
                double tolerance = Math.max(absTol, relTol * Math.abs(total));
                if (errSum <= tolerance) {
                    return result(
                            QuadratureStatus.CONVERGED,
                            "converged: error estimate " + errSum + " <= tolerance " + tolerance + " with " + count
                                    + " subintervals");
                }
                if (evaluations + 4 > maxEvaluations) {
                    return result(
                            QuadratureStatus.EVALUATION_LIMIT,
                            "evaluation limit " + maxEvaluations + " reached; error estimate " + errSum
                                    + " against tolerance " + tolerance);
                }
                int id = heap.peek();
                double x0 = lo[id];
                double x4 = hi[id];
                double mid = 0.5 * x0 + 0.5 * x4;
                if (!(x0 < mid && mid < x4) || Math.abs(x4 - x0) <= 8.0 * EPS * Math.max(Math.abs(x0), Math.abs(x4))) {
                    return result(
                            QuadratureStatus.BAD_INTEGRAND_BEHAVIOUR,
                            "subintervals shrank to the resolution of doubles near x = " + mid + "; error estimate "
                                    + errSum + " against tolerance " + tolerance);
                }
                double q = 0.25 * (x4 - x0);
                double[] left = new double[5];
                double[] right = new double[5];
                int base = 5 * id;
                try {
                    left[1] = eval(x0 + 0.5 * q);
                    left[3] = eval(x0 + 1.5 * q);
                    right[1] = eval(mid + 0.5 * q);
                    right[3] = eval(x4 - 0.5 * q);
                } catch (NonFiniteIntegrandException e) {
                    return result(
                            QuadratureStatus.NON_FINITE_INTEGRAND,
                            e.describe() + "; value is the estimate before that evaluation");
                }
                left[0] = values[base];
                left[2] = values[base + 1];
                left[4] = values[base + 2];
                right[0] = values[base + 2];
                right[2] = values[base + 3];
                right[4] = values[base + 4];
                double parentArea = area[id];
                double parentErr = err[id];
                heap.pop(err);
                set(id, x0, mid, left);
                heap.push(id, err);
                heap.push(add(mid, x4, right), err);
                total += area[id] + area[count - 1] - parentArea;
                errSum += err[id] + err[count - 1] - parentErr;
            }
        }

        private QuadratureResult result(QuadratureStatus status, String message) {
            double s = 0.0;
            double e = 0.0;
            for (int i = 0; i < count; i++) {
                s += area[i];
                e += err[i];
            }
            return new QuadratureResult(s, e, evaluations, count, status, message);
        }

        private int add(double a, double b, double[] v) {
            if (count == lo.length) {
                int cap = 2 * count;
                lo = Arrays.copyOf(lo, cap);
                hi = Arrays.copyOf(hi, cap);
                area = Arrays.copyOf(area, cap);
                err = Arrays.copyOf(err, cap);
                values = Arrays.copyOf(values, 5 * cap);
            }
            int id = count++;
            set(id, a, b, v);
            return id;
        }

        private void set(int id, double a, double b, double[] v) {
            lo[id] = a;
            hi[id] = b;
            System.arraycopy(v, 0, values, 5 * id, 5);
            double w = b - a;
            double s1 = w / 6.0 * (v[0] + 4.0 * v[2] + v[4]);
            double s2 = w / 12.0 * (v[0] + 4.0 * v[1] + 2.0 * v[2] + 4.0 * v[3] + v[4]);
            area[id] = s2 + (s2 - s1) / 15.0;
            double magnitude = w
                    / 12.0
                    * (Math.abs(v[0])
                            + 4.0 * Math.abs(v[1])
                            + 2.0 * Math.abs(v[2])
                            + 4.0 * Math.abs(v[3])
                            + Math.abs(v[4]));
            // Never claim less than the rounding error of the sums themselves.
            err[id] = Math.max(Math.abs(s2 - s1) / 15.0, 16.0 * EPS * magnitude);
        }
    }
}
