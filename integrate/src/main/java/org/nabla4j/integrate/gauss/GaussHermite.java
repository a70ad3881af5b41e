package org.nabla4j.integrate.gauss;

import java.util.concurrent.ConcurrentHashMap;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * Gauss–Hermite rules (physicists' convention): the {@code n}-point rule for {@code ∫_{-∞}^{∞} e^{-x²} f(x) dx},
 * exact when {@code f} is a polynomial of degree at most {@code 2n - 1}. The weights already contain the factor
 * {@code e^{-x²}}: {@code Σ w_i f(x_i)} approximates the weighted integral, and {@code Σ w_i = √π}.
 *
 * <p>Computed by Golub–Welsch (Jacobi matrix with zero diagonal and off-diagonal {@code √(k/2)}), refined by Newton
 * steps on the orthonormal recurrence, with weights from the Christoffel function so that the tiny outer weights keep
 * their relative accuracy. Cost {@code O(n²)}; for {@code n} above about 350 the outermost weights underflow to zero
 * (their true values are below the smallest double). Rules are cached per {@code n} (thread-safe).
 */
public final class GaussHermite {
    private static final ConcurrentHashMap<Integer, QuadratureRule> CACHE = new ConcurrentHashMap<>();

    private GaussHermite() {}

    /**
     * Returns the {@code n}-point Gauss–Hermite rule for the weight {@code e^{-x²}} on the real line.
     *
     * @param n number of nodes, at least 1
     * @return the rule, nodes ascending
     * @throws InvalidArgumentException if {@code n < 1}
     */
    public static QuadratureRule rule(int n) {
        Checks.atLeast(n, 1, "GaussHermite.rule", "number of nodes n");
        return CACHE.computeIfAbsent(n, GaussHermite::compute);
    }

    private static QuadratureRule compute(int n) {
        double[] alpha = new double[n];
        double[] beta = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            beta[k] = 0.5 * k;
        }
        QuadratureRule raw = OrthogonalPolynomialRules.gaussRule(alpha, beta, Math.sqrt(Math.PI));
        // Enforce the exact symmetry of the rule.
        double[] x = raw.nodes();
        double[] w = raw.weights();
        for (int i = 0; i < n / 2; i++) {
            int j = n - 1 - i;
            double xs = 0.5 * (x[j] - x[i]);
            double ws = 0.5 * (w[i] + w[j]);
            x[i] = -xs;
            x[j] = xs;
            w[i] = ws;
            w[j] = ws;
        }
        if (n % 2 == 1) {
            x[n / 2] = 0.0;
        }
        return new QuadratureRule(x, w);
    }
}
