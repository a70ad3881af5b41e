package org.nabla4j.integrate;

import java.util.function.DoubleUnaryOperator;

/**
 * The integrand as every one-dimensional driver of this package sees it: evaluated on a batch of points per call, so
 * that one implementation of each algorithm serves scalar ({@link DoubleUnaryOperator}) and batched
 * ({@link BatchIntegrand}) integrands alike. Values are returned as computed, finite or not: the drivers check them in
 * the order they use them and report the first non-finite one with its point.
 */
interface Integrand {
    /**
     * Evaluates the integrand at {@code x[0..count)} into {@code values[0..count)}. An implementation that evaluates
     * at rounded points (FLOAT32 node tensors) writes the rounded points back into {@code x}, so that messages name the
     * point actually evaluated.
     *
     * @param x the points, {@code count >= 1}
     * @param count number of points
     * @param values receives the values
     */
    void evaluate(double[] x, int count, double[] values);

    /**
     * Tells whether the points are rounded to single precision before evaluation, so that drivers use the resolution
     * and rounding floors of {@code float} instead of {@code double}.
     *
     * @return true for FLOAT32 node tensors
     */
    default boolean singlePrecision() {
        return false;
    }

    /**
     * Machine epsilon of the precision the integrand is evaluated in.
     *
     * @return {@code ulp(1)} of float or double
     */
    default double epsilon() {
        return singlePrecision() ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /**
     * Adapts a scalar integrand: one call of {@code f} per point, in order.
     *
     * @param f the scalar integrand
     * @return the adapter
     */
    static Integrand of(DoubleUnaryOperator f) {
        return (x, count, values) -> {
            for (int i = 0; i < count; i++) {
                values[i] = f.applyAsDouble(x[i]);
            }
        };
    }
}
