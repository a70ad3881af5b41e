package org.nabla4j.integrate;

import java.util.function.DoubleUnaryOperator;
import org.nabla4j.integrate.gauss.GaussKronrodRule;

/**
 * Fourier integrals {@code ∫_a^∞ f(x) w(ωx) dx} over a semi-infinite range, by the strategy of QUADPACK's QAWF: the
 * integral over each half-period between consecutive zeros of {@code w(ωx)} (the first one from {@code a}) is computed
 * by adaptive Gauss–Kronrod quadrature, and Wynn's epsilon algorithm extrapolates the partial sums, which alternate
 * around the limit. It converges for integrands that are not absolutely integrable, such as {@code sin x / x}, where
 * every general method on {@code [a, ∞)} must give up.
 */
final class FourierIntegral {
    /** Most half-periods summed before giving up. */
    static final int MAX_CYCLES = 100;
    /** Geometric decrease of the absolute tolerance per half-period (QUADPACK's {@code p}). */
    private static final double P = 0.9;
    /**
     * Smallest decay exponent {@code p} of the half-period integrals, {@code |I_k| ~ k^-p}, for which the partial sums
     * are trusted to converge. Wynn's algorithm also assigns a value to divergent oscillating series (0 to
     * {@code 1 − 1 + 1 − ...}, the partial sums of {@code ∫ cos x dx}), so extrapolation alone cannot tell.
     */
    static final double MIN_DECAY = 0.05;

    private static final double[] NO_BREAK_POINTS = {};

    private FourierIntegral() {}

    static QuadratureResult integrate(
            String method,
            DoubleUnaryOperator f,
            double a,
            double omega,
            Oscillation weight,
            double absTol,
            double relTol,
            int maxEvaluations) {
        if (omega == 0) {
            if (weight == Oscillation.SIN) {
                return new QuadratureResult(0.0, 0.0, 0, 0, QuadratureStatus.CONVERGED, "sin(0 x) = 0");
            }
            return Quadrature.integrate(f, a, Double.POSITIVE_INFINITY, absTol, relTol, maxEvaluations);
        }
        double sign = omega < 0 && weight == Oscillation.SIN ? -1 : 1;
        double w = Math.abs(omega);
        Integrand g = Integrand.of(x -> f.applyAsDouble(x) * weight.apply(w * x));
        double halfPeriod = Math.PI / w;
        double firstZero = firstZeroAfter(a, halfPeriod, weight);

        GaussKronrodIntegrator gk = Quadrature.defaultIntegrator();
        EpsilonExtrapolation table = new EpsilonExtrapolation();
        long evaluations = 0;
        double partialSum = 0;
        double intervalErrors = 0;
        double scale = Double.NaN;
        double best = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        QuadratureStatus intervalTrouble = null;
        double[] magnitudes = new double[MAX_CYCLES];
        double decay = Double.NaN;
        for (int k = 0; k < MAX_CYCLES; k++) {
            double lo = k == 0 ? a : firstZero + (k - 1) * halfPeriod;
            double hi = firstZero + k * halfPeriod;
            long remaining = maxEvaluations - evaluations;
            if (remaining < GaussKronrodRule.G7_K15.size()) {
                return result(
                        sign,
                        best,
                        bestError,
                        evaluations,
                        k,
                        QuadratureStatus.EVALUATION_LIMIT,
                        "evaluation limit " + maxEvaluations + " reached after " + k + " half-periods");
            }
            double tolerance = Double.isNaN(scale)
                    ? absTol * (1 - P)
                    : Math.max(absTol, relTol * scale) * (1 - P) * Math.pow(P, k);
            QuadratureResult piece = gk.withTolerance(
                            tolerance, Math.max(relTol / 10, QuadratureArguments.MIN_RELATIVE_TOLERANCE))
                    .withMaxEvaluations((int) Math.min(remaining, Integer.MAX_VALUE))
                    .integrate(method, g, lo, hi, NO_BREAK_POINTS);
            evaluations += piece.evaluations();
            if (piece.status() == QuadratureStatus.NON_FINITE_INTEGRAND) {
                return new QuadratureResult(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        evaluations,
                        k + 1,
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        piece.message());
            }
            if (!piece.isConverged() && intervalTrouble == null) {
                intervalTrouble = piece.status();
            }
            if (Double.isNaN(scale)) {
                scale = Math.abs(piece.value());
            }
            partialSum += piece.value();
            magnitudes[k] = Math.abs(piece.value());
            intervalErrors += piece.errorEstimate();
            table.add(partialSum);
            double estimate = table.size() >= 3 ? table.estimate() : partialSum;
            double error = (table.size() >= 3 ? table.error() : Double.POSITIVE_INFINITY) + intervalErrors;
            if (error < bestError) {
                best = estimate;
                bestError = error;
            }
            double goal = Math.max(absTol, relTol * Math.abs(best));
            decay = decayExponent(magnitudes, k);
            boolean decaying = magnitudes[k] <= goal || decay >= MIN_DECAY;
            if (decaying && bestError <= goal) {
                boolean clean = intervalTrouble == null;
                return result(
                        sign,
                        best,
                        bestError,
                        evaluations,
                        k + 1,
                        clean ? QuadratureStatus.CONVERGED : intervalTrouble,
                        clean
                                ? "extrapolated over " + (k + 1) + " half-periods of length " + halfPeriod
                                : "extrapolation met the tolerance, but a half-period integral ended with "
                                        + intervalTrouble);
            }
        }
        return result(
                sign,
                best,
                bestError,
                evaluations,
                MAX_CYCLES,
                QuadratureStatus.DIVERGENCE_SUSPECTED,
                decay < MIN_DECAY
                        ? "the integrals over successive half-periods do not decay (|I_k| ~ k^-p with p = " + decay
                                + " over the last half of " + MAX_CYCLES + "), so the integral does not converge; "
                                + "f must tend to 0"
                        : "the partial integrals over " + MAX_CYCLES + " half-periods did not converge, even "
                                + "extrapolated");
    }

    /**
     * The exponent {@code p} of {@code |I_k| ~ k^-p} between the middle and the end of the half-periods so far
     * (the first piece, from {@code a} to the first zero, excluded); NaN while there are fewer than five pieces.
     */
    static double decayExponent(double[] magnitudes, int last) {
        if (last < 4) {
            return Double.NaN;
        }
        int middle = (last + 1) / 2;
        return Math.log(magnitudes[middle] / magnitudes[last]) / Math.log((double) last / middle);
    }

    private static QuadratureResult result(
            double sign,
            double value,
            double error,
            long evaluations,
            int pieces,
            QuadratureStatus status,
            String message) {
        return new QuadratureResult(sign * value, error, evaluations, pieces, status, message);
    }

    /** The first zero of {@code w(ωx)} beyond {@code a}, at least a tenth of a half-period away from it. */
    static double firstZeroAfter(double a, double halfPeriod, Oscillation weight) {
        double offset = weight == Oscillation.SIN ? 0 : 0.5;
        double j = Math.floor(a / halfPeriod - offset) + 1;
        double zero = (j + offset) * halfPeriod;
        if (zero - a < 0.1 * halfPeriod) {
            zero += halfPeriod;
        }
        return zero;
    }
}
