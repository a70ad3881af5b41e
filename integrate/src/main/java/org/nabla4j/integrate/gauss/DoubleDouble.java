package org.nabla4j.integrate.gauss;

/**
 * A mutable double-double number {@code hi + lo} (about 106 significant bits) for the few places where rule
 * generation needs more than double precision. Mutable so that recurrences can run without allocating.
 */
final class DoubleDouble {
    double hi;
    double lo;

    DoubleDouble() {}

    DoubleDouble(double hi, double lo) {
        this.hi = hi;
        this.lo = lo;
    }

    DoubleDouble set(double value) {
        hi = value;
        lo = 0.0;
        return this;
    }

    DoubleDouble set(DoubleDouble other) {
        hi = other.hi;
        lo = other.lo;
        return this;
    }

    private DoubleDouble renormalize(double s, double e) {
        double h = s + e;
        lo = e - (h - s);
        hi = h;
        return this;
    }

    /** this = this + other. */
    DoubleDouble add(DoubleDouble other) {
        return add(other.hi, other.lo);
    }

    /** this = this - other. */
    DoubleDouble subtract(DoubleDouble other) {
        return add(-other.hi, -other.lo);
    }

    /** this = this + (bh + bl). */
    DoubleDouble add(double bh, double bl) {
        double s = hi + bh;
        double bb = s - hi;
        double e = (hi - (s - bb)) + (bh - bb);
        double t = lo + bl;
        double tb = t - lo;
        double f = (lo - (t - tb)) + (bl - tb);
        e += t;
        double s2 = s + e;
        e = e - (s2 - s);
        e += f;
        return renormalize(s2, e);
    }

    /** this = this * other. */
    DoubleDouble multiply(DoubleDouble other) {
        double p = hi * other.hi;
        double e = Math.fma(hi, other.hi, -p);
        e += hi * other.lo + lo * other.hi;
        return renormalize(p, e);
    }

    /** this = this * d. */
    DoubleDouble multiply(double d) {
        double p = hi * d;
        double e = Math.fma(hi, d, -p);
        e += lo * d;
        return renormalize(p, e);
    }

    /** this = this / d. */
    DoubleDouble divide(double d) {
        double q1 = hi / d;
        double p = q1 * d;
        double pe = Math.fma(q1, d, -p);
        double s = hi - p;
        double sb = s - hi;
        double e = (hi - (s - sb)) + (-p - sb);
        e -= pe;
        e += lo;
        double q2 = (s + e) / d;
        return renormalize(q1, q2);
    }

    /** this = this / other, to about 100 bits. */
    DoubleDouble divide(DoubleDouble other) {
        double q1 = hi / other.hi;
        // r = this - q1 * other, exactly enough for the second quotient digit
        double p = q1 * other.hi;
        double pe = Math.fma(q1, other.hi, -p);
        double rh = hi - p;
        double rl = (hi - rh - p) + lo - pe - q1 * other.lo;
        double q2 = (rh + rl) / other.hi;
        return renormalize(q1, q2);
    }

    double value() {
        return hi + lo;
    }
}
