package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/** Learning-rate schedules, reduce-on-plateau, and gradient clipping. */
class ScheduleAndClippingTest {
    static final double EXACT = 1e-15;

    @Test
    void constantStepAndExponentialSchedules() {
        assertEquals(0.3, LearningRateSchedule.constant(0.3).learningRate(1234));
        LearningRateSchedule step = LearningRateSchedule.step(1.0, 3, 0.5);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], step.learningRate(t), EXACT, "step t=" + t);
        }
        LearningRateSchedule exp = LearningRateSchedule.exponential(2.0, 0.9);
        assertEquals(2.0, exp.learningRate(0), EXACT);
        assertEquals(2.0 * 0.9 * 0.9 * 0.9, exp.learningRate(3), EXACT);
    }

    @Test
    void cosineWithWarmup() {
        LearningRateSchedule s = LearningRateSchedule.cosineWithWarmup(1.0, 4, 14, 0.1);
        assertEquals(0.25, s.learningRate(0), EXACT);
        assertEquals(0.5, s.learningRate(1), EXACT);
        assertEquals(1.0, s.learningRate(3), EXACT);
        assertEquals(1.0, s.learningRate(4), EXACT); // cosine phase starts at the peak
        assertEquals(0.55, s.learningRate(9), 1e-15); // half way: (peak + min) / 2
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.9)) / 2, s.learningRate(13), EXACT);
        assertEquals(0.1, s.learningRate(14), EXACT);
        assertEquals(0.1, s.learningRate(1000), EXACT);
        LearningRateSchedule noWarmup = LearningRateSchedule.cosineWithWarmup(2.0, 0, 10, 0.0);
        assertEquals(2.0, noWarmup.learningRate(0), EXACT);
        assertEquals(1.0, noWarmup.learningRate(5), 1e-15);
    }

    @Test
    void schedulesValidateTheirArguments() {
        assertThrows(InvalidArgumentException.class, () -> LearningRateSchedule.constant(-1));
        assertThrows(InvalidArgumentException.class, () -> LearningRateSchedule.step(1, 0, 0.5));
        assertThrows(InvalidArgumentException.class, () -> LearningRateSchedule.exponential(1, 0));
        assertThrows(InvalidArgumentException.class, () -> LearningRateSchedule.cosineWithWarmup(1, 10, 10, 0));
        var e = assertThrows(InvalidArgumentException.class, () -> LearningRateSchedule.cosineWithWarmup(1, 0, 10, 2));
        assertTrue(e.getMessage().contains("minLr"), e.getMessage());
    }

    @Test
    void optimizerFollowsItsSchedule() {
        Tensor p = Tensor.of(new double[] {0.0});
        LearningRateSchedule s = LearningRateSchedule.step(0.1, 2, 0.1);
        try (Sgd sgd = Sgd.builder().build(p);
                Tensor g = Tensor.of(new double[] {1.0})) {
            sgd.setSchedule(s);
            double expected = 0;
            for (int t = 0; t < 5; t++) {
                sgd.step(g);
                expected -= s.learningRate(t);
                assertEquals(s.learningRate(t), sgd.learningRate(), EXACT);
            }
            assertEquals(expected, p.item(), 1e-15);
            assertThrows(InvalidArgumentException.class, () -> sgd.setLearningRate(0.5));
            sgd.setSchedule(null);
            sgd.setLearningRate(0.5);
            sgd.step(g);
            assertEquals(expected - 0.5, p.item(), 1e-15);
        }
    }

    @Test
    void reduceLrOnPlateau() {
        Tensor p = Tensor.zeros(1);
        try (Sgd sgd = Sgd.builder().learningRate(1.0).build(p)) {
            ReduceLrOnPlateau plateau = ReduceLrOnPlateau.builder()
                    .patience(2)
                    .factor(0.5)
                    .cooldown(1)
                    .minLr(0.2)
                    .build(sgd);
            // improving: no change
            assertFalse(plateau.step(10));
            assertFalse(plateau.step(9));
            // three non-improving values: more than patience 2 -> reduce on the third
            assertFalse(plateau.step(9.5));
            assertFalse(plateau.step(9));
            assertTrue(plateau.step(9.2));
            assertEquals(0.5, sgd.learningRate());
            // cooldown of one call, then three more bad calls
            assertFalse(plateau.step(9.1));
            assertFalse(plateau.step(9.1));
            assertFalse(plateau.step(9.1));
            assertTrue(plateau.step(9.1));
            assertEquals(0.25, sgd.learningRate());
            // the floor minLr = 0.2 is respected
            for (int i = 0; i < 10; i++) {
                plateau.step(Double.NaN);
            }
            assertEquals(0.2, sgd.learningRate());
            assertEquals(9.0, plateau.best());
            ReduceLrOnPlateau.State st = plateau.state();
            ReduceLrOnPlateau other = ReduceLrOnPlateau.builder().build(sgd);
            other.restore(st);
            assertEquals(st, other.state());
        }
        try (Sgd scheduled = Sgd.builder().build(Tensor.zeros(1))) {
            scheduled.setSchedule(LearningRateSchedule.constant(0.1));
            assertThrows(InvalidArgumentException.class, () -> ReduceLrOnPlateau.builder()
                    .build(scheduled));
        }
        try (Sgd sgd = Sgd.builder().build(Tensor.zeros(1))) {
            var e = assertThrows(
                    InvalidArgumentException.class,
                    () -> ReduceLrOnPlateau.builder().factor(1.0).build(sgd));
            assertTrue(e.getMessage().contains("factor"), e.getMessage());
        }
    }

    @Test
    void reduceLrOnPlateauMaxModeWithAbsoluteThreshold() {
        try (Sgd sgd = Sgd.builder().learningRate(1.0).build(Tensor.zeros(1))) {
            ReduceLrOnPlateau plateau = ReduceLrOnPlateau.builder()
                    .mode(ReduceLrOnPlateau.Mode.MAX)
                    .threshold(0.1, ReduceLrOnPlateau.ThresholdMode.ABSOLUTE)
                    .patience(0)
                    .build(sgd);
            assertFalse(plateau.step(0.5));
            assertFalse(plateau.step(0.65)); // better by more than 0.1
            assertTrue(plateau.step(0.7)); // better by less than 0.1: counts as bad, patience 0
            assertEquals(0.1, sgd.learningRate(), 1e-15);
        }
    }

    @Test
    void clipByGlobalNormReturnsPreClipNormAndKeepsDirection() {
        Tensor a = Tensor.of(new double[] {3, 0});
        Tensor b = Tensor.of(new double[] {0, 4, 0, 0}, 2, 2);
        double norm = GradientClipping.clipByGlobalNorm(1.0, a, b);
        assertEquals(5.0, norm, 1e-15);
        double c = 1.0 / (5.0 + GradientClipping.NORM_EPS);
        assertArrayEquals(new double[] {3 * c, 0}, a.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 4 * c, 0, 0}, b.toDoubleArray(), 1e-15);
        // under the limit: untouched, norm still returned
        double again = GradientClipping.clipByGlobalNorm(10.0, a, b);
        assertEquals(5.0 * c, again, 1e-15);
        assertArrayEquals(new double[] {3 * c, 0}, a.toDoubleArray(), 0.0);
    }

    @Test
    void clipByGlobalNormOtherNormsAndLargeValues() {
        Tensor a = Tensor.of(new double[] {-3, 1});
        Tensor b = Tensor.of(new double[] {2});
        assertEquals(3.0, GradientClipping.globalNorm(Double.POSITIVE_INFINITY, a, b), 0.0);
        assertEquals(6.0, GradientClipping.globalNorm(1.0, a, b), 1e-15);
        double infNorm = GradientClipping.clipByGlobalNorm(1.5, Double.POSITIVE_INFINITY, a, b);
        assertEquals(3.0, infNorm, 0.0);
        assertEquals(-3 * 1.5 / (3 + GradientClipping.NORM_EPS), a.get(0), 1e-15);
        // overflow-safe Euclidean norm
        Tensor big = Tensor.of(new double[] {3e200, 4e200});
        assertEquals(5e200, GradientClipping.globalNorm(2.0, big), 1e186);
    }

    @Test
    void clipByGlobalNormLeavesNonFiniteGradientsForThePolicy() {
        Tensor a = Tensor.of(new double[] {Double.NaN, 1});
        Tensor b = Tensor.of(new double[] {100});
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(1.0, a, b)));
        assertEquals(100, b.item());
        Tensor c = Tensor.of(new double[] {Double.POSITIVE_INFINITY});
        assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clipByGlobalNorm(1.0, c, b));
        assertEquals(100, b.item());
    }

    @Test
    void clipByValue() {
        Tensor a = Tensor.of(new double[] {-5, 0.2, 3, Double.NaN});
        GradientClipping.clipByValue(1.0, a);
        double[] v = a.toDoubleArray();
        assertEquals(-1, v[0]);
        assertEquals(0.2, v[1]);
        assertEquals(1, v[2]);
        assertTrue(Double.isNaN(v[3]));
        assertThrows(InvalidArgumentException.class, () -> GradientClipping.clipByValue(0, a));
        assertThrows(InvalidArgumentException.class, () -> GradientClipping.clipByGlobalNorm(-1, a));
        assertThrows(InvalidArgumentException.class, () -> GradientClipping.clipByGlobalNorm(1, 0, a));
    }
}
