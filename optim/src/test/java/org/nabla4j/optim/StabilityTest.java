package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Tensor;

/** Largest Hessian eigenvalue by power iteration on Hessian-vector products, and the 2/λmax stability limit. */
class StabilityTest {
    /**
     * A = R diag(1, 3, 10) R with the Householder reflection R = I − 2uuᵀ/uᵀu, u = (1, 2, 2): symmetric, not
     * diagonal, eigenvalues exactly 1, 3 and 10.
     */
    static double[] matrix() {
        double[] u = {1, 2, 2};
        double uu = 9;
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i * 3 + j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        double[] d = {1, 3, 10};
        double[] a = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += r[i * 3 + k] * d[k] * r[j * 3 + k];
                }
                a[i * 3 + j] = s;
            }
        }
        return a;
    }

    static final Tensor A = Tensor.of(matrix(), 3, 3);

    /** f(x) = ½ xᵀAx − bᵀx, minimum at A⁻¹b; the Hessian is A everywhere. */
    static final Tensor B = Tensor.of(new double[] {1, -2, 0.5});

    static final Function<Var, Var> QUADRATIC = x -> {
        Var ax = x.tape().constant(A).matmul(x);
        return x.mul(ax).sum().mul(0.5).sub(x.mul(x.tape().constant(B)).sum());
    };

    @Test
    void largestEigenvalueOfAQuadratic() {
        EigenvalueEstimate e = Stability.largestHessianEigenvalue(QUADRATIC, Tensor.of(new double[] {0.3, 1, -2}));
        System.out.printf(
                "lambda_max estimate %.15f after %d Hessian-vector products, converged=%s%n",
                e.value(), e.iterations(), e.converged());
        assertTrue(e.converged());
        assertEquals(10.0, e.value(), 1e-9);
        assertEquals(0.2, Stability.maxStableLearningRate(e), 1e-10);
        // the eigenvector of 10 is R e3 = e3 − (2/9) u u3 = (−4/9, −8/9, 1/9), up to sign
        double[] v = e.vector().toDoubleArray();
        double dot = -4.0 / 9 * v[0] - 8.0 / 9 * v[1] + 1.0 / 9 * v[2];
        assertEquals(1.0, Math.abs(dot), 1e-6);
    }

    @Test
    void gradientDescentConvergesJustBelowTwoOverLambdaMaxAndDivergesJustAbove() {
        Tensor x0 = Tensor.of(new double[] {2, 2, 2});
        double lrMax = Stability.maxStableLearningRate(QUADRATIC, x0);
        OptimizationResult below = GradientDescent.builder()
                .fixedStep(0.98 * lrMax)
                .maxIterations(3000)
                .gradientTolerance(1e-8)
                .recordHistory(false)
                .build()
                .minimize(QUADRATIC, x0);
        OptimizationResult above = GradientDescent.builder()
                .fixedStep(1.02 * lrMax)
                .maxIterations(3000)
                .gradientTolerance(1e-8)
                .recordHistory(false)
                .build()
                .minimize(QUADRATIC, x0);
        System.out.printf(
                "lr=0.98*2/lmax: %s after %d steps, f=%.6g; lr=1.02*2/lmax: %s after %d steps, f=%.6g%n",
                below.status(), below.iterations(), below.value(), above.status(), above.iterations(), above.value());
        assertTrue(below.converged(), below.status().toString());
        // x* = A⁻¹ b = R diag(1, 1/3, 1/10) R b
        double[] xStar = {0, 0, 0};
        double[] u = {1, 2, 2};
        double[] bv = B.toDoubleArray();
        double ub = (u[0] * bv[0] + u[1] * bv[1] + u[2] * bv[2]) * 2 / 9;
        double[] rb = {bv[0] - ub * u[0], bv[1] - ub * u[1], bv[2] - ub * u[2]};
        double[] inv = {1, 1.0 / 3, 0.1};
        double[] w = {rb[0] * inv[0], rb[1] * inv[1], rb[2] * inv[2]};
        double uw = (u[0] * w[0] + u[1] * w[1] + u[2] * w[2]) * 2 / 9;
        for (int i = 0; i < 3; i++) {
            xStar[i] = w[i] - uw * u[i];
        }
        assertArrayEquals(xStar, below.x().toDoubleArray(), 1e-6);
        assertFalse(above.converged(), above.status().toString());
        assertTrue(above.gradientNorm() > 1e10, "gradient should have blown up: " + above.gradientNorm());
    }

    @Test
    void negativeDominantEigenvalueIsShiftedAway() {
        // f = ½ (x0² − 5 x1²): eigenvalues 1 and −5; the largest algebraic one is 1.
        Function<Var, Var> saddle =
                x -> x.select(0, 0).square().sub(x.select(0, 1).square().mul(5)).mul(0.5);
        EigenvalueEstimate e = Stability.largestHessianEigenvalue(saddle, Tensor.of(new double[] {1, 1}));
        assertTrue(e.converged());
        assertEquals(1.0, e.value(), 1e-9);
        assertEquals(2.0, Stability.maxStableLearningRate(e), 1e-9);
        // concave everywhere: no curvature limit
        Function<Var, Var> concave = x -> x.square().sum().neg();
        assertEquals(Double.POSITIVE_INFINITY, Stability.maxStableLearningRate(concave, Tensor.ones(3)));
    }
}
