package org.nabla4j.testkit;

/**
 * A mixed absolute/relative tolerance, as in NumPy's {@code isclose}: an actual value {@code a} is close to an
 * expected value {@code e} when {@code |a - e| <= atol + rtol * |e|}.
 *
 * <p>Non-finite expected values are matched exactly: an expected NaN accepts only NaN, an expected infinity only the
 * same infinity. A NaN actual value is never close to a finite expected value.
 *
 * @param rtol relative tolerance, {@code >= 0}
 * @param atol absolute tolerance, {@code >= 0}
 */
public record Tolerance(double rtol, double atol) {

    /** Exact equality (NaN matches NaN; {@code -0.0} matches {@code 0.0}). */
    public static final Tolerance EXACT = new Tolerance(0.0, 0.0);

    /**
     * Creates a tolerance.
     *
     * @throws IllegalArgumentException if a component is negative, NaN or infinite
     */
    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException(
                    "Tolerance: rtol and atol must be finite and >= 0, got rtol=" + rtol + ", atol=" + atol);
        }
    }

    /** The largest accepted {@code |actual - expected|} for a finite {@code expected}: {@code atol + rtol * |e|}. */
    public double bound(double expected) {
        return atol + rtol * Math.abs(expected);
    }

    /** True when {@code actual} is close to {@code expected} under this tolerance (see the class comment). */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected)) {
            return Double.isNaN(actual);
        }
        if (Double.isInfinite(expected)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= bound(expected);
    }

    /** This tolerance with both components multiplied by {@code factor} (e.g. for a longer computation). */
    public Tolerance times(double factor) {
        return new Tolerance(rtol * factor, atol * factor);
    }

    /**
     * This tolerance with an absolute component of at least {@code rtol * magnitude}: the right tolerance for a
     * result that may cancel to near zero although its terms have size {@code magnitude} (sums, dot products).
     */
    public Tolerance relativeTo(double magnitude) {
        return new Tolerance(rtol, Math.max(atol, rtol * Math.abs(magnitude)));
    }

    /** The components, for assertion messages: {@code Tolerance[rtol=1.0E-12, atol=1.0E-14]}. */
    @Override
    public String toString() {
        return "Tolerance[rtol=" + rtol + ", atol=" + atol + "]";
    }
}
