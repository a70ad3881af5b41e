package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla4j.core.Tensor;

/**
 * Each optimizer against an independent plain-loop reference over {@code double[]}, written here directly from the
 * update formulas of PyTorch's documentation, for 100 steps on FLOAT64.
 */
class FirstOrderReferenceTest {
    /** Relative tolerance between the tensor implementation and the reference loop after 100 steps (FLOAT64). */
    static final double TOL_F64 = 1e-12;

    static final int STEPS = 100;

    /** The reference: one update of the flat parameter vector {@code p} from {@code g} at 1-based step {@code t}. */
    interface Reference {
        void step(double[] p, double[] g, double lr, int t);
    }

    /**
     * A deterministic, parameter-dependent gradient: that of {@code Σ c_i p_i² / 2} plus a time-varying drift, so
     * the moment buffers see gradients of changing sign and size.
     */
    static double[] gradient(double[] p, int t) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double c = 0.5 + 0.4 * i;
            g[i] = c * p[i] + Math.sin(0.7 * t + i) * (1 + 0.3 * i);
        }
        return g;
    }

    static final double[] START = {0.8, -1.3, 2.1, 0.05, -0.4, 1.7, -2.2};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "sgd",
                        (Function<Tensor[], Optimizer>)
                                ps -> Sgd.builder().learningRate(0.05).build(ps),
                        sgd(0.0)),
                Arguments.of(
                        "sgd+wd",
                        (Function<Tensor[], Optimizer>) ps -> Sgd.builder()
                                .learningRate(0.05)
                                .weightDecay(0.1)
                                .build(ps),
                        sgd(0.1)),
                Arguments.of(
                        "heavy-ball",
                        (Function<Tensor[], Optimizer>) ps -> Momentum.builder()
                                .learningRate(0.03)
                                .momentum(0.9)
                                .build(ps),
                        momentum(0.9, 0.0, false, 0.0)),
                Arguments.of(
                        "heavy-ball+dampening+wd",
                        (Function<Tensor[], Optimizer>) ps -> Momentum.builder()
                                .learningRate(0.03)
                                .momentum(0.8)
                                .dampening(0.3)
                                .weightDecay(0.05)
                                .build(ps),
                        momentum(0.8, 0.3, false, 0.05)),
                Arguments.of(
                        "nesterov+wd",
                        (Function<Tensor[], Optimizer>) ps -> Momentum.builder()
                                .learningRate(0.03)
                                .momentum(0.9)
                                .nesterov(true)
                                .weightDecay(0.02)
                                .build(ps),
                        momentum(0.9, 0.0, true, 0.02)),
                Arguments.of(
                        "adam",
                        (Function<Tensor[], Optimizer>)
                                ps -> Adam.builder().learningRate(0.05).build(ps),
                        adam(0.9, 0.999, 1e-8, 0.0, false, false)),
                Arguments.of(
                        "adam+l2",
                        (Function<Tensor[], Optimizer>) ps -> Adam.builder()
                                .learningRate(0.05)
                                .betas(0.8, 0.99)
                                .eps(1e-6)
                                .weightDecay(0.1)
                                .build(ps),
                        adam(0.8, 0.99, 1e-6, 0.1, false, false)),
                Arguments.of(
                        "adamw",
                        (Function<Tensor[], Optimizer>) ps ->
                                Adam.adamW().learningRate(0.05).weightDecay(0.1).build(ps),
                        adam(0.9, 0.999, 1e-8, 0.1, true, false)),
                Arguments.of(
                        "amsgrad",
                        (Function<Tensor[], Optimizer>) ps ->
                                Adam.builder().learningRate(0.05).amsgrad(true).build(ps),
                        adam(0.9, 0.999, 1e-8, 0.0, false, true)),
                Arguments.of(
                        "amsgrad+adamw",
                        (Function<Tensor[], Optimizer>) ps -> Adam.adamW()
                                .learningRate(0.05)
                                .betas(0.7, 0.95)
                                .weightDecay(0.05)
                                .amsgrad(true)
                                .build(ps),
                        adam(0.7, 0.95, 1e-8, 0.05, true, true)),
                Arguments.of(
                        "rmsprop",
                        (Function<Tensor[], Optimizer>)
                                ps -> RmsProp.builder().learningRate(0.01).build(ps),
                        rmsprop(0.99, 1e-8, 0.0, false, 0.0)),
                Arguments.of(
                        "rmsprop+momentum",
                        (Function<Tensor[], Optimizer>) ps -> RmsProp.builder()
                                .learningRate(0.01)
                                .alpha(0.9)
                                .momentum(0.5)
                                .build(ps),
                        rmsprop(0.9, 1e-8, 0.5, false, 0.0)),
                Arguments.of(
                        "rmsprop centered",
                        (Function<Tensor[], Optimizer>) ps -> RmsProp.builder()
                                .learningRate(0.01)
                                .centered(true)
                                .eps(1e-6)
                                .build(ps),
                        rmsprop(0.99, 1e-6, 0.0, true, 0.0)),
                Arguments.of(
                        "rmsprop centered+momentum+wd",
                        (Function<Tensor[], Optimizer>) ps -> RmsProp.builder()
                                .learningRate(0.01)
                                .alpha(0.95)
                                .centered(true)
                                .momentum(0.3)
                                .weightDecay(0.01)
                                .build(ps),
                        rmsprop(0.95, 1e-8, 0.3, true, 0.01)),
                Arguments.of(
                        "adagrad",
                        (Function<Tensor[], Optimizer>)
                                ps -> Adagrad.builder().learningRate(0.2).build(ps),
                        adagrad(0.0, 0.0, 1e-10, 0.0)),
                Arguments.of(
                        "adagrad+decay+initial+wd",
                        (Function<Tensor[], Optimizer>) ps -> Adagrad.builder()
                                .learningRate(0.2)
                                .lrDecay(0.01)
                                .initialAccumulatorValue(0.1)
                                .eps(1e-8)
                                .weightDecay(0.03)
                                .build(ps),
                        adagrad(0.01, 0.1, 1e-8, 0.03)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReferenceLoopFor100Steps(String name, Function<Tensor[], Optimizer> factory, Reference ref) {
        // Two parameter tensors (a vector and a matrix) that the reference sees as one flat vector.
        Tensor a = Tensor.of(new double[] {START[0], START[1], START[2]});
        Tensor b = Tensor.of(new double[] {START[3], START[4], START[5], START[6]}, 2, 2);
        double[] expected = START.clone();
        try (Optimizer opt = factory.apply(new Tensor[] {a, b})) {
            for (int t = 1; t <= STEPS; t++) {
                double[] current = concat(a.toDoubleArray(), b.toDoubleArray());
                double[] g = gradient(current, t);
                try (Tensor ga = Tensor.of(new double[] {g[0], g[1], g[2]});
                        Tensor gb = Tensor.of(new double[] {g[3], g[4], g[5], g[6]}, 2, 2)) {
                    assertEquals(StepStatus.APPLIED, opt.step(ga, gb));
                }
                ref.step(expected, gradient(expected, t), opt.learningRate(), t);
            }
            assertEquals(STEPS, opt.stepCount());
        }
        double[] actual = concat(a.toDoubleArray(), b.toDoubleArray());
        double moved = 0;
        for (int i = 0; i < actual.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), Math.abs(actual[i]));
            assertTrue(
                    Math.abs(actual[i] - expected[i]) <= TOL_F64 * scale + Double.MIN_NORMAL,
                    name + ": element " + i + " is " + actual[i] + ", reference " + expected[i]);
            moved = Math.max(moved, Math.abs(actual[i] - START[i]));
        }
        assertTrue(moved > 1e-3, name + ": parameters barely moved, the comparison would be vacuous");
    }

    static double[] concat(double[] a, double[] b) {
        double[] r = new double[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ------------------------------------------------------------------ references, one formula line per statement

    static Reference sgd(double wd) {
        return (p, g, lr, t) -> {
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (wd != 0) {
                    gi = gi + wd * p[i];
                }
                p[i] = p[i] - lr * gi;
            }
        };
    }

    static Reference momentum(double mu, double tau, boolean nesterov, double wd) {
        double[][] buf = new double[1][];
        return (p, g, lr, t) -> {
            if (buf[0] == null) {
                buf[0] = new double[p.length];
            }
            double[] b = buf[0];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (wd != 0) {
                    gi = gi + wd * p[i];
                }
                if (t > 1) {
                    b[i] = mu * b[i] + (1 - tau) * gi;
                } else {
                    b[i] = gi;
                }
                if (nesterov) {
                    gi = gi + mu * b[i];
                } else {
                    gi = b[i];
                }
                p[i] = p[i] - lr * gi;
            }
        };
    }

    static Reference adam(double beta1, double beta2, double eps, double wd, boolean decoupled, boolean amsgrad) {
        double[][] state = new double[3][];
        return (p, g, lr, t) -> {
            if (state[0] == null) {
                state[0] = new double[p.length];
                state[1] = new double[p.length];
                state[2] = new double[p.length];
            }
            double[] m = state[0];
            double[] v = state[1];
            double[] vmax = state[2];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (wd != 0 && decoupled) {
                    p[i] = p[i] - lr * wd * p[i];
                }
                if (wd != 0 && !decoupled) {
                    gi = gi + wd * p[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat;
                if (amsgrad) {
                    vmax[i] = Math.max(vmax[i], v[i]);
                    vHat = vmax[i] / (1 - Math.pow(beta2, t));
                } else {
                    vHat = v[i] / (1 - Math.pow(beta2, t));
                }
                p[i] = p[i] - lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }

    static Reference rmsprop(double alpha, double eps, double mu, boolean centered, double wd) {
        double[][] state = new double[3][];
        return (p, g, lr, t) -> {
            if (state[0] == null) {
                state[0] = new double[p.length];
                state[1] = new double[p.length];
                state[2] = new double[p.length];
            }
            double[] v = state[0];
            double[] b = state[1];
            double[] gAve = state[2];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (wd != 0) {
                    gi = gi + wd * p[i];
                }
                v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
                double vTilde = v[i];
                if (centered) {
                    gAve[i] = gAve[i] * alpha + (1 - alpha) * gi;
                    vTilde = vTilde - gAve[i] * gAve[i];
                }
                if (mu > 0) {
                    b[i] = mu * b[i] + gi / (Math.sqrt(vTilde) + eps);
                    p[i] = p[i] - lr * b[i];
                } else {
                    p[i] = p[i] - lr * gi / (Math.sqrt(vTilde) + eps);
                }
            }
        };
    }

    static Reference adagrad(double lrDecay, double initial, double eps, double wd) {
        double[][] state = new double[1][];
        return (p, g, lr, t) -> {
            if (state[0] == null) {
                state[0] = new double[p.length];
                Arrays.fill(state[0], initial);
            }
            double[] sum = state[0];
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (wd != 0) {
                    gi = gi + wd * p[i];
                }
                sum[i] = sum[i] + gi * gi;
                p[i] = p[i] - clr * gi / (Math.sqrt(sum[i]) + eps);
            }
        };
    }
}
