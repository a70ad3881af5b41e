package org.nabla4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Tensor;
import org.nabla4j.integrate.Cubature;
import org.nabla4j.integrate.DifferentiableQuadrature;
import org.nabla4j.integrate.Oscillation;
import org.nabla4j.integrate.Quadrature;
import org.nabla4j.integrate.QuadratureResult;
import org.nabla4j.integrate.TanhSinhIntegrator;
import org.nabla4j.optim.Adam;
import org.nabla4j.optim.AugmentedLagrangian;
import org.nabla4j.optim.ConstrainedProblem;
import org.nabla4j.optim.ConstrainedResult;
import org.nabla4j.optim.GradientClipping;
import org.nabla4j.optim.Lbfgs;
import org.nabla4j.optim.OptimizationResult;
import org.nabla4j.optim.Optimizer;

/**
 * The code snippets of the README, run as written, with their claimed results checked against closed forms: the
 * front door must not show code that does not compile or numbers that are not true.
 */
class ReadmeSnippetsTest {
    private final Backend ejml = Backends.get("ejml");

    @Test
    void tensors() {
        Tensor a = ejml.of(new double[] {4, 1, 1, 3}, 2, 2);
        Tensor b = ejml.of(new double[] {1, 2}, 2);
        Tensor x = ejml.linalg().solve(a, b);
        Tensor y = a.matmul(x).sub(b).abs().max();
        Tensor w = ejml.randNormal(DType.FLOAT32, 42L, 0.0, 1.0, 3, 4);
        Tensor s = w.sum(new int[] {1}, true);
        Linalg.SVD svd = ejml.linalg().svd(a);

        // x = A^-1 b = [1/11, 7/11] by Cramer's rule
        assertArrayEquals(new double[] {1.0 / 11, 7.0 / 11}, x.toDoubleArray(), 1e-15);
        assertTrue(y.item() < 1e-15);
        assertArrayEquals(new int[] {3, 1}, s.dims());
        assertEquals(DType.FLOAT32, s.dtype());
        // singular values of [[4,1],[1,3]] are its eigenvalues (7 ± √5)/2
        assertArrayEquals(
                new double[] {(7 + Math.sqrt(5)) / 2, (7 - Math.sqrt(5)) / 2},
                svd.s().toDoubleArray(),
                1e-14);
    }

    @Test
    void autodiff() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(ejml.of(new double[] {1.0, 2.0}));
            Var y = x.square().sum();
            Tensor dy = tape.gradient(y, x);
            assertArrayEquals(new double[] {2, 4}, dy.toDoubleArray(), 0);
        }
        Tensor h = Autodiff.hessian(
                v -> {
                    Var x0 = v.select(0, 0), x1 = v.select(0, 1);
                    return x0.rsub(1).square().add(x1.sub(x0.square()).square().mul(100));
                },
                ejml.of(new double[] {1, 1}));
        assertArrayEquals(new double[] {802, -400, -400, 200}, h.toDoubleArray(), 1e-12);
    }

    @Test
    void optimization() {
        Tensor w = ejml.randNormal(7L, 0, 0.1, 784, 128);
        Tensor w0 = w.copy();
        Optimizer adam = Adam.builder().learningRate(1e-3).build(w);
        Tensor g = ejml.full(DType.FLOAT64, 0.01, 784, 128);
        double norm = GradientClipping.clipByGlobalNorm(1.0, g);
        adam.step(g);
        assertEquals(0.01 * Math.sqrt(784 * 128), norm, 1e-9);
        // clipping scales g by 1/(norm + 1e-6); Adam's first bias-corrected step is then lr * g / (|g| + eps)
        double gc = 0.01 / (norm + 1e-6);
        assertEquals(-1e-3 * gc / (gc + 1e-8), w.sub(w0).max().item(), 1e-15);

        Function<Var, Var> rosenbrock = v -> {
            Var x0 = v.select(0, 0), x1 = v.select(0, 1);
            return x0.rsub(1).square().add(x1.sub(x0.square()).square().mul(100));
        };
        OptimizationResult r = Lbfgs.builder().build().minimize(rosenbrock, ejml.of(new double[] {-1.2, 1}));
        assertArrayEquals(new double[] {1, 1}, r.x().toDoubleArray(), 1e-8);

        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v -> v.square().sum())
                .equality(v -> v.sum().sub(1))
                .build();
        ConstrainedResult c = AugmentedLagrangian.builder().build().solve(p, ejml.zeros(2));
        assertTrue(c.converged(), c.status().toString());
        assertArrayEquals(new double[] {0.5, 0.5}, c.x().toDoubleArray(), 1e-7);
        assertEquals(-1.0, c.equalityMultipliers()[0], 1e-6);
    }

    @Test
    void integration() {
        QuadratureResult r = Quadrature.integrate(x -> 1 / Math.sqrt(x), 0, 1);
        assertTrue(r.isConverged());
        assertEquals(2.0, r.value(), 1e-10);
        assertTrue(r.errorEstimate() >= Math.abs(r.value() - 2.0));
        assertEquals(
                Math.sqrt(Math.PI),
                Quadrature.integrate(x -> Math.exp(-x * x), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                        .value(),
                1e-12);
        assertEquals(Math.E - 1, Quadrature.gaussLegendre(Math::exp, 0, 1, 10).value(), 1e-15);
        assertEquals(
                -1.0,
                TanhSinhIntegrator.create().integrate(x -> Math.log(x), 0, 1).value(),
                1e-12);
        assertEquals(
                Math.PI / 2,
                Quadrature.fourier(x -> 1 / x, 0, 1, Oscillation.SIN).value(),
                1e-10);
        double[] ones20 = new double[20];
        java.util.Arrays.fill(ones20, 1.0);
        double expected20 = Math.pow(1 - Math.exp(-1), 20);
        QuadratureResult qmc = Cubature.quasiMonteCarlo(
                p -> Math.exp(-java.util.Arrays.stream(p).sum()), new double[20], ones20, 1e-2);
        assertTrue(qmc.isConverged(), qmc::toString);
        assertEquals(expected20, qmc.value(), 1e-2 * expected20);
        double cube = Math.pow(Math.E - 1, 3);
        assertEquals(
                cube,
                Cubature.adaptive(p -> Math.exp(p[0] + p[1] + p[2]), new double[3], new double[] {1, 1, 1})
                        .value(),
                1e-8 * cube);

        try (GradientTape tape = new GradientTape()) {
            Var theta = tape.watch(ejml.scalar(2.0));
            Var integral = DifferentiableQuadrature.integrate(
                            tape, x -> x.mul(theta).exp(), 0, 1)
                    .value();
            Tensor dTheta = tape.gradient(integral, theta);
            // d/dθ (e^θ - 1)/θ = ((θ - 1) e^θ + 1) / θ²
            assertEquals((Math.exp(2) + 1) / 4, dTheta.item(), 1e-12);
        }
    }
}
