package org.nabla4j.integrate.gauss;

import java.util.concurrent.ConcurrentHashMap;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Gauss–Legendre rules: the {@code n}-point rule on {@code [-1, 1]} with weight {@code ω(x) = 1}, exact for every
 * polynomial of degree at most {@code 2n - 1}. The nodes are the zeros of the Legendre polynomial {@code P_n} and the
 * weights are {@code w_i = 2 / ((1 - x_i²) P_n'(x_i)²)}.
 *
 * <p>Nodes and weights are accurate to a few units in the last place for every {@code n} (tested up to 10,000):
 *
 * <ul>
 *   <li>for {@code n <= 200}, and for the 20 nodes nearest each end when {@code n > 200}, Newton's method on the
 *       three-term recurrence, finished with two steps in double-double arithmetic so that the node and the weight
 *       are correctly rounded in practice. Near {@code ±1} the weight is very sensitive to the node, which is why the
 *       extra precision is used there;
 *   <li>for the interior nodes when {@code n > 200}, Newton's method on Stieltjes' asymptotic expansion of
 *       {@code P_n(cos θ)} (as in Hale and Townsend, SIAM J. Sci. Comput. 2013), which costs {@code O(1)} per node.
 *       The iteration runs in {@code θ} for {@code |x| > cos(π/4)} and in {@code φ = π/2 - θ} ({@code x = sin φ})
 *       closer to 0, so that the variable always carries the relative accuracy that the node and its weight need;
 *       the phases are applied exactly, never through a rounded multiple of π.
 * </ul>
 *
 * The total cost is {@code O(n)} for large {@code n}. Rules are symmetric ({@code x_{n-1-i} = -x_i}, equal weights),
 * computed once per {@code n} and cached for the life of the class loader; the cache is thread-safe.
 */
public final class GaussLegendre {
    /** Rules up to this order use the recurrence for every node. */
    private static final int RECURRENCE_ONLY_MAX_ORDER = 200;
    /** Number of nodes next to each end computed with the recurrence when the asymptotic expansion is used. */
    private static final int BOUNDARY_NODES = 20;

    private static final double EPS = Math.ulp(1.0);
    private static final ConcurrentHashMap<Integer, QuadratureRule> CACHE = new ConcurrentHashMap<>();

    private GaussLegendre() {}

    /**
     * Returns the {@code n}-point Gauss–Legendre rule on {@code [-1, 1]}, computing and caching it on first use.
     * To integrate over {@code [a, b]} use nodes {@code (a + b)/2 + (b - a)/2 · x_i} and weights
     * {@code (b - a)/2 · w_i}.
     *
     * @param n number of nodes, at least 1
     * @return the rule, nodes ascending
     * @throws InvalidArgumentException if {@code n < 1}
     */
    public static QuadratureRule rule(int n) {
        Checks.atLeast(n, 1, "GaussLegendre.rule", "number of nodes n");
        return CACHE.computeIfAbsent(n, GaussLegendre::compute);
    }

    private static QuadratureRule compute(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        int half = n / 2;
        boolean asymptotic = n > RECURRENCE_ONLY_MAX_ORDER;
        double cn = asymptotic ? stieltjesConstant(n) : 0.0;
        double[] nodeAndWeight = new double[2];
        // k counts the positive nodes from x = 1 inwards; the node near cos((4k - 1)π / (4n + 2)).
        for (int k = 1; k <= half; k++) {
            if (!asymptotic || k <= BOUNDARY_NODES) {
                recurrenceNode(n, k, nodeAndWeight);
            } else {
                asymptoticNode(n, k, cn, nodeAndWeight);
            }
            x[n - k] = nodeAndWeight[0];
            x[k - 1] = -nodeAndWeight[0];
            w[n - k] = nodeAndWeight[1];
            w[k - 1] = nodeAndWeight[1];
        }
        if (n % 2 == 1) {
            int mid = half;
            x[mid] = 0.0;
            w[mid] = asymptotic ? asymptoticWeightAtZero(n, cn) : recurrenceWeightAtZero(n);
        }
        return new QuadratureRule(x, w);
    }

    /** Initial guess for the k-th positive node counted from 1 (Tricomi's expansion to O(n^-3)). */
    private static double initialTheta(int n, int k) {
        return Math.PI * (4.0 * k - 1.0) / (4.0 * n + 2.0);
    }

    // ---------------------------------------------------------------- recurrence (with double-double polish)

    /** P_n(x) and P_{n-1}(x) in double; returns P_n and stores P_{n-1} in out[0]. */
    private static double legendrePair(int n, double x, double[] out) {
        double pPrev = 1.0;
        double p = x;
        for (int k = 1; k < n; k++) {
            double pNext = ((2.0 * k + 1.0) * x * p - k * pPrev) / (k + 1.0);
            pPrev = p;
            p = pNext;
        }
        out[0] = pPrev;
        return p;
    }

    private static void recurrenceNode(int n, int k, double[] result) {
        double theta = initialTheta(n, k);
        double x = Math.cos(theta) * (1.0 - (n - 1.0) / (8.0 * n * n * n));
        double[] prev = new double[1];
        // Newton in double until the step stops shrinking meaningfully; the double-double steps finish the job.
        for (int iter = 0; iter < 100; iter++) {
            double p = legendrePair(n, x, prev);
            double dp = n * (prev[0] - x * p) / ((1.0 - x) * (1.0 + x));
            double step = p / dp;
            x -= step;
            if (Math.abs(step) <= 1e-13 * Math.abs(x)) {
                break;
            }
        }
        DoubleDouble xd = new DoubleDouble(x, 0.0);
        DoubleDouble pn = new DoubleDouble();
        DoubleDouble pn1 = new DoubleDouble();
        DoubleDouble deriv = new DoubleDouble();
        DoubleDouble oneMinusX2 = new DoubleDouble();
        DoubleDouble tmp = new DoubleDouble();
        for (int iter = 0; iter < 2; iter++) {
            legendrePairDd(n, xd, pn, pn1, tmp);
            // P_n'(x) (1 - x²) = n (P_{n-1} - x P_n)
            oneMinusX2.set(1.0).subtract(xd).multiply(tmp.set(1.0).add(xd));
            deriv.set(xd).multiply(pn).multiply(-1.0).add(pn1).multiply(n);
            // step = P_n / P_n' = P_n (1 - x²) / (n (P_{n-1} - x P_n))
            tmp.set(pn).multiply(oneMinusX2).divide(deriv);
            xd.subtract(tmp);
        }
        // w = 2 (1 - x²) / (n (P_{n-1} - x P_n))²; the values from the last evaluation are accurate far beyond
        // double precision at the refined node, because the last step was already tiny.
        oneMinusX2.set(1.0).subtract(xd).multiply(tmp.set(1.0).add(xd));
        tmp.set(deriv).multiply(deriv);
        oneMinusX2.multiply(2.0).divide(tmp);
        result[0] = xd.value();
        result[1] = oneMinusX2.value();
    }

    /** P_n(x) and P_{n-1}(x) in double-double arithmetic. */
    private static void legendrePairDd(
            int n, DoubleDouble x, DoubleDouble p, DoubleDouble pPrev, DoubleDouble scratch) {
        pPrev.set(1.0);
        p.set(x);
        DoubleDouble next = new DoubleDouble();
        for (int k = 1; k < n; k++) {
            // P_{k+1} = ((2k + 1) x P_k - k P_{k-1}) / (k + 1)
            next.set(x).multiply(p).multiply(2.0 * k + 1.0);
            scratch.set(pPrev).multiply(k);
            next.subtract(scratch).divide(k + 1.0);
            pPrev.set(p);
            p.set(next);
        }
    }

    private static double recurrenceWeightAtZero(int n) {
        // At x = 0: P_n'(0) = n P_{n-1}(0) and w = 2 / P_n'(0)². P_{n-1}(0) follows from
        // P_{2m}(0) = (-1)^m (2m-1)!! / (2m)!!, built as a double-double product.
        DoubleDouble p = new DoubleDouble(1.0, 0.0);
        int m = (n - 1) / 2;
        for (int j = 1; j <= m; j++) {
            p.multiply(2.0 * j - 1.0).divide(2.0 * j);
        }
        p.multiply(n);
        DoubleDouble sq = new DoubleDouble().set(p).multiply(p);
        return new DoubleDouble(2.0, 0.0).divide(sq).value();
    }

    // ---------------------------------------------------------------- interior asymptotic expansion

    /**
     * C_n = (4/π) Π_{j=1}^{n} j / (j + 1/2), the amplitude constant of Stieltjes' expansion, in double-double so that
     * the weights, which scale with 1/C_n², keep full accuracy.
     */
    private static double stieltjesConstant(int n) {
        DoubleDouble c = new DoubleDouble(4.0, 0.0).divide(new DoubleDouble(Math.PI, 1.2246467991473532e-16));
        for (int j = 1; j <= n; j++) {
            c.multiply(j).divide(j + 0.5);
        }
        return c.value();
    }

    /**
     * For the nodes with θ >= π/4: evaluates S(φ) = Σ_m h_m cos(β_m) / (2 cos φ)^{m+1/2} with
     * β_m = nπ/2 - (n + m + 1/2) φ, so that
     * P_n(sin φ) = C_n S(φ), and stores dS/dφ in out[0]. The phase nπ/2 is applied exactly through n mod 4.
     */
    private static double stieltjesSum(int n, double phi, double[] out) {
        double c = Math.cos(phi);
        double tanPhi = Math.tan(phi);
        double a = 1.0 / (2.0 * c);
        double amp = Math.sqrt(a);
        double h = 1.0;
        double sum = 0.0;
        double deriv = 0.0;
        int quadrant = n & 3;
        for (int m = 0; m < 60; m++) {
            if (m > 0) {
                double mh = m - 0.5;
                h *= mh * mh / (m * (n + m + 0.5));
                amp *= a;
            }
            double freq = n + m + 0.5;
            double y = freq * phi;
            double cy = Math.cos(y);
            double sy = Math.sin(y);
            double cosBeta;
            double sinBeta;
            switch (quadrant) {
                case 0:
                    cosBeta = cy;
                    sinBeta = -sy;
                    break;
                case 1:
                    cosBeta = sy;
                    sinBeta = cy;
                    break;
                case 2:
                    cosBeta = -cy;
                    sinBeta = sy;
                    break;
                default:
                    cosBeta = -sy;
                    sinBeta = -cy;
                    break;
            }
            double term = h * amp;
            sum += term * cosBeta;
            deriv += term * (freq * sinBeta + (m + 0.5) * tanPhi * cosBeta);
            if (term < 1e-3 * EPS * Math.sqrt(a)) {
                break;
            }
        }
        out[0] = deriv;
        return sum;
    }

    /**
     * The same expansion in θ, for the nodes with θ < π/4 where θ (not φ) carries the relative accuracy that the
     * weights need: P_n(cos θ) = C_n Σ_m h_m cos(α_m) / (2 sin θ)^{m+1/2}, α_m = (n + m + 1/2) θ - (m + 1/2) π/2.
     * The phase (m + 1/2) π/2 is applied exactly: π/4 through the rotation (cos y ± sin y)/√2, mπ/2 through m mod 4.
     * Stores dS/dθ in out[0].
     */
    private static double stieltjesSumTheta(int n, double theta, double[] out) {
        double sinTheta = Math.sin(theta);
        double cotTheta = Math.cos(theta) / sinTheta;
        double a = 1.0 / (2.0 * sinTheta);
        double amp = Math.sqrt(a);
        double h = 1.0;
        double sum = 0.0;
        double deriv = 0.0;
        double invSqrt2 = Math.sqrt(0.5);
        for (int m = 0; m < 60; m++) {
            if (m > 0) {
                double mh = m - 0.5;
                h *= mh * mh / (m * (n + m + 0.5));
                amp *= a;
            }
            double freq = n + m + 0.5;
            double y = freq * theta;
            double cy = Math.cos(y);
            double sy = Math.sin(y);
            // z = y - π/4
            double cz = (cy + sy) * invSqrt2;
            double sz = (sy - cy) * invSqrt2;
            double cosAlpha;
            double sinAlpha;
            switch (m & 3) {
                case 0:
                    cosAlpha = cz;
                    sinAlpha = sz;
                    break;
                case 1:
                    cosAlpha = sz;
                    sinAlpha = -cz;
                    break;
                case 2:
                    cosAlpha = -cz;
                    sinAlpha = -sz;
                    break;
                default:
                    cosAlpha = -sz;
                    sinAlpha = cz;
                    break;
            }
            double term = h * amp;
            sum += term * cosAlpha;
            deriv -= term * (freq * sinAlpha + (m + 0.5) * cotTheta * cosAlpha);
            if (term < 1e-3 * EPS * Math.sqrt(a)) {
                break;
            }
        }
        out[0] = deriv;
        return sum;
    }

    private static void asymptoticNode(int n, int k, double cn, double[] result) {
        double theta0 = initialTheta(n, k);
        double[] d = new double[1];
        double tricomi = 1.0 - (n - 1.0) / (8.0 * n * n * n);
        if (theta0 < 0.25 * Math.PI) {
            double theta = Math.acos(Math.cos(theta0) * tricomi);
            for (int iter = 0; iter < 20; iter++) {
                double s = stieltjesSumTheta(n, theta, d);
                double step = s / d[0];
                theta -= step;
                if (Math.abs(step) <= 4 * EPS * theta) {
                    break;
                }
            }
            stieltjesSumTheta(n, theta, d);
            double dp = cn * d[0];
            result[0] = Math.cos(theta);
            result[1] = 2.0 / (dp * dp);
            return;
        }
        double phi0 = Math.PI * (n + 1.0 - 2.0 * k) / (2.0 * n + 1.0);
        double phi = Math.asin(Math.sin(phi0) * tricomi);
        for (int iter = 0; iter < 20; iter++) {
            double s = stieltjesSum(n, phi, d);
            double step = s / d[0];
            phi -= step;
            if (Math.abs(step) <= 4 * EPS * Math.abs(phi)) {
                break;
            }
        }
        stieltjesSum(n, phi, d);
        double dp = cn * d[0];
        result[0] = Math.sin(phi);
        result[1] = 2.0 / (dp * dp);
    }

    private static double asymptoticWeightAtZero(int n, double cn) {
        double[] d = new double[1];
        stieltjesSum(n, 0.0, d);
        double dp = cn * d[0];
        return 2.0 / (dp * dp);
    }
}
