package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;

/**
 * Batched and differentiable integration on the native backend: the same results as the scalar drivers (which
 * need no backend at all) and as the closed forms, with one backend call per rule application.
 */
class Nd4jIntegrationTest {
    private static final Backend ND4J = Backends.get("nd4j");

    @Test
    void batchedGaussKronrodOnNd4jEqualsScalar() {
        DoubleUnaryOperator g = x -> 1 / (1 + 25 * x * x);
        QuadratureResult scalar = GaussKronrodIntegrator.create().integrate(g, -1, 1);
        AtomicInteger calls = new AtomicInteger();
        QuadratureResult batched = GaussKronrodIntegrator.create()
                .integrateBatched(
                        x -> {
                            calls.incrementAndGet();
                            assertEquals(ND4J, x.backend());
                            return x.square().mul(25).add(1).reciprocal();
                        },
                        -1,
                        1,
                        ND4J,
                        DType.FLOAT64);
        assertTrue(batched.isConverged());
        assertEquals(scalar.evaluations(), batched.evaluations());
        assertEquals(scalar.value(), batched.value(), 1e-15 * Math.abs(scalar.value()));
        assertEquals(0.4 * Math.atan(5), batched.value(), 1e-13);
        // one call for the first pass, one per bisection
        assertEquals(batched.subintervals(), calls.get());
    }

    @Test
    void batchedTanhSinhAndGaussLegendreOnNd4j() {
        QuadratureResult ts = TanhSinhIntegrator.create().integrateBatched(x -> x.log(), 0, 1, ND4J, DType.FLOAT64);
        assertEquals(-1.0, ts.value(), 1e-12);
        QuadratureResult gl = Quadrature.gaussLegendreBatched(Tensor::exp, 0, 1, 12, ND4J, DType.FLOAT64);
        assertEquals(Math.E - 1, gl.value(), 4 * Math.ulp(1.0));
        QuadratureResult f32 = Quadrature.gaussLegendreBatched(Tensor::exp, 0, 1, 6, ND4J, DType.FLOAT32);
        assertEquals(Math.E - 1, f32.value(), 1e-6);
    }

    @Test
    void differentiableIntegralOnNd4jMatchesClosedForm() {
        for (double t : new double[] {0.5, 2.0, -1.5}) {
            try (GradientTape tape = new GradientTape()) {
                Var theta = tape.watch(ND4J.scalar(t));
                GaussKronrodIntegrator gk = Quadrature.defaultIntegrator().withExtrapolation(false);
                Var integral = DifferentiableQuadrature.integrate(
                                tape, x -> x.mul(theta).exp(), 0, 1, gk, ND4J, DType.FLOAT64)
                        .value();
                assertEquals(ND4J, integral.value().backend());
                assertEquals(Math.expm1(t) / t, integral.item(), 1e-13);
                Tensor d = tape.gradient(integral, theta);
                // d/dθ (e^θ - 1)/θ = ((θ - 1) e^θ + 1) / θ²
                assertEquals(((t - 1) * Math.exp(t) + 1) / (t * t), d.item(), 1e-12);
            }
        }
    }

    @Test
    void limitGradientsOnNd4jFollowLeibnizsRule() {
        try (GradientTape tape = new GradientTape()) {
            Var a = tape.watch(ND4J.scalar(0.25));
            Var b = tape.watch(ND4J.scalar(1.5));
            Var integral =
                    DifferentiableQuadrature.integrate(tape, Var::cos, a, b).value();
            assertEquals(ND4J, integral.value().backend());
            assertEquals(Math.sin(1.5) - Math.sin(0.25), integral.item(), 1e-13);
            Tensor[] g = tape.gradient(integral, a, b);
            assertEquals(-Math.cos(0.25), g[0].item(), 1e-12);
            assertEquals(Math.cos(1.5), g[1].item(), 1e-12);
        }
    }
}
