package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Tensor;

/**
 * The same seeded inputs through every row of the op table on EJML and on ND4J: values and gradients (first order,
 * and second order through {@code gradientVars}) agree within 1e-12, relative to the largest magnitude of each
 * result (a sum of terms may cancel to near zero, where an element-wise relative bound would measure noise).
 */
class CrossBackendGradientTest {
    private static final double RTOL = 1e-12;
    private static final int SEEDS = 20;

    private final Backend ejml = Backends.get("ejml");
    private final Backend nd4j = Backends.get("nd4j");

    @TestFactory
    Stream<DynamicTest> gradientsAgreeAcrossBackends() {
        List<OpTable.Row> rowsE = OpTable.rows(ejml);
        List<OpTable.Row> rowsN = OpTable.rows(nd4j);
        return rowsE.stream()
                .map(rowE -> DynamicTest.dynamicTest(rowE.name(), () -> {
                    int r = rowsE.indexOf(rowE);
                    OpTable.Row rowN = rowsN.get(r);
                    assertEquals(rowE.name(), rowN.name());
                    for (int seed = 0; seed < SEEDS; seed++) {
                        int variant = seed % rowE.variants().size();
                        OpTable.Variant vE = rowE.variants().get(variant);
                        OpTable.Variant vN = rowN.variants().get(variant);
                        long s = 1000L * r + seed;
                        String where = rowE.name() + " / " + vE.label() + " / seed " + seed;
                        compare(
                                where,
                                gradients(vE, vE.tensors(ejml, s), ejml, seed),
                                gradients(vN, vN.tensors(nd4j, s), nd4j, seed));
                        if (rowE.secondOrder() && seed < 5) {
                            compare(
                                    where + " (2nd order)",
                                    secondOrder(vE, vE.tensors(ejml, s), ejml, seed),
                                    secondOrder(vN, vN.tensors(nd4j, s), nd4j, seed));
                        }
                    }
                }));
    }

    /** The value f(xs) followed by the gradients of sum(w * f(xs)) for a seeded weight w, all flattened. */
    private static double[][] gradients(OpTable.Variant v, Tensor[] xs, Backend backend, long seed) {
        try (GradientTape tape = new GradientTape()) {
            Var[] vars = new Var[xs.length];
            for (int i = 0; i < xs.length; i++) {
                vars[i] = tape.watch(xs[i]);
            }
            Var y = v.fn().apply(vars);
            Tensor w = backend.randNormal(seed, 0, 1, y.value().dims());
            Tensor[] g = tape.gradient(y.mul(tape.constant(w)).sum(), vars);
            double[][] out = new double[g.length + 1][];
            out[0] = y.value().toDoubleArray();
            for (int i = 0; i < g.length; i++) {
                out[i + 1] = g[i].toDoubleArray();
            }
            return out;
        }
    }

    /** The gradient of {@link AbstractOpTableTest#gradientOf}'s recorded gradient, contracted with a seeded u. */
    private static double[][] secondOrder(OpTable.Variant v, Tensor[] xs, Backend backend, long seed) {
        try (GradientTape tape = new GradientTape()) {
            Var[] vars = new Var[xs.length];
            for (int i = 0; i < xs.length; i++) {
                vars[i] = tape.watch(xs[i]);
            }
            Var g = AbstractOpTableTest.gradientOf(v.fn(), backend, seed).apply(vars);
            Tensor u = backend.randNormal(seed + 1, 0, 1, g.value().dims());
            Tensor[] h = tape.gradient(g.mul(tape.constant(u)).sum(), vars);
            double[][] out = new double[h.length][];
            for (int i = 0; i < h.length; i++) {
                out[i] = h[i].toDoubleArray();
            }
            return out;
        }
    }

    private static void compare(String where, double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            double scale = 0;
            for (double e : expected[i]) {
                scale = Math.max(scale, Math.abs(e));
            }
            assertArrayEquals(expected[i], actual[i], RTOL * Math.max(scale, Double.MIN_NORMAL), where + " part " + i);
        }
    }
}
