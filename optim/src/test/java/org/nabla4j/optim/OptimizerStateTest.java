package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla4j.core.DType;
import org.nabla4j.core.DTypeMismatchException;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;

/** Save and restore of optimizer state, and the non-finite policies. */
class OptimizerStateTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", (Function<Tensor[], Optimizer>)
                        ps -> Sgd.builder().learningRate(0.05).weightDecay(0.01).build(ps)),
                Arguments.of("nesterov", (Function<Tensor[], Optimizer>) ps ->
                        Momentum.builder().learningRate(0.03).nesterov(true).build(ps)),
                Arguments.of("amsgrad+adamw", (Function<Tensor[], Optimizer>)
                        ps -> Adam.adamW().learningRate(0.05).amsgrad(true).build(ps)),
                Arguments.of("rmsprop centered+momentum", (Function<Tensor[], Optimizer>)
                        ps -> RmsProp.builder().centered(true).momentum(0.5).build(ps)),
                Arguments.of("adagrad", (Function<Tensor[], Optimizer>) ps -> Adagrad.builder()
                        .lrDecay(0.01)
                        .initialAccumulatorValue(0.1)
                        .build(ps)));
    }

    static Tensor[] freshParams() {
        return new Tensor[] {Tensor.of(FirstOrderReferenceTest.START.clone(), 7), Tensor.scalar(0.25)};
    }

    static void runSteps(Optimizer opt, int from, int to) {
        Tensor[] ps = opt.parameters().toArray(new Tensor[0]);
        for (int t = from; t <= to; t++) {
            double[] g = FirstOrderReferenceTest.gradient(ps[0].toDoubleArray(), t);
            double gs = 2 * ps[1].item() - Math.cos(t);
            try (Tensor g0 = Tensor.of(g, 7);
                    Tensor g1 = Tensor.scalar(gs)) {
                assertEquals(StepStatus.APPLIED, opt.step(g0, g1));
            }
        }
    }

    static byte[] save(Optimizer opt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opt.saveState(out);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumeReproducesUninterruptedRunBitForBit(String name, Function<Tensor[], Optimizer> factory)
            throws IOException {
        LearningRateSchedule schedule = LearningRateSchedule.cosineWithWarmup(0.05, 10, 100, 0.001);
        Tensor[] straight = freshParams();
        try (Optimizer a = factory.apply(straight)) {
            a.setSchedule(schedule);
            runSteps(a, 1, 100);
        }

        Tensor[] first = freshParams();
        byte[] state;
        try (Optimizer b = factory.apply(first)) {
            b.setSchedule(schedule);
            runSteps(b, 1, 50);
            state = save(b);
        }
        // A fresh optimizer over fresh tensors holding the saved parameter values.
        Tensor[] resumed = {first[0].copy(), first[1].copy()};
        try (Optimizer c = factory.apply(resumed)) {
            c.setSchedule(schedule);
            c.loadState(new ByteArrayInputStream(state));
            assertEquals(50, c.stepCount());
            runSteps(c, 51, 100);
            assertEquals(100, c.stepCount());
        }
        assertArrayEquals(straight[0].toDoubleArray(), resumed[0].toDoubleArray(), 0.0, name);
        assertEquals(straight[1].item(), resumed[1].item(), 0.0, name);
    }

    @Test
    void resumeWithoutStateDiffers() throws IOException {
        // Guards the test above against being vacuous: restarting the moments changes the trajectory.
        Tensor[] straight = freshParams();
        try (Optimizer a = Adam.builder().learningRate(0.05).build(straight)) {
            runSteps(a, 1, 100);
        }
        Tensor[] first = freshParams();
        try (Optimizer b = Adam.builder().learningRate(0.05).build(first)) {
            runSteps(b, 1, 50);
        }
        try (Optimizer c = Adam.builder().learningRate(0.05).build(first)) {
            runSteps(c, 51, 100);
        }
        assertFalse(Arrays.equals(straight[0].toDoubleArray(), first[0].toDoubleArray()));
    }

    @Test
    void learningRateIsRestored() throws IOException {
        Tensor[] ps = freshParams();
        byte[] state;
        try (Optimizer a = Sgd.builder().learningRate(0.1).build(ps)) {
            a.setLearningRate(0.025);
            runSteps(a, 1, 3);
            state = save(a);
        }
        try (Optimizer b = Sgd.builder().learningRate(0.1).build(freshParams())) {
            b.loadState(new ByteArrayInputStream(state));
            assertEquals(0.025, b.learningRate());
            assertEquals(3, b.stepCount());
        }
    }

    @Test
    void loadValidatesKindShapesCountDtypeAndHyperParameters() throws IOException {
        byte[] adamState;
        try (Optimizer a = Adam.builder().build(freshParams())) {
            runSteps(a, 1, 2);
            adamState = save(a);
        }
        try (Optimizer sgd = Sgd.builder().build(freshParams())) {
            var e = assertThrows(
                    InvalidArgumentException.class, () -> sgd.loadState(new ByteArrayInputStream(adamState)));
            assertTrue(e.getMessage().contains("Adam"), e.getMessage());
        }
        try (Optimizer amsgrad = Adam.builder().amsgrad(true).build(freshParams())) {
            var e = assertThrows(
                    InvalidArgumentException.class, () -> amsgrad.loadState(new ByteArrayInputStream(adamState)));
            assertTrue(e.getMessage().contains("amsgrad"), e.getMessage());
        }
        try (Optimizer beta = Adam.builder().betas(0.8, 0.999).build(freshParams())) {
            var e = assertThrows(
                    InvalidArgumentException.class, () -> beta.loadState(new ByteArrayInputStream(adamState)));
            assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        }
        try (Optimizer shape = Adam.builder().build(Tensor.of(new double[7], 7, 1), Tensor.scalar(0))) {
            var e = assertThrows(
                    ShapeMismatchException.class, () -> shape.loadState(new ByteArrayInputStream(adamState)));
            assertTrue(e.getMessage().contains("[7, 1]"), e.getMessage());
        }
        try (Optimizer count = Adam.builder().build(Tensor.of(new double[7], 7))) {
            var e = assertThrows(
                    InvalidArgumentException.class, () -> count.loadState(new ByteArrayInputStream(adamState)));
            assertTrue(e.getMessage().contains("2 parameters"), e.getMessage());
        }
        try (Optimizer dtype =
                Adam.builder().build(Tensor.of(DType.FLOAT32, new double[7], 7), Tensor.zeros(DType.FLOAT32))) {
            assertThrows(DTypeMismatchException.class, () -> dtype.loadState(new ByteArrayInputStream(adamState)));
        }
    }

    @Test
    void loadRejectsBadMagicVersionTruncationAndCorruption() throws IOException {
        byte[] state;
        try (Optimizer a = Adam.builder().build(freshParams())) {
            runSteps(a, 1, 2);
            state = save(a);
        }
        try (Optimizer b = Adam.builder().build(freshParams())) {
            byte[] magic = state.clone();
            magic[0] = 'X';
            var e1 = assertThrows(InvalidArgumentException.class, () -> b.loadState(new ByteArrayInputStream(magic)));
            assertTrue(e1.getMessage().contains("magic"), e1.getMessage());

            byte[] version = state.clone();
            version[7] = 2;
            var e2 = assertThrows(InvalidArgumentException.class, () -> b.loadState(new ByteArrayInputStream(version)));
            assertTrue(e2.getMessage().contains("version 2"), e2.getMessage());

            byte[] truncated = Arrays.copyOf(state, state.length - 20);
            var e3 = assertThrows(
                    InvalidArgumentException.class, () -> b.loadState(new ByteArrayInputStream(truncated)));
            assertTrue(e3.getMessage().contains("truncated"), e3.getMessage());

            byte[] corrupt = state.clone();
            corrupt[corrupt.length - 30] ^= 0x40; // inside the last buffer's data
            var e4 = assertThrows(InvalidArgumentException.class, () -> b.loadState(new ByteArrayInputStream(corrupt)));
            assertTrue(e4.getMessage().contains("CRC"), e4.getMessage());

            // A failed load leaves the optimizer untouched.
            assertEquals(0, b.stepCount());
            b.loadState(new ByteArrayInputStream(state));
            assertEquals(2, b.stepCount());
        }
    }

    // ------------------------------------------------------------------ non-finite policy

    @Test
    void skipStepLeavesParametersAndStateUntouched() {
        Tensor[] clean = freshParams();
        try (Optimizer a = Adam.builder().learningRate(0.05).build(clean)) {
            runSteps(a, 1, 20);
        }
        Tensor[] ps = freshParams();
        try (Optimizer b = Adam.builder()
                .learningRate(0.05)
                .nonFinitePolicy(NonFinitePolicy.SKIP_STEP)
                .build(ps)) {
            runSteps(b, 1, 10);
            double[] before = ps[0].toDoubleArray();
            double[] bad = new double[7];
            bad[3] = Double.NaN;
            try (Tensor g0 = Tensor.of(bad, 7);
                    Tensor g1 = Tensor.scalar(1)) {
                assertEquals(StepStatus.SKIPPED, b.step(g0, g1));
            }
            try (Tensor g0 = Tensor.of(new double[7], 7);
                    Tensor g1 = Tensor.scalar(1)) {
                assertEquals(StepStatus.SKIPPED, b.step(Double.POSITIVE_INFINITY, g0, g1));
            }
            assertArrayEquals(before, ps[0].toDoubleArray(), 0.0);
            assertEquals(10, b.stepCount());
            assertEquals(2, b.skippedSteps());
            assertFalse(b.isStopped());
            runSteps(b, 11, 20);
        }
        // Continuing after the skipped steps is exactly the clean run: the moments were not touched.
        assertArrayEquals(clean[0].toDoubleArray(), ps[0].toDoubleArray(), 0.0);
    }

    @Test
    void stopPolicyStopsWithoutThrowingUntilResumed() {
        Tensor[] clean = freshParams();
        try (Optimizer a = Momentum.builder().learningRate(0.02).build(clean)) {
            runSteps(a, 1, 12);
        }
        Tensor[] ps = freshParams();
        try (Optimizer b = Momentum.builder()
                .learningRate(0.02)
                .nonFinitePolicy(NonFinitePolicy.STOP)
                .build(ps)) {
            runSteps(b, 1, 6);
            double[] before = ps[0].toDoubleArray();
            double[] bad = new double[7];
            bad[0] = Double.NEGATIVE_INFINITY;
            try (Tensor g0 = Tensor.of(bad, 7);
                    Tensor g1 = Tensor.scalar(1)) {
                assertEquals(StepStatus.STOPPED, b.step(g0, g1));
            }
            assertTrue(b.isStopped());
            try (Tensor g0 = Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 1}, 7);
                    Tensor g1 = Tensor.scalar(1)) {
                assertEquals(StepStatus.STOPPED, b.step(g0, g1));
                assertEquals(StepStatus.STOPPED, b.step(1.0, g0, g1));
            }
            assertArrayEquals(before, ps[0].toDoubleArray(), 0.0);
            assertEquals(6, b.stepCount());
            assertEquals(3, b.skippedSteps());
            b.resume();
            assertFalse(b.isStopped());
            runSteps(b, 7, 12);
        }
        assertArrayEquals(clean[0].toDoubleArray(), ps[0].toDoubleArray(), 0.0);
    }

    @Test
    void nanLossAloneTriggersThePolicy() {
        Tensor p = Tensor.of(new double[] {1, 2});
        try (Optimizer opt = Sgd.builder()
                        .learningRate(0.1)
                        .nonFinitePolicy(NonFinitePolicy.STOP)
                        .build(p);
                Tensor g = Tensor.of(new double[] {1, 1})) {
            assertEquals(StepStatus.STOPPED, opt.step(Double.NaN, g));
            assertArrayEquals(new double[] {1, 2}, p.toDoubleArray(), 0.0);
        }
    }

    // ------------------------------------------------------------------ gradient validation

    @Test
    void gradientsAreValidated() {
        Tensor p = Tensor.of(new double[] {1, 2});
        Tensor q = Tensor.zeros(2, 2);
        try (Optimizer opt = Sgd.builder().build(p, q)) {
            var e1 = assertThrows(InvalidArgumentException.class, () -> opt.step(Tensor.zeros(2)));
            assertTrue(e1.getMessage().contains("expected 2 gradients"), e1.getMessage());
            var e2 = assertThrows(ShapeMismatchException.class, () -> opt.step(Tensor.zeros(2), Tensor.zeros(4)));
            assertTrue(e2.getMessage().contains("[2, 2]"), e2.getMessage());
            assertThrows(
                    DTypeMismatchException.class, () -> opt.step(Tensor.zeros(DType.FLOAT32, 2), Tensor.zeros(2, 2)));
            assertThrows(InvalidArgumentException.class, () -> opt.step(null, Tensor.zeros(2, 2)));
        }
    }

    @Test
    void parametersAreValidated() {
        Tensor p = Tensor.zeros(3);
        assertThrows(InvalidArgumentException.class, () -> Sgd.builder().build());
        var dup = assertThrows(
                InvalidArgumentException.class, () -> Adam.builder().build(p, p));
        assertTrue(dup.getMessage().contains("same tensor"), dup.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Adam.builder().build(p, null));
    }

    @Test
    void closedOptimizerRefusesWork() {
        Tensor p = Tensor.zeros(3);
        Optimizer opt = Adam.builder().build(p);
        opt.close();
        assertThrows(TensorClosedException.class, () -> opt.step(Tensor.zeros(3)));
        assertFalse(p.isClosed());
    }

    @Test
    void float32ParametersWork() {
        Tensor p = Tensor.of(DType.FLOAT32, new double[] {1, -1, 0.5});
        try (Optimizer opt = Adam.builder().learningRate(0.1).build(p);
                Tensor g = Tensor.of(DType.FLOAT32, new double[] {0.3, -0.2, 0.0})) {
            opt.step(g);
            // First Adam step moves each element by about lr · sign(g) (0 stays 0).
            double[] v = p.toDoubleArray();
            assertEquals(0.9, v[0], 1e-6);
            assertEquals(-0.9, v[1], 1e-6);
            assertEquals(0.5, v[2], 1e-6);
            assertEquals(DType.FLOAT32, p.dtype());
            assertNotEquals(1.0, v[0]);
        }
    }
}
