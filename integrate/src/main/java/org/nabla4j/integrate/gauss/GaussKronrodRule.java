package org.nabla4j.integrate.gauss;

import java.util.concurrent.ConcurrentHashMap;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * A Gauss–Kronrod pair on {@code [-1, 1]}: the {@code n}-point Gauss–Legendre rule and its Kronrod extension with
 * {@code 2n + 1} nodes, which reuses the {@code n} Gauss nodes and is exact for polynomials of degree {@code 3n + 1}
 * ({@code n} odd: {@code 3n + 2} by symmetry). The difference between the two estimates drives error estimation in
 * adaptive integration.
 *
 * <p>Nodes are stored in ascending order; the Gauss nodes are the ones at odd indices {@code 1, 3, ..., 2n - 1}.
 * The Kronrod extension is computed from the Jacobi–Kronrod matrix of Laurie (Math. Comp. 66, 1997) and a symmetric
 * tridiagonal eigen-solve; the Gauss nodes and weights are taken from {@link GaussLegendre} so they are exactly the
 * ones of the Gauss rule. Rules are computed once per {@code n} and cached (thread-safe).
 */
public final class GaussKronrodRule {
    private static final ConcurrentHashMap<Integer, GaussKronrodRule> CACHE = new ConcurrentHashMap<>();

    /** The 7-point Gauss rule with its 15-point Kronrod extension. */
    public static final GaussKronrodRule G7_K15 = of(7);
    /** The 10-point Gauss rule with its 21-point Kronrod extension. */
    public static final GaussKronrodRule G10_K21 = of(10);
    /** The 15-point Gauss rule with its 31-point Kronrod extension. */
    public static final GaussKronrodRule G15_K31 = of(15);

    private final int gaussPoints;
    private final double[] nodes;
    private final double[] kronrodWeights;
    private final double[] gaussWeights;

    private GaussKronrodRule(int gaussPoints, double[] nodes, double[] kronrodWeights, double[] gaussWeights) {
        this.gaussPoints = gaussPoints;
        this.nodes = nodes;
        this.kronrodWeights = kronrodWeights;
        this.gaussWeights = gaussWeights;
    }

    /**
     * Returns the Gauss–Kronrod pair built on the {@code gaussPoints}-point Gauss–Legendre rule.
     *
     * @param gaussPoints number of Gauss nodes {@code n}, at least 1; the Kronrod rule has {@code 2n + 1} nodes
     * @return the cached pair
     * @throws InvalidArgumentException if {@code gaussPoints < 1}
     */
    public static GaussKronrodRule of(int gaussPoints) {
        Checks.atLeast(gaussPoints, 1, "GaussKronrodRule.of", "number of nodes n");
        return CACHE.computeIfAbsent(gaussPoints, GaussKronrodRule::compute);
    }

    /**
     * Returns the number {@code n} of Gauss nodes.
     *
     * @return {@code n}
     */
    public int gaussPoints() {
        return gaussPoints;
    }

    /**
     * Returns the number {@code 2n + 1} of Kronrod nodes, which is the number of integrand evaluations per application.
     *
     * @return {@code 2n + 1}
     */
    public int size() {
        return nodes.length;
    }

    /**
     * Returns Kronrod node {@code i} (ascending); odd {@code i} are the Gauss nodes.
     *
     * @param i index in {@code [0, size())}
     * @return the node
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double node(int i) {
        return nodes[i];
    }

    /**
     * Returns the Kronrod weight of node {@code i}.
     *
     * @param i index in {@code [0, size())}
     * @return the weight
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double kronrodWeight(int i) {
        return kronrodWeights[i];
    }

    /**
     * Returns the Gauss weight of node {@code i}: the Gauss–Legendre weight for odd {@code i}, zero for the nodes the
     * Kronrod extension added.
     *
     * @param i index in {@code [0, size())}
     * @return the weight, 0 for even {@code i}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double gaussWeight(int i) {
        return gaussWeights[i];
    }

    /**
     * Returns a copy of the {@code 2n + 1} nodes in ascending order.
     *
     * @return a new array
     */
    public double[] nodes() {
        return nodes.clone();
    }

    /**
     * Returns a copy of the Kronrod weights aligned with {@link #nodes()}.
     *
     * @return a new array
     */
    public double[] kronrodWeights() {
        return kronrodWeights.clone();
    }

    /**
     * Returns a copy of the Gauss weights aligned with {@link #nodes()}, zero at the added Kronrod nodes.
     *
     * @return a new array
     */
    public double[] gaussWeights() {
        return gaussWeights.clone();
    }

    /**
     * Names the pair, for example {@code G7-K15}.
     *
     * @return {@code "G" + n + "-K" + (2n + 1)}
     */
    @Override
    public String toString() {
        return "G" + gaussPoints + "-K" + nodes.length;
    }

    private static GaussKronrodRule compute(int n) {
        int size = 2 * n + 1;
        double[] diag = new double[size];
        double[] off = new double[size - 1];
        jacobiKronrodMatrix(n, diag, off);
        double[] a = diag.clone();
        double[] sqrtB = off.clone();
        SymmetricTridiagonalEigen.solve(diag, off);
        QuadratureRule gauss = GaussLegendre.rule(n);
        double[] x = new double[size];
        double[] gw = new double[size];
        for (int i = 0; i < n; i++) {
            x[2 * i + 1] = gauss.node(i);
            gw[2 * i + 1] = gauss.weight(i);
        }
        for (int i = 0; i < size; i += 2) {
            // The eigen-solve's values are accurate to about one ulp of 1; symmetrize them exactly.
            x[i] = 0.5 * (diag[i] - diag[size - 1 - i]);
        }
        x[n] = 0.0;
        // Weights from the Christoffel function of the Jacobi-Kronrod matrix, 2 / Σ_k p_k(x)², with p_k its
        // orthonormal polynomials: more accurate than the squared first components of the computed eigenvectors.
        double[] kw = new double[size];
        for (int i = 0; i <= n; i++) {
            double w = 2.0 / christoffelSum(a, sqrtB, x[size - 1 - i]);
            kw[i] = w;
            kw[size - 1 - i] = w;
        }
        return new GaussKronrodRule(n, x, kw, gw);
    }

    /** Σ_{k<size} p_k(x)² for the orthonormal polynomials of the tridiagonal matrix (diagonal a, off-diagonal b). */
    private static double christoffelSum(double[] a, double[] b, double x) {
        double pPrev = 0.0;
        double p = 1.0;
        double sum = 1.0;
        for (int k = 0; k + 1 < a.length; k++) {
            double next = ((x - a[k]) * p - (k > 0 ? b[k - 1] * pPrev : 0.0)) / b[k];
            pPrev = p;
            p = next;
            sum += p * p;
        }
        return sum;
    }

    /**
     * Fills the symmetric tridiagonal Jacobi–Kronrod matrix of order 2n + 1 for the Legendre weight (Laurie 1997):
     * its leading n x n block is the Gauss–Legendre Jacobi matrix and the trailing coefficients are chosen so that
     * the eigenvalues are the Kronrod nodes.
     */
    private static void jacobiKronrodMatrix(int n, double[] diag, double[] off) {
        int size = 2 * n + 1;
        // Monic Legendre recurrence: a_k = 0, b_0 = 2 (mass of the weight), b_k = k² / (4k² - 1).
        double[] a = new double[size];
        double[] b = new double[size];
        int knownA = (3 * n) / 2;
        int knownB = (3 * n + 1) / 2;
        b[0] = 2.0;
        for (int k = 1; k <= knownB && k < size; k++) {
            double kk = (double) k * k;
            b[k] = kk / (4.0 * kk - 1.0);
        }
        for (int k = 0; k <= knownA && k < size; k++) {
            a[k] = 0.0;
        }
        int len = n / 2 + 2;
        double[] s = new double[len];
        double[] t = new double[len];
        t[1] = b[n + 1];
        for (int m = 0; m <= n - 2; m++) {
            double u = 0.0;
            for (int k = (m + 1) / 2; k >= 0; k--) {
                int l = m - k;
                u += (a[k + n + 1] - a[l]) * t[k + 1] + b[k + n + 1] * s[k] - b[l] * s[k + 1];
                s[k + 1] = u;
            }
            double[] swap = s;
            s = t;
            t = swap;
        }
        for (int j = n / 2; j >= 0; j--) {
            s[j + 1] = s[j];
        }
        for (int m = n - 1; m <= 2 * n - 3; m++) {
            double u = 0.0;
            int j = 0;
            for (int k = m + 1 - n; k <= (m - 1) / 2; k++) {
                int l = m - k;
                j = n - 1 - l;
                u += -(a[k + n + 1] - a[l]) * t[j + 1] - b[k + n + 1] * s[j + 1] + b[l] * s[j + 2];
                s[j + 1] = u;
            }
            int k = (m + 1) / 2;
            if (m % 2 == 0) {
                a[k + n + 1] = a[k] + (s[j + 1] - b[k + n + 1] * s[j + 2]) / t[j + 2];
            } else {
                b[k + n + 1] = s[j + 1] / s[j + 2];
            }
            double[] swap = s;
            s = t;
            t = swap;
        }
        a[2 * n] = a[n - 1] - b[2 * n] * s[1] / t[1];
        for (int i = 0; i < size; i++) {
            diag[i] = a[i];
        }
        for (int i = 1; i < size; i++) {
            if (b[i] < 0.0) {
                throw new ArithmeticException("Kronrod extension of the " + n + "-point Gauss rule is not real");
            }
            off[i - 1] = Math.sqrt(b[i]);
        }
    }
}
