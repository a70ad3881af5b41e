package org.nabla4j.integrate.gauss;

import java.util.concurrent.ConcurrentHashMap;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Generalized Gauss–Laguerre rules: the {@code n}-point rule for {@code ∫_0^∞ x^α e^{-x} f(x) dx} ({@code α > -1}),
 * exact when {@code f} is a polynomial of degree at most {@code 2n - 1}. The weights contain the factor
 * {@code x^α e^{-x}}, so {@code Σ w_i = Γ(α + 1)}.
 *
 * <p>Computed by Golub–Welsch (diagonal {@code 2k + α + 1}, off-diagonal {@code √(k (k + α))}), refined by Newton
 * steps on the orthonormal recurrence, with weights from the Christoffel function. Cost {@code O(n²)}; the outermost
 * weights underflow to zero for large {@code n}. Rules are cached per {@code (n, α)} (thread-safe).
 */
public final class GaussLaguerre {
    private static final ConcurrentHashMap<Key, QuadratureRule> CACHE = new ConcurrentHashMap<>();

    private GaussLaguerre() {}

    private record Key(int n, double alpha) {}

    /**
     * Returns the {@code n}-point Gauss–Laguerre rule for the weight {@code e^{-x}} on {@code [0, ∞)}.
     *
     * @param n number of nodes, at least 1
     * @return the rule, nodes ascending
     * @throws InvalidArgumentException if {@code n < 1}
     */
    public static QuadratureRule rule(int n) {
        return rule(n, 0.0);
    }

    /**
     * Returns the {@code n}-point generalized Gauss–Laguerre rule for the weight {@code x^α e^{-x}} on
     * {@code [0, ∞)}.
     *
     * @param n number of nodes, at least 1
     * @param alpha exponent {@code α}, finite and greater than -1
     * @return the rule, nodes ascending
     * @throws InvalidArgumentException if {@code n < 1} or {@code alpha} is not a finite number greater than -1
     */
    public static QuadratureRule rule(int n, double alpha) {
        Checks.atLeast(n, 1, "GaussLaguerre.rule", "number of nodes n");
        requireAlpha(alpha);
        // -0.0 and 0.0 describe the same weight; one cache entry.
        Key key = new Key(n, alpha == 0.0 ? 0.0 : alpha);
        return CACHE.computeIfAbsent(key, k -> compute(k.n(), k.alpha()));
    }

    private static void requireAlpha(double alpha) {
        if (!(alpha > -1.0) || !Double.isFinite(alpha)) {
            throw new InvalidArgumentException("GaussLaguerre.rule: alpha must be finite and > -1, got " + alpha);
        }
    }

    private static QuadratureRule compute(int n, double alpha) {
        double[] a = new double[n];
        double[] b = new double[n + 1];
        for (int k = 0; k < n; k++) {
            a[k] = 2.0 * k + alpha + 1.0;
        }
        for (int k = 1; k <= n; k++) {
            b[k] = k * (k + alpha);
        }
        double mu0 = SpecialFunctions.gamma(alpha + 1.0);
        return OrthogonalPolynomialRules.gaussRule(a, b, mu0);
    }
}
