package org.nabla4j.core;

/**
 * Argument checks shared by every module, so that messages have one form: {@code op: name ... expected ...}.
 */
public final class Checks {
    private Checks() {}

    /**
     * Throws {@link InvalidArgumentException} if {@code value} is null.
     *
     * @return {@code value}
     */
    public static <T> T notNull(T value, String op, String name) {
        if (value == null) {
            throw new InvalidArgumentException(op + ": " + name + " must not be null");
        }
        return value;
    }

    /** Throws {@link InvalidArgumentException} unless {@code value} is finite (not NaN, not infinite). */
    public static double finite(double value, String op, String name) {
        if (!Double.isFinite(value)) {
            throw new InvalidArgumentException(op + ": " + name + " must be finite, got " + value);
        }
        return value;
    }

    /** Throws {@link InvalidArgumentException} unless {@code value > 0} and finite. */
    public static double positive(double value, String op, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidArgumentException(op + ": " + name + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /** Throws {@link InvalidArgumentException} unless {@code value >= 0} and finite. */
    public static double nonNegative(double value, String op, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidArgumentException(op + ": " + name + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** Throws {@link InvalidArgumentException} unless {@code lo <= value <= hi}. */
    public static double inRange(double value, double lo, double hi, String op, String name) {
        if (!(value >= lo && value <= hi)) {
            throw new InvalidArgumentException(op + ": " + name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** Throws {@link InvalidArgumentException} unless {@code value >= min}. */
    public static int atLeast(int value, int min, String op, String name) {
        if (value < min) {
            throw new InvalidArgumentException(op + ": " + name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
