package org.nabla4j.integrate;

import java.util.Arrays;

/**
 * Maps an integral over {@code [a, b]} with {@code a < b}, either limit possibly infinite, onto a finite working
 * interval: {@code x = a + (1 - t)/t} on {@code (0, 1]} for {@code [a, ∞)}, {@code x = b - (1 - t)/t} for
 * {@code (-∞, b]}, and {@code x = t / (1 - t²)} on {@code (-1, 1)} for the whole line. Points where {@code x}
 * overflows (in the precision the integrand is evaluated in) contribute 0, since an integrable function must vanish
 * there, and are not evaluated.
 *
 * <p>Not thread-safe: it holds scratch arrays for one run.
 */
final class RangeTransform {
    enum Kind {
        FINITE,
        UPPER_INFINITE,
        LOWER_INFINITE,
        BOTH_INFINITE
    }

    private final Integrand f;
    private final Kind kind;
    private final double anchor;
    final double lower;
    final double upper;
    private double[] xs = new double[0];
    private double[] fs = new double[0];
    private int[] index = new int[0];

    private RangeTransform(Integrand f, Kind kind, double anchor, double lower, double upper) {
        this.f = f;
        this.kind = kind;
        this.anchor = anchor;
        this.lower = lower;
        this.upper = upper;
    }

    static RangeTransform of(Integrand f, double a, double b) {
        boolean infA = a == Double.NEGATIVE_INFINITY;
        boolean infB = b == Double.POSITIVE_INFINITY;
        if (infA && infB) {
            return new RangeTransform(f, Kind.BOTH_INFINITE, 0.0, -1.0, 1.0);
        }
        if (infB) {
            return new RangeTransform(f, Kind.UPPER_INFINITE, a, 0.0, 1.0);
        }
        if (infA) {
            return new RangeTransform(f, Kind.LOWER_INFINITE, b, 0.0, 1.0);
        }
        return new RangeTransform(f, Kind.FINITE, 0.0, a, b);
    }

    Kind kind() {
        return kind;
    }

    /** Working variable of an original point strictly inside the range; used for break points. */
    double toWorking(double x) {
        switch (kind) {
            case UPPER_INFINITE:
                return 1.0 / (1.0 + (x - anchor));
            case LOWER_INFINITE:
                return 1.0 / (1.0 + (anchor - x));
            case BOTH_INFINITE:
                return 2.0 * x / (1.0 + Math.sqrt(1.0 + 4.0 * x * x));
            default:
                return x;
        }
    }

    /** Original point of a working point. */
    double toOriginal(double t) {
        switch (kind) {
            case UPPER_INFINITE:
                return anchor + (1.0 - t) / t;
            case LOWER_INFINITE:
                return anchor - (1.0 - t) / t;
            case BOTH_INFINITE:
                return t / ((1.0 - t) * (1.0 + t));
            default:
                return t;
        }
    }

    /** {@code |dx/dt|} at a working point; may overflow to infinity close to an infinite end. */
    double jacobian(double t) {
        switch (kind) {
            case UPPER_INFINITE:
            case LOWER_INFINITE:
                return 1.0 / t / t;
            case BOTH_INFINITE: {
                double d = (1.0 - t) * (1.0 + t);
                return (1.0 + t * t) / d / d;
            }
            default:
                return 1.0;
        }
    }

    /** True when an original point is too large to be evaluated: it contributes 0. */
    boolean beyondRange(double x) {
        return f.singlePrecision() ? Float.isInfinite((float) x) : Double.isInfinite(x);
    }

    /**
     * The transformed integrand {@code f(x(t)) · |dx/dt|} at {@code t[0..count)}, with one call of the integrand for
     * all points. Unwinds with the original point at the first value, in order, that is not finite or overflows when
     * multiplied by the Jacobian.
     */
    void evaluate(double[] t, int count, double[] out) {
        if (kind == Kind.FINITE) {
            f.evaluate(t, count, out);
            for (int i = 0; i < count; i++) {
                NonFiniteIntegrandException.requireFinite(t[i], out[i]);
            }
            return;
        }
        if (xs.length < count) {
            xs = new double[count];
            fs = new double[count];
            index = new int[count];
        }
        int m = 0;
        for (int i = 0; i < count; i++) {
            double x = toOriginal(t[i]);
            if (!beyondRange(x)) {
                xs[m] = x;
                index[m++] = i;
            }
        }
        Arrays.fill(out, 0, count, 0.0);
        if (m == 0) {
            return;
        }
        f.evaluate(xs, m, fs);
        for (int j = 0; j < m; j++) {
            double x = xs[j];
            double fx = NonFiniteIntegrandException.requireFinite(x, fs[j]);
            if (fx == 0.0) {
                continue;
            }
            double ti = t[index[j]];
            // Divide step by step: the Jacobian alone can overflow where the product is still finite.
            double g;
            if (kind == Kind.BOTH_INFINITE) {
                double d = (1.0 - ti) * (1.0 + ti);
                g = fx * (1.0 + ti * ti) / d / d;
            } else {
                g = fx / ti / ti;
            }
            if (!Double.isFinite(g)) {
                throw NonFiniteIntegrandException.afterTransformation(x, fx, g);
            }
            out[index[j]] = g;
        }
    }
}
