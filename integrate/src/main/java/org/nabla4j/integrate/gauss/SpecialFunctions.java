package org.nabla4j.integrate.gauss;

/** The Gamma function, needed for the mass of the generalized Laguerre weight. */
final class SpecialFunctions {
    private static final double HALF_LOG_TWO_PI = 0.9189385332046727418;
    /** Below this the argument is shifted up by the recurrence Γ(x + 1) = x Γ(x) before Stirling's series. */
    private static final double STIRLING_MIN = 20.0;

    private SpecialFunctions() {}

    /**
     * Γ(x) for x > 0, with a relative error of a few times 1e-15 up to about x = 140 and about 1e-14 beyond.
     * Integer and half-integer arguments up to 170 are computed as exact products.
     */
    static double gamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalStateException("gamma: argument must be > 0, got " + x);
        }
        if (x == Math.rint(x) && x <= 171.0) {
            double f = 1.0;
            for (int k = 2; k < (int) x; k++) {
                f *= k;
            }
            return f;
        }
        if (x - 0.5 == Math.rint(x - 0.5) && x <= 171.0) {
            // Γ(m + 1/2) = √π (2m - 1)!! / 2^m
            double g = Math.sqrt(Math.PI);
            for (double t = 0.5; t < x; t += 1.0) {
                g *= t;
            }
            return g;
        }
        double shift = 1.0;
        double y = x;
        while (y < STIRLING_MIN) {
            shift *= y;
            y += 1.0;
        }
        double series = stirlingCorrection(y);
        double g;
        if (y < 140.0) {
            g = Math.sqrt(2.0 * Math.PI) * Math.pow(y, y - 0.5) * Math.exp(-y) * Math.exp(series);
        } else {
            g = Math.exp((y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series);
        }
        return g / shift;
    }

    /** B_{2k} / (2k (2k - 1)) for k = 1..7: the coefficients of Stirling's series. */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156
    };

    /** Σ B_{2k} / (2k (2k - 1) y^{2k-1}) for k = 1..7: the correction to Stirling's formula, accurate for y >= 20. */
    private static double stirlingCorrection(double y) {
        double r = 1.0 / y;
        double r2 = r * r;
        double sum = STIRLING[STIRLING.length - 1];
        for (int k = STIRLING.length - 2; k >= 0; k--) {
            sum = STIRLING[k] + r2 * sum;
        }
        return r * sum;
    }
}
