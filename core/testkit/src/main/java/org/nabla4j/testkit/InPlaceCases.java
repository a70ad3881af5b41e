package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Rows for the in-place operations addi, subi, muli, divi and assign, in tensor form (with the operand broadcast to
 * the target) and scalar form. Each checks the values, that the method returns its receiver, that
 * {@link Tensor#version()} increases by exactly one, that the operand is untouched, and that a rejected call changes
 * neither values nor version.
 */
final class InPlaceCases {
    private InPlaceCases() {}

    record Row(
            String name,
            BiFunction<Tensor, Tensor, Tensor> tensorForm,
            BiFunction<Tensor, Double, Tensor> scalarForm,
            DoubleBinaryOperator ref) {}

    static List<Row> table() {
        return List.of(
                new Row("addi", Tensor::addi, Tensor::addi, (x, y) -> x + y),
                new Row("subi", Tensor::subi, Tensor::subi, (x, y) -> x - y),
                new Row("muli", Tensor::muli, Tensor::muli, (x, y) -> x * y),
                new Row("divi", Tensor::divi, Tensor::divi, (x, y) -> x / y),
                new Row("assign", Tensor::assign, Tensor::assign, (x, y) -> y));
    }

    static List<DynamicNode> all(Conformance c) {
        int[][][] pairs = {
            {{2, 3}, {2, 3}},
            {{2, 3}, {3}},
            {{2, 3}, {2, 1}},
            {{2, 3}, {}},
            {{2, 3, 4}, {3, 1}},
            {{}, {}},
            {{0, 3}, {3}},
        };
        List<DynamicNode> rows = new ArrayList<>();
        int row = 0;
        for (Row r : table()) {
            long seedBase = 60000L + 100L * ++row;
            List<DynamicTest> tests = new ArrayList<>();
            int i = 0;
            for (int[][] p : pairs) {
                long seed = seedBase + ++i;
                tests.add(test(r.name + " " + shape(p[0]) + " with " + shape(p[1]), () -> {
                    ReferenceArray x = c.uniform(seed, -3, 3, p[0]);
                    ReferenceArray y = c.nonZero(seed + 50, 0.5, 3, p[1]);
                    Tensor t = c.tensor(x);
                    Tensor o = c.tensor(y);
                    int v0 = t.version();
                    Tensor ret = r.tensorForm.apply(t, o);
                    assertSame(t, ret, r.name + " returns its receiver");
                    assertEquals(v0 + 1, t.version(), "version() increments once");
                    c.check(ReferenceArray.zip(x, y, r.ref).round(c.dtype), t);
                    c.check(y, o, Tolerance.EXACT);
                }));
            }
            for (double s : new double[] {2.5, -0.75}) {
                tests.add(test(r.name + "(" + s + ") on [2, 3]", () -> {
                    ReferenceArray x = c.uniform(seedBase + 70, -3, 3, 2, 3);
                    Tensor t = c.tensor(x);
                    int v0 = t.version();
                    assertSame(t, r.scalarForm.apply(t, s));
                    assertEquals(v0 + 1, t.version(), "version() increments once");
                    c.check(x.map(v -> r.ref.applyAsDouble(v, s)).round(c.dtype), t);
                }));
            }
            tests.add(test(r.name + " repeated: version counts every call", () -> {
                Tensor t = c.backend.ones(c.dtype, 3);
                Tensor o = c.backend.full(c.dtype, 2, 3);
                int v0 = t.version();
                for (int k = 0; k < 5; k++) {
                    r.tensorForm.apply(t, o);
                    r.scalarForm.apply(t, 1.0);
                }
                assertEquals(v0 + 10, t.version());
            }));
            tests.add(test(r.name + " rejects an operand that would enlarge the target", () -> {
                ReferenceArray x = c.uniform(seedBase + 80, -3, 3, 3);
                Tensor t = c.tensor(x);
                int v0 = t.version();
                TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> r.tensorForm.apply(t, c.backend.ones(c.dtype, 2, 3)),
                        "[3]",
                        "[2, 3]");
                assertEquals(v0, t.version(), "a rejected call must not change version()");
                c.check(x, t, Tolerance.EXACT);
            }));
            rows.add(group(r.name, tests));
        }
        rows.add(group("in-place rounding", List.of(test("muli(1/3) rounds to the dtype", () -> {
            Tensor t = c.backend.ones(c.dtype, 2);
            t.muli(1.0 / 3);
            c.check(ReferenceArray.full(new int[] {2}, c.dtype.round(1.0 / 3)), t, Tolerance.EXACT);
        }))));
        return rows;
    }
}
