package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/** Losses: values and gradients against plain-Java formulas, stability for huge logits, argument checks. */
abstract class AbstractLossesTest extends BackendTestBase {

    private static double[] softmaxRow(double[] z, int row, int classes) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            m = Math.max(m, z[row * classes + c]);
        }
        double s = 0;
        double[] p = new double[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(z[row * classes + c] - m);
            s += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= s;
        }
        return p;
    }

    @Test
    void crossEntropyWithLabelsHasGradientSoftmaxMinusOneHotOverBatch() {
        int batch = 4;
        int classes = 3;
        Tensor logits = backend().randNormal(21, 0, 2, batch, classes);
        int[] labels = {2, 0, 1, 2};
        double[] z = logits.toDoubleArray();
        double expectedLoss = 0;
        double[] expectedGrad = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
            double[] p = softmaxRow(z, b, classes);
            expectedLoss -= Math.log(p[labels[b]]) / batch;
            for (int c = 0; c < classes; c++) {
                expectedGrad[b * classes + c] = (p[c] - (c == labels[b] ? 1 : 0)) / batch;
            }
        }
        ValueAndGrad r = Autodiff.valueAndGrad(v -> Losses.crossEntropyWithLogits(v, labels), logits);
        assertEquals(Shape.scalar(), r.value().shape());
        assertEquals(expectedLoss, r.value().item(), TIGHT_F64);
        assertArrayClose(expectedGrad, r.gradient(), TIGHT_F64);
    }

    @Test
    void crossEntropyWithProbabilitiesMatchesLabelsForOneHotAndHasTheSoftLabelGradient() {
        Tensor logits = backend().randNormal(22, 0, 1, 2, 3);
        Tensor onehot = t(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
        ValueAndGrad hard = Autodiff.valueAndGrad(v -> Losses.crossEntropyWithLogits(v, new int[] {1, 2}), logits);
        ValueAndGrad soft = Autodiff.valueAndGrad(v -> Losses.crossEntropyWithLogits(v, onehot), logits);
        assertEquals(hard.value().item(), soft.value().item(), TIGHT_F64);
        assertArrayClose(hard.gradient().toDoubleArray(), soft.gradient(), TIGHT_F64);

        double[] pd = {0.2, 0.5, 0.3, 0.6, 0.1, 0.3};
        Tensor probs = t(pd, 2, 3);
        Tensor g = Autodiff.grad(v -> Losses.crossEntropyWithLogits(v, probs), logits);
        double[] z = logits.toDoubleArray();
        double[] expected = new double[6];
        for (int b = 0; b < 2; b++) {
            double[] p = softmaxRow(z, b, 3);
            for (int c = 0; c < 3; c++) {
                expected[b * 3 + c] = (p[c] - pd[b * 3 + c]) / 2;
            }
        }
        assertArrayClose(expected, g, TIGHT_F64);
    }

    @Test
    void crossEntropyIsFiniteForLogitsOfPlusMinusTenThousand() {
        Tensor logits = t(new double[] {1e4, -1e4, 0, -1e4, 1e4, 1e4}, 2, 3);
        ValueAndGrad r = Autodiff.valueAndGrad(v -> Losses.crossEntropyWithLogits(v, new int[] {0, 0}), logits);
        // row 0: logSumExp = 1e4, loss 0; row 1: logSumExp = 1e4 + log 2, loss 2e4 + log 2
        assertEquals((0 + 2e4 + Math.log(2)) / 2, r.value().item(), 1e4 * TIGHT_F64);
        assertTrue(r.gradient().allFinite());
        assertArrayClose(new double[] {0, 0, 0, -0.5, 0.25, 0.25}, r.gradient(), TIGHT_F64);
        Tensor soft = Autodiff.grad(
                v -> Losses.crossEntropyWithLogits(v, t(new double[] {1, 0, 0, 0, 0.5, 0.5}, 2, 3)), logits);
        assertTrue(soft.allFinite());
    }

    @Test
    void binaryCrossEntropyHasGradientSigmoidMinusTargetIncludingZeroLogits() {
        double[] z = {-3, 0, 0, 2.5, 1e4, -1e4};
        double[] y = {0, 1, 0, 1, 0, 0};
        ValueAndGrad r = Autodiff.valueAndGrad(v -> Losses.binaryCrossEntropyWithLogits(v, t(y, 6)), t(z, 6));
        double loss = 0;
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            double sp = Math.max(z[i], 0) + Math.log1p(Math.exp(-Math.abs(z[i])));
            loss += (sp - z[i] * y[i]) / 6;
            expected[i] = (1 / (1 + Math.exp(-z[i])) - y[i]) / 6;
        }
        assertEquals(loss, r.value().item(), 1e-9);
        assertTrue(Double.isFinite(r.value().item()));
        assertArrayClose(expected, r.gradient(), TIGHT_F64);
        assertEquals((0.5 - 1) / 6, r.gradient().get(1), TIGHT_F64);
    }

    @Test
    void mseValueAndGradient() {
        double[] p = {1, 2, 3, 4};
        double[] q = {0.5, 2, 5, 3};
        ValueAndGrad r = Autodiff.valueAndGrad(v -> Losses.mse(v, t(q, 2, 2)), t(p, 2, 2));
        assertEquals((0.25 + 0 + 4 + 1) / 4, r.value().item(), TIGHT_F64);
        assertArrayClose(new double[] {0.25, 0, -1, 0.5}, r.gradient(), TIGHT_F64);
        Tensor[] both = Autodiff.grad(xs -> Losses.mse(xs[0], xs[1]), t(p, 4), t(q, 4));
        assertArrayClose(new double[] {-0.25, 0, 1, -0.5}, both[1], TIGHT_F64);
    }

    @Test
    void lossArgumentsAreValidated() {
        try (GradientTape tape = new GradientTape()) {
            Var logits = tape.watch(backend().zeros(2, 3));
            assertThrows(InvalidArgumentException.class, () -> Losses.crossEntropyWithLogits(logits, new int[] {0, 3}));
            assertThrows(
                    InvalidArgumentException.class, () -> Losses.crossEntropyWithLogits(logits, new int[] {-1, 0}));
            ShapeMismatchException count = assertThrows(
                    ShapeMismatchException.class, () -> Losses.crossEntropyWithLogits(logits, new int[] {0}));
            assertTrue(count.getMessage().contains("[2, 3]"), count.getMessage());
            assertThrows(
                    ShapeMismatchException.class,
                    () -> Losses.crossEntropyWithLogits(tape.watch(backend().zeros(3)), new int[] {0, 1, 2}));
            assertThrows(
                    ShapeMismatchException.class,
                    () -> Losses.crossEntropyWithLogits(logits, backend().zeros(3, 2)));
            ShapeMismatchException mse = assertThrows(
                    ShapeMismatchException.class,
                    () -> Losses.mse(logits, backend().zeros(3)));
            assertTrue(mse.getMessage().contains("[3]") && mse.getMessage().contains("[2, 3]"), mse.getMessage());
            assertThrows(
                    ShapeMismatchException.class,
                    () -> Losses.binaryCrossEntropyWithLogits(logits, backend().zeros(2, 1)));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> Losses.mse(null, backend().zeros(2, 3)));
            assertThrows(InvalidArgumentException.class, () -> Losses.crossEntropyWithLogits(logits, (int[]) null));
        }
    }
}
