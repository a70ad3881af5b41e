package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Tensor;

/**
 * The optimizers and solvers name no backend: on ND4J they follow the same trajectory as on EJML (same seeded
 * parameters and gradients, agreement within 1e-12) and reach the same closed-form optima.
 */
class Nd4jOptimTest {
    private final Backend ejml = Backends.get("ejml");
    private final Backend nd4j = Backends.get("nd4j");

    /** 50 steps of each optimizer on both backends with the same seeded gradients. */
    @Test
    void firstOrderTrajectoriesAgreeAcrossBackends() {
        for (String kind : new String[] {"sgd", "momentum", "adam", "rmsprop", "adagrad"}) {
            double[] e = run(kind, ejml);
            double[] n = run(kind, nd4j);
            double scale = 0;
            for (double v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(e, n, 1e-12 * scale, kind);
        }
    }

    private static double[] run(String kind, Backend b) {
        Tensor p = b.randNormal(11L, 0, 1, 4, 3);
        Optimizer opt =
                switch (kind) {
                    case "sgd" -> Sgd.builder()
                            .learningRate(0.1)
                            .weightDecay(0.01)
                            .build(p);
                    case "momentum" -> Momentum.builder()
                            .learningRate(0.05)
                            .momentum(0.9)
                            .nesterov(true)
                            .build(p);
                    case "adam" -> Adam.adamW().learningRate(0.01).amsgrad(true).build(p);
                    case "rmsprop" -> RmsProp.builder().learningRate(0.01).build(p);
                    default -> Adagrad.builder().learningRate(0.1).build(p);
                };
        for (int step = 0; step < 50; step++) {
            // the gradient of 0.5 |p - c|² plus a seeded perturbation: a trajectory that depends on every update
            Tensor g = p.sub(1.5).add(b.randNormal(100L + step, 0, 0.1, 4, 3));
            opt.step(g);
        }
        return p.toDoubleArray();
    }

    @Test
    void lbfgsSolvesRosenbrockOnNd4j() {
        Function<Var, Var> rosenbrock = v -> {
            Var x0 = v.select(0, 0);
            Var x1 = v.select(0, 1);
            return x0.rsub(1).square().add(x1.sub(x0.square()).square().mul(100));
        };
        OptimizationResult r = Lbfgs.builder().build().minimize(rosenbrock, nd4j.of(new double[] {-1.2, 1}));
        assertEquals(OptimizationStatus.CONVERGED_GRADIENT, r.status());
        assertArrayEquals(new double[] {1, 1}, r.x().toDoubleArray(), 1e-8);
    }

    @Test
    void augmentedLagrangianFindsTheMultiplierOnNd4j() {
        // min x² + y² s.t. x + y = 1: x = y = 1/2 and ∇f + λ∇h = 0 gives 1 + λ = 0, λ = -1
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v -> v.square().sum())
                .equality(v -> v.sum().sub(1))
                .build();
        ConstrainedResult c = AugmentedLagrangian.builder().build().solve(p, nd4j.zeros(2));
        assertTrue(c.converged(), c.status().toString());
        assertEquals(nd4j, c.x().backend());
        assertArrayEquals(new double[] {0.5, 0.5}, c.x().toDoubleArray(), 1e-7);
        assertEquals(-1.0, c.equalityMultipliers()[0], 1e-6);
    }
}
