package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/** Small end-to-end trainings driven by autodiff gradients. */
abstract class AbstractExamplesTest extends BackendTestBase {

    @Test
    void linearRegressionByGradientDescentRecoversTheGeneratingWeights() {
        int n = 64;
        double[] wTrue = {2.0, -3.0, 0.5};
        double bTrue = 1.25;
        Tensor x = backend().randNormal(31, 0, 1, n, 3);
        double[] xd = x.toDoubleArray();
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
            yd[i] = bTrue;
            for (int j = 0; j < 3; j++) {
                yd[i] += xd[i * 3 + j] * wTrue[j];
            }
        }
        Tensor y = t(yd, n, 1);
        Tensor w = backend().zeros(3, 1);
        Tensor b = backend().zeros(1);
        double lr = 0.1;
        double loss = Double.NaN;
        for (int step = 0; step < 300; step++) {
            try (TensorScope scope = TensorScope.open();
                    GradientTape tape = new GradientTape()) {
                Var wv = tape.watch(w);
                Var bv = tape.watch(b);
                Var pred = tape.constant(x).matmul(wv).add(bv);
                Var l = Losses.mse(pred, y);
                Tensor[] g = tape.gradient(l, wv, bv);
                loss = l.item();
                w.subi(g[0].mul(lr));
                b.subi(g[1].mul(lr));
            }
        }
        assertTrue(loss < 1e-10, "final loss " + loss);
        assertArrayClose(wTrue, w, LOOSE_F64);
        assertEquals(bTrue, b.item(), LOOSE_F64);
    }

    @Test
    void twoLayerPerceptronLearnsXor() {
        Tensor x = t(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = t(new double[] {0, 1, 1, 0}, 4, 1);
        Tensor w1 = backend().randNormal(41, 0, 1, 2, 8);
        Tensor b1 = backend().zeros(8);
        Tensor w2 = backend().randNormal(42, 0, 1, 8, 1);
        Tensor b2 = backend().zeros(1);
        Tensor[] params = {w1, b1, w2, b2};
        double lr = 0.5;
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            try (TensorScope scope = TensorScope.open();
                    GradientTape tape = new GradientTape()) {
                Var[] p = new Var[params.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = tape.watch(params[i]);
                }
                Var hidden = tape.constant(x).matmul(p[0]).add(p[1]).tanh();
                Var logits = hidden.matmul(p[2]).add(p[3]);
                Var l = Losses.binaryCrossEntropyWithLogits(logits, y);
                Tensor[] g = tape.gradient(l, p);
                loss = l.item();
                for (int i = 0; i < params.length; i++) {
                    params[i].subi(g[i].mul(lr));
                }
            }
        }
        assertTrue(loss < 0.05, "final loss " + loss);
        try (GradientTape tape = new GradientTape()) {
            Var out = tape.constant(x)
                    .matmul(tape.constant(w1))
                    .add(tape.constant(b1))
                    .tanh()
                    .matmul(tape.constant(w2))
                    .add(tape.constant(b2))
                    .sigmoid();
            double[] o = out.value().toDoubleArray();
            double[] expected = y.toDoubleArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], o[i], 0.2, "XOR output " + i);
            }
        }
    }
}
