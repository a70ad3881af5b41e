package org.nabla4j.integrate.gauss;

/**
 * Gauss rules from a three-term recurrence: Golub–Welsch (eigenvalues of the Jacobi matrix) for the initial nodes,
 * then Newton steps on the orthonormal recurrence and weights from the Christoffel function
 * {@code w_i = 1 / Σ_{k<n} p_k(x_i)²}. The Christoffel form keeps full relative accuracy in the tiny weights of the
 * outer nodes, which the eigenvector components alone cannot.
 */
final class OrthogonalPolynomialRules {
    /** Rescaling step that keeps the recurrence for extreme nodes within the double range. */
    private static final double BIG = 0x1p500;

    private static final double SMALL = 0x1p-500;

    private OrthogonalPolynomialRules() {}

    /**
     * Builds the rule for the monic recurrence {@code p_{k+1} = (x - alpha_k) p_k - beta_k p_{k-1}}.
     *
     * @param alpha diagonal coefficients, length n
     * @param beta off-diagonal coefficients, {@code beta[k]} for k = 1..n (beta[0] unused), length n + 1
     * @param mu0 total mass of the weight function
     */
    static QuadratureRule gaussRule(double[] alpha, double[] beta, double mu0) {
        int n = alpha.length;
        double[] sqrtBeta = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            sqrtBeta[k] = Math.sqrt(beta[k]);
        }
        double[] diag = alpha.clone();
        double[] off = new double[Math.max(n - 1, 0)];
        for (int k = 0; k < n - 1; k++) {
            off[k] = sqrtBeta[k + 1];
        }
        if (n > 1) {
            SymmetricTridiagonalEigen.solve(diag, off);
        }
        double[] x = diag;
        double[] w = new double[n];
        double[] state = new double[2];
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            for (int iter = 0; iter < 3; iter++) {
                evaluate(alpha, sqrtBeta, xi, state);
                double step = state[0];
                if (!Double.isFinite(step)) {
                    break;
                }
                xi -= step;
                if (Math.abs(step) <= Math.ulp(xi)) {
                    break;
                }
            }
            x[i] = xi;
            evaluate(alpha, sqrtBeta, xi, state);
            w[i] = mu0 * state[1];
        }
        return new QuadratureRule(x, w);
    }

    /**
     * For orthonormal polynomials with p_0 = 1 (mass factored out), stores the Newton step p_n / p_n' in out[0]
     * and 1 / Σ_{k<n} p_k² in out[1]. Values are rescaled on the fly so that nothing overflows.
     */
    private static void evaluate(double[] alpha, double[] sqrtBeta, double x, double[] out) {
        int n = alpha.length;
        double pPrev = 0.0;
        double p = 1.0;
        double dPrev = 0.0;
        double d = 0.0;
        double sum = 0.0;
        int scalings = 0;
        for (int k = 0; k < n; k++) {
            sum += p * p;
            double pNext = ((x - alpha[k]) * p - sqrtBeta[k] * pPrev) / sqrtBeta[k + 1];
            double dNext = (p + (x - alpha[k]) * d - sqrtBeta[k] * dPrev) / sqrtBeta[k + 1];
            pPrev = p;
            p = pNext;
            dPrev = d;
            d = dNext;
            if (Math.abs(p) > BIG || Math.abs(d) > BIG) {
                p *= SMALL;
                pPrev *= SMALL;
                d *= SMALL;
                dPrev *= SMALL;
                sum *= SMALL * SMALL;
                scalings++;
            }
        }
        out[0] = p / d;
        double inverse = 1.0 / sum;
        for (int s = 0; s < scalings && inverse != 0.0; s++) {
            inverse *= SMALL * SMALL;
        }
        out[1] = inverse;
    }
}
