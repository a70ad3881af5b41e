package org.nabla4j.integrate;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.integrate.gauss.GaussKronrodRule;
import org.nabla4j.integrate.gauss.GaussLegendre;
import org.nabla4j.integrate.gauss.QuadratureRule;

/**
 * Integration over boxes {@code [lower_1, upper_1] × ... × [lower_d, upper_d]}: the tensor product of
 * Gauss–Legendre rules, adaptive cubature with the Genz–Malik rule (up to {@value #MAX_ADAPTIVE_DIMENSION}
 * dimensions, best below about 10), and randomized quasi-Monte Carlo for many dimensions.
 *
 * <p>Conventions: limits must be finite and not NaN; an axis with {@code lower > upper} flips the sign of the
 * integral, as in one dimension, and an axis with {@code lower == upper} makes it 0.
 */
public final class Cubature {
    /** Largest dimension accepted by {@link #adaptive}: the Genz–Malik rule has {@code 2^d} corner points. */
    public static final int MAX_ADAPTIVE_DIMENSION = 20;

    private static final double EPS = Math.ulp(1.0);

    private Cubature() {}

    /**
     * Tensor-product Gauss–Legendre rule with {@code pointsPerAxis} nodes on every axis: {@code pointsPerAxis^d}
     * evaluations, exact for polynomials of degree at most {@code 2·pointsPerAxis - 1} in each variable. The status is
     * {@link QuadratureStatus#FIXED_RULE} and the error estimate NaN: a single rule offers no estimate.
     *
     * @param f the integrand
     * @param lower lower limits, one per dimension
     * @param upper upper limits, same length as {@code lower}
     * @param pointsPerAxis nodes per axis, at least 1
     * @return the result
     * @throws InvalidArgumentException if the limits are invalid (NaN, infinite, different lengths, empty),
     *     {@code pointsPerAxis < 1}, or the rule needs more than {@link Integer#MAX_VALUE} evaluations
     * @throws InvalidArgumentException if an argument is null
     */
    public static QuadratureResult gaussLegendre(
            MultivariateFunction f, double[] lower, double[] upper, int pointsPerAxis) {
        String method = "Cubature.gaussLegendre";
        QuadratureArguments.requireFunction(method, f);
        int d = checkBox(method, lower, upper);
        Checks.atLeast(pointsPerAxis, 1, method, "pointsPerAxis");
        double total = Math.pow(pointsPerAxis, d);
        if (total > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(
                    method + ": " + pointsPerAxis + "^" + d + " evaluations exceed " + Integer.MAX_VALUE);
        }
        double sign = orientation(lower, upper);
        if (sign == 0.0) {
            return QuadratureResult.empty();
        }
        QuadratureRule rule = GaussLegendre.rule(pointsPerAxis);
        double[] nodes = rule.nodes();
        double[] weights = rule.weights();
        double[] centre = new double[d];
        double[] half = new double[d];
        double scale = 1.0;
        for (int k = 0; k < d; k++) {
            double lo = Math.min(lower[k], upper[k]);
            double hi = Math.max(lower[k], upper[k]);
            centre[k] = 0.5 * lo + 0.5 * hi;
            half[k] = 0.5 * hi - 0.5 * lo;
            scale *= half[k];
        }
        int[] index = new int[d];
        double[] x = new double[d];
        for (int k = 0; k < d; k++) {
            x[k] = centre[k] + half[k] * nodes[0];
        }
        long evaluations = 0;
        double sum = 0.0;
        double compensation = 0.0;
        while (true) {
            double w = 1.0;
            for (int k = 0; k < d; k++) {
                w *= weights[index[k]];
            }
            evaluations++;
            double y = f.value(x);
            if (!Double.isFinite(y)) {
                return QuadratureResult.noFiniteEstimate(evaluations, NonFiniteIntegrandException.atPoint(x, y));
            }
            double term = w * y;
            double t = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
            // Odometer step over the multi-index, innermost axis first.
            int k = 0;
            while (k < d) {
                index[k]++;
                if (index[k] < pointsPerAxis) {
                    x[k] = centre[k] + half[k] * nodes[index[k]];
                    break;
                }
                index[k] = 0;
                x[k] = centre[k] + half[k] * nodes[0];
                k++;
            }
            if (k == d) {
                break;
            }
        }
        double value = sign * scale * (sum + compensation);
        return new QuadratureResult(
                value,
                Double.NaN,
                evaluations,
                1,
                QuadratureStatus.FIXED_RULE,
                "tensor-product Gauss-Legendre rule, " + pointsPerAxis + " points per axis in " + d + " dimensions");
    }

    /**
     * Two-dimensional tensor-product Gauss–Legendre rule over {@code [ax, bx] × [ay, by]}; see
     * {@link #gaussLegendre(MultivariateFunction, double[], double[], int)}.
     *
     * @param f the integrand {@code f(x, y)}
     * @param ax lower limit in x
     * @param bx upper limit in x
     * @param ay lower limit in y
     * @param by upper limit in y
     * @param pointsPerAxis nodes per axis, at least 1
     * @return the result
     * @throws InvalidArgumentException if a limit is NaN or infinite, or {@code pointsPerAxis < 1}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLegendre(
            DoubleBinaryOperator f, double ax, double bx, double ay, double by, int pointsPerAxis) {
        QuadratureArguments.requireFunction("Cubature.gaussLegendre", f);
        return gaussLegendre(
                p -> f.applyAsDouble(p[0], p[1]), new double[] {ax, ay}, new double[] {bx, by}, pointsPerAxis);
    }

    /**
     * Two-dimensional adaptive cubature over {@code [ax, bx] × [ay, by]}; see
     * {@link #adaptive(MultivariateFunction, double[], double[], double, double, int)}.
     *
     * @param f the integrand {@code f(x, y)}
     * @param ax lower limit in x
     * @param bx upper limit in x
     * @param ay lower limit in y
     * @param by upper limit in y
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the result, with at most {@link Quadrature#DEFAULT_MAX_EVALUATIONS} evaluations
     * @throws InvalidArgumentException if a limit is NaN or infinite, or the tolerances are invalid
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult adaptive(
            DoubleBinaryOperator f, double ax, double bx, double ay, double by, double absTol, double relTol) {
        QuadratureArguments.requireFunction("Cubature.adaptive", f);
        return adaptive(
                p -> f.applyAsDouble(p[0], p[1]),
                new double[] {ax, ay},
                new double[] {bx, by},
                absTol,
                relTol,
                Quadrature.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Adaptive cubature with the default tolerances {@link Quadrature#DEFAULT_ABSOLUTE_TOLERANCE},
     * {@link Quadrature#DEFAULT_RELATIVE_TOLERANCE} and evaluation limit {@link Quadrature#DEFAULT_MAX_EVALUATIONS}.
     *
     * @param f the integrand
     * @param lower lower limits
     * @param upper upper limits
     * @return the result
     * @throws InvalidArgumentException if the limits are invalid or the dimension exceeds
     *     {@link #MAX_ADAPTIVE_DIMENSION}
     * @throws InvalidArgumentException if an argument is null
     * @see #adaptive(MultivariateFunction, double[], double[], double, double, int)
     */
    public static QuadratureResult adaptive(MultivariateFunction f, double[] lower, double[] upper) {
        return adaptive(
                f,
                lower,
                upper,
                Quadrature.DEFAULT_ABSOLUTE_TOLERANCE,
                Quadrature.DEFAULT_RELATIVE_TOLERANCE,
                Quadrature.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Globally adaptive cubature (Genz and Malik, J. Comput. Appl. Math. 6, 1980). Each box gets the degree-7
     * Genz–Malik rule ({@code 2^d + 2d² + 1} points) and its embedded degree-5 rule; their difference is the box's
     * error estimate. The box with the largest error is halved along the axis where the fourth divided difference of
     * the integrand is largest, until the total error is at most {@code max(absTol, relTol · |I|)}. In one dimension
     * the work is handed to {@link GaussKronrodIntegrator}.
     *
     * @param f the integrand
     * @param lower lower limits
     * @param upper upper limits
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least one application of the rule; never exceeded
     * @return the result
     * @throws InvalidArgumentException if the limits or tolerances are invalid, the dimension exceeds
     *     {@link #MAX_ADAPTIVE_DIMENSION}, or the limit is below one application of the rule
     * @throws InvalidArgumentException if an argument is null
     */
    public static QuadratureResult adaptive(
            MultivariateFunction f, double[] lower, double[] upper, double absTol, double relTol, int maxEvaluations) {
        String method = "Cubature.adaptive";
        QuadratureArguments.requireFunction(method, f);
        int d = checkBox(method, lower, upper);
        if (d > MAX_ADAPTIVE_DIMENSION) {
            throw new InvalidArgumentException(method + ": dimension " + d + " exceeds " + MAX_ADAPTIVE_DIMENSION);
        }
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        if (d == 1) {
            Checks.atLeast(maxEvaluations, GaussKronrodRule.G10_K21.size(), method, "maxEvaluations");
            double[] point = new double[1];
            GaussKronrodIntegrator gk = GaussKronrodIntegrator.create()
                    .withTolerance(absTol, relTol)
                    .withMaxEvaluations(maxEvaluations);
            return gk.integrate(
                    x -> {
                        point[0] = x;
                        return f.value(point);
                    },
                    lower[0],
                    upper[0]);
        }
        GenzMalik rule = new GenzMalik(d);
        Checks.atLeast(maxEvaluations, rule.points, method, "maxEvaluations");
        double sign = orientation(lower, upper);
        if (sign == 0.0) {
            return QuadratureResult.empty();
        }
        QuadratureResult r = rule.integrate(f, lower, upper, absTol, relTol, maxEvaluations);
        return sign < 0 ? r.negate() : r;
    }

    /** Independent random shifts of the lattice in {@link #quasiMonteCarlo}; the error estimate comes from their spread. */
    public static final int QMC_SHIFTS = 16;

    /** Points per shift in the first round of {@link #quasiMonteCarlo}; each further round doubles them. */
    public static final int QMC_FIRST_ROUND = 256;

    /** Evaluation limit of {@link #quasiMonteCarlo(MultivariateFunction, double[], double[], double)}. */
    public static final int QMC_DEFAULT_MAX_EVALUATIONS = QMC_SHIFTS << 18;

    /**
     * Randomized quasi-Monte Carlo integration with relative tolerance {@code relTol}, absolute tolerance 0, at most
     * {@link #QMC_DEFAULT_MAX_EVALUATIONS} evaluations and seed 0; see
     * {@link #quasiMonteCarlo(MultivariateFunction, double[], double[], double, double, int, long)}.
     *
     * @param f the integrand
     * @param lower lower limits, one per dimension
     * @param upper upper limits, same length as {@code lower}
     * @param relTol relative tolerance, at least {@code 50 ε}
     * @return the result
     * @throws InvalidArgumentException if the limits are invalid (NaN, infinite, different lengths, empty) or the
     *     tolerance is invalid
     * @throws InvalidArgumentException if an argument is null
     */
    public static QuadratureResult quasiMonteCarlo(
            MultivariateFunction f, double[] lower, double[] upper, double relTol) {
        return quasiMonteCarlo(f, lower, upper, 0, relTol, QMC_DEFAULT_MAX_EVALUATIONS, 0L);
    }

    /**
     * Randomized quasi-Monte Carlo integration over a box, for dimensions where rules with {@code 2^d} points or a
     * tensor product are out of reach (tens of dimensions). The points are the Kronecker sequence
     * {@code x_k = frac(k α)} with Richtmyer's {@code α_j = frac(√p_j)} ({@code p_j} the {@code j}-th prime), under {@value #QMC_SHIFTS} independent uniform random shifts modulo 1 (Cranley
     * and Patterson) drawn from {@code seed}. Each shift gives an unbiased estimate; the result is their mean and the
     * error estimate is three standard errors of that mean (at least 50 ulp of the value). For smooth integrands in
     * which the first variables matter most (low effective dimension) the error falls much faster than the
     * {@code 1/√N} of plain Monte Carlo; when all {@code d} variables matter alike the gain is smaller.
     *
     * <p>The first round uses {@value #QMC_FIRST_ROUND} points per shift, and every further round doubles them,
     * reusing the points already evaluated, until the error estimate is at most {@code max(absTol, relTol · |I|)}
     * (status {@code CONVERGED}) or the next round would exceed {@code maxEvaluations} ({@code EVALUATION_LIMIT},
     * with the estimate so far). The error estimate is statistical: with 16 shifts, three standard errors cover the
     * true error about 99 % of the time, and a non-smooth integrand can slow the decrease. The same seed gives the
     * same result.
     *
     * @param f the integrand
     * @param lower lower limits, one per dimension
     * @param upper upper limits, same length as {@code lower}; an axis with {@code lower > upper} flips the sign, one
     *     with {@code lower == upper} makes the integral 0
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least {@code QMC_SHIFTS · QMC_FIRST_ROUND} (4096); never exceeded
     * @param seed seed of the random shifts
     * @return the result
     * @throws InvalidArgumentException if the limits or tolerances are invalid or the limit is below 4096
     * @throws InvalidArgumentException if an argument is null
     */
    public static QuadratureResult quasiMonteCarlo(
            MultivariateFunction f,
            double[] lower,
            double[] upper,
            double absTol,
            double relTol,
            int maxEvaluations,
            long seed) {
        String method = "Cubature.quasiMonteCarlo";
        QuadratureArguments.requireFunction(method, f);
        int d = checkBox(method, lower, upper);
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        Checks.atLeast(maxEvaluations, QMC_SHIFTS * QMC_FIRST_ROUND, method, "maxEvaluations");
        double volume = 1.0;
        for (int k = 0; k < d; k++) {
            volume *= upper[k] - lower[k];
        }
        if (volume == 0.0) {
            return QuadratureResult.empty();
        }
        double[] alpha = sqrtPrimes(d);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] shifts = new double[QMC_SHIFTS][d];
        for (double[] shift : shifts) {
            for (int k = 0; k < d; k++) {
                shift[k] = random.nextDouble();
            }
        }
        double[] sums = new double[QMC_SHIFTS];
        double[] compensations = new double[QMC_SHIFTS];
        double[] x = new double[d];
        long evaluations = 0;
        long done = 0;
        long n = QMC_FIRST_ROUND;
        double estimate = Double.NaN;
        double error = Double.POSITIVE_INFINITY;
        while (true) {
            for (int m = 0; m < QMC_SHIFTS; m++) {
                double[] shift = shifts[m];
                for (long i = done; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        double t = shift[k] + i * alpha[k];
                        x[k] = lower[k] + (upper[k] - lower[k]) * (t - Math.floor(t));
                    }
                    evaluations++;
                    double y = f.value(x);
                    if (!Double.isFinite(y)) {
                        return QuadratureResult.noFiniteEstimate(
                                evaluations, NonFiniteIntegrandException.atPoint(x, y));
                    }
                    double sum = sums[m];
                    double total = sum + y;
                    compensations[m] += Math.abs(sum) >= Math.abs(y) ? (sum - total) + y : (y - total) + sum;
                    sums[m] = total;
                }
            }
            done = n;
            double mean = 0;
            double[] estimates = new double[QMC_SHIFTS];
            for (int m = 0; m < QMC_SHIFTS; m++) {
                estimates[m] = volume * (sums[m] + compensations[m]) / n;
                mean += estimates[m];
            }
            mean /= QMC_SHIFTS;
            double variance = 0;
            for (double e : estimates) {
                variance += (e - mean) * (e - mean);
            }
            variance /= QMC_SHIFTS - 1;
            estimate = mean;
            error = Math.max(3 * Math.sqrt(variance / QMC_SHIFTS), 50 * EPS * Math.abs(mean));
            if (error <= Math.max(absTol, relTol * Math.abs(estimate))) {
                return new QuadratureResult(
                        estimate,
                        error,
                        evaluations,
                        1,
                        QuadratureStatus.CONVERGED,
                        QMC_SHIFTS + " shifted Kronecker lattices of " + n + " points each");
            }
            if (evaluations + QMC_SHIFTS * n > maxEvaluations) {
                return new QuadratureResult(
                        estimate,
                        error,
                        evaluations,
                        1,
                        QuadratureStatus.EVALUATION_LIMIT,
                        "evaluation limit " + maxEvaluations + " reached with " + QMC_SHIFTS + " shifts of " + n
                                + " points; error estimate " + error);
            }
            n *= 2;
        }
    }

    /**
     * The Kronecker vector of Richtmyer's (Weyl) sequence: {@code α_j = frac(√p_j)} for the first {@code d} primes.
     * These are linearly independent with 1 over the rationals, so no small integer vector {@code h} makes
     * {@code h·α} nearly an integer, which is what keeps every low-dimensional projection of the points even.
     */
    static double[] sqrtPrimes(int d) {
        double[] alpha = new double[d];
        int found = 0;
        for (int candidate = 2; found < d; candidate++) {
            boolean prime = true;
            for (int q = 2; (long) q * q <= candidate; q++) {
                if (candidate % q == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                double r = Math.sqrt(candidate);
                alpha[found++] = r - Math.floor(r);
            }
        }
        return alpha;
    }

    private static int checkBox(String method, double[] lower, double[] upper) {
        Checks.notNull(lower, method, "lower");
        Checks.notNull(upper, method, "upper");
        if (lower.length != upper.length) {
            throw new InvalidArgumentException(method + ": lower and upper differ in dimension: "
                    + Arrays.toString(lower) + " vs " + Arrays.toString(upper));
        }
        if (lower.length == 0) {
            throw new InvalidArgumentException(method + ": the box has no dimensions");
        }
        for (int k = 0; k < lower.length; k++) {
            if (!Double.isFinite(lower[k]) || !Double.isFinite(upper[k])) {
                throw new InvalidArgumentException(method + ": limits must be finite numbers, axis " + k + " has ["
                        + lower[k] + ", " + upper[k] + "]");
            }
        }
        return lower.length;
    }

    private static double orientation(double[] lower, double[] upper) {
        double sign = 1.0;
        for (int k = 0; k < lower.length; k++) {
            if (lower[k] == upper[k]) {
                return 0.0;
            }
            if (lower[k] > upper[k]) {
                sign = -sign;
            }
        }
        return sign;
    }

    /** The Genz–Malik degree-7/degree-5 pair in d >= 2 dimensions and the adaptive driver built on it. */
    private static final class GenzMalik {
        private static final double LAMBDA2 = Math.sqrt(9.0 / 70.0);
        private static final double LAMBDA3 = Math.sqrt(9.0 / 10.0);
        private static final double LAMBDA4 = Math.sqrt(9.0 / 10.0);
        private static final double LAMBDA5 = Math.sqrt(9.0 / 19.0);
        /** (λ2/λ3)²: combines the two axial differences into a fourth difference free of second-order terms. */
        private static final double DIFFERENCE_RATIO = (9.0 / 70.0) / (9.0 / 10.0);

        private final int d;
        final int points;
        private final double w1;
        private final double w2;
        private final double w3;
        private final double w4;
        private final double w5;
        private final double v1;
        private final double v2;
        private final double v3;
        private final double v4;

        GenzMalik(int d) {
            this.d = d;
            this.points = (1 << d) + 2 * d * d + 2 * d + 1;
            w1 = (12824.0 - 9120.0 * d + 400.0 * d * d) / 19683.0;
            w2 = 980.0 / 6561.0;
            w3 = (1820.0 - 400.0 * d) / 19683.0;
            w4 = 200.0 / 19683.0;
            w5 = 6859.0 / 19683.0 / (1 << d);
            v1 = (729.0 - 950.0 * d + 50.0 * d * d) / 729.0;
            v2 = 245.0 / 486.0;
            v3 = (265.0 - 100.0 * d) / 1458.0;
            v4 = 25.0 / 729.0;
        }

        QuadratureResult integrate(
                MultivariateFunction f,
                double[] lower,
                double[] upper,
                double absTol,
                double relTol,
                int maxEvaluations) {
            Boxes boxes = new Boxes(d);
            double[] centre = new double[d];
            double[] half = new double[d];
            for (int k = 0; k < d; k++) {
                double lo = Math.min(lower[k], upper[k]);
                double hi = Math.max(lower[k], upper[k]);
                centre[k] = 0.5 * lo + 0.5 * hi;
                half[k] = 0.5 * hi - 0.5 * lo;
            }
            double[] x = new double[d];
            long evaluations = 0;
            double[] out = new double[3];
            try {
                apply(f, centre, half, x, out);
            } catch (NonFiniteIntegrandException e) {
                return QuadratureResult.noFiniteEstimate(points, e);
            }
            evaluations += points;
            boxes.add(centre, half, out[0], out[1], (int) out[2]);
            double total = out[0];
            double errSum = out[1];
            double[] c1 = new double[d];
            double[] c2 = new double[d];
            double[] h = new double[d];
            while (true) {
                double tolerance = Math.max(absTol, relTol * Math.abs(total));
                if (errSum <= tolerance) {
                    return boxes.result(
                            evaluations,
                            QuadratureStatus.CONVERGED,
                            "converged: error estimate " + errSum + " <= tolerance " + tolerance + " with "
                                    + boxes.count + " boxes");
                }
                if (evaluations + 2L * points > maxEvaluations) {
                    return boxes.result(
                            evaluations,
                            QuadratureStatus.EVALUATION_LIMIT,
                            "evaluation limit " + maxEvaluations + " reached; error estimate " + errSum
                                    + " against tolerance " + tolerance);
                }
                int id = boxes.top();
                int axis = boxes.axis[id];
                boxes.copyGeometry(id, c1, h);
                if (h[axis] <= 4.0 * Math.ulp(c1[axis]) || h[axis] < Double.MIN_NORMAL) {
                    return boxes.result(
                            evaluations,
                            QuadratureStatus.BAD_INTEGRAND_BEHAVIOUR,
                            "boxes shrank to the resolution of doubles near x = " + Arrays.toString(c1)
                                    + "; error estimate " + errSum + " against tolerance " + tolerance);
                }
                h[axis] *= 0.5;
                System.arraycopy(c1, 0, c2, 0, d);
                c1[axis] -= h[axis];
                c2[axis] += h[axis];
                double parentValue = boxes.value[id];
                double parentError = boxes.error[id];
                double[] out2 = new double[3];
                try {
                    apply(f, c1, h, x, out);
                    evaluations += points;
                    apply(f, c2, h, x, out2);
                    evaluations += points;
                } catch (NonFiniteIntegrandException e) {
                    return boxes.result(
                            evaluations,
                            QuadratureStatus.NON_FINITE_INTEGRAND,
                            e.describe() + "; value is the estimate before that evaluation");
                }
                boxes.pop();
                boxes.replace(id, c1, h, out[0], out[1], (int) out[2]);
                boxes.add(c2, h, out2[0], out2[1], (int) out2[2]);
                total += out[0] + out2[0] - parentValue;
                errSum += out[1] + out2[1] - parentError;
            }
        }

        /** Applies the rule pair on the box; out = {degree-7 value, error, axis to split}. */
        private void apply(MultivariateFunction f, double[] c, double[] h, double[] x, double[] out) {
            System.arraycopy(c, 0, x, 0, d);
            double f0 = eval(f, x);
            double sum2 = 0.0;
            double sum3 = 0.0;
            double sum4 = 0.0;
            double sum5 = 0.0;
            int axis = 0;
            double largestDifference = -1.0;
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                x[i] = ci - LAMBDA2 * h[i];
                double f2m = eval(f, x);
                x[i] = ci + LAMBDA2 * h[i];
                double f2p = eval(f, x);
                x[i] = ci - LAMBDA3 * h[i];
                double f3m = eval(f, x);
                x[i] = ci + LAMBDA3 * h[i];
                double f3p = eval(f, x);
                x[i] = ci;
                sum2 += f2m + f2p;
                sum3 += f3m + f3p;
                double difference = Math.abs(f2m + f2p - 2.0 * f0 - DIFFERENCE_RATIO * (f3m + f3p - 2.0 * f0));
                // Ties go to the widest side, so that a function flat in the rule's eyes still gets split sensibly.
                if (difference > largestDifference * (1.0 + 1e-9)
                        || (Math.abs(difference - largestDifference) <= 1e-9 * largestDifference && h[i] > h[axis])) {
                    largestDifference = difference;
                    axis = i;
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    for (int si = -1; si <= 1; si += 2) {
                        for (int sj = -1; sj <= 1; sj += 2) {
                            x[i] = c[i] + si * LAMBDA4 * h[i];
                            x[j] = c[j] + sj * LAMBDA4 * h[j];
                            sum4 += eval(f, x);
                        }
                    }
                    x[i] = c[i];
                    x[j] = c[j];
                }
            }
            int corners = 1 << d;
            for (int mask = 0; mask < corners; mask++) {
                for (int i = 0; i < d; i++) {
                    x[i] = ((mask >> i) & 1) == 0 ? c[i] - LAMBDA5 * h[i] : c[i] + LAMBDA5 * h[i];
                }
                sum5 += eval(f, x);
            }
            double volume = 1.0;
            for (int i = 0; i < d; i++) {
                volume *= 2.0 * h[i];
            }
            double seven = volume * (w1 * f0 + w2 * sum2 + w3 * sum3 + w4 * sum4 + w5 * sum5);
            double five = volume * (v1 * f0 + v2 * sum2 + v3 * sum3 + v4 * sum4);
            double magnitude =
                    volume * (Math.abs(f0) + Math.abs(sum2) + Math.abs(sum3) + Math.abs(sum4) + Math.abs(sum5));
            out[0] = seven;
            out[1] = Math.max(Math.abs(seven - five), 50.0 * EPS * magnitude);
            out[2] = axis;
        }

        private static double eval(MultivariateFunction f, double[] x) {
            double y = f.value(x);
            if (!Double.isFinite(y)) {
                throw NonFiniteIntegrandException.atPoint(x, y);
            }
            return y;
        }
    }

    /** Boxes as flat arrays plus a max-heap of ids by error. */
    private static final class Boxes {
        private final int d;
        double[] centres = new double[0];
        double[] halves = new double[0];
        double[] value = new double[0];
        double[] error = new double[0];
        int[] axis = new int[0];
        private final ErrorHeap heap = new ErrorHeap();
        int count;

        Boxes(int d) {
            this.d = d;
            grow(64);
        }

        private void grow(int capacity) {
            centres = Arrays.copyOf(centres, capacity * d);
            halves = Arrays.copyOf(halves, capacity * d);
            value = Arrays.copyOf(value, capacity);
            error = Arrays.copyOf(error, capacity);
            axis = Arrays.copyOf(axis, capacity);
        }

        void add(double[] c, double[] h, double v, double e, int splitAxis) {
            if (count == value.length) {
                grow(2 * count);
            }
            int id = count++;
            replace(id, c, h, v, e, splitAxis);
        }

        /** Stores the box and pushes it on the heap. */
        void replace(int id, double[] c, double[] h, double v, double e, int splitAxis) {
            System.arraycopy(c, 0, centres, id * d, d);
            System.arraycopy(h, 0, halves, id * d, d);
            value[id] = v;
            error[id] = e;
            axis[id] = splitAxis;
            heap.push(id, error);
        }

        int top() {
            return heap.peek();
        }

        void pop() {
            heap.pop(error);
        }

        void copyGeometry(int id, double[] c, double[] h) {
            System.arraycopy(centres, id * d, c, 0, d);
            System.arraycopy(halves, id * d, h, 0, d);
        }

        QuadratureResult result(long evaluations, QuadratureStatus status, String message) {
            double s = 0.0;
            double e = 0.0;
            for (int i = 0; i < count; i++) {
                s += value[i];
                e += error[i];
            }
            return new QuadratureResult(s, e, evaluations, count, status, message);
        }
    }
}
