package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;
import static org.nabla4j.testkit.Conformance.unscopedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;
import org.nabla4j.core.TensorScope;

/**
 * Storage and lifetime rows: results never share storage with their inputs (the contract forbids views), closing is
 * idempotent and any later use throws {@link TensorClosedException}, and {@link TensorScope} closes exactly the
 * tensors it owns.
 */
final class LifecycleCases {
    private LifecycleCases() {}

    record Derived(String name, int[] inputShape, Function<Tensor, Tensor> op) {}

    static List<Derived> derivedTable(Conformance c) {
        return List.of(
                new Derived("reshape", new int[] {2, 3}, t -> t.reshape(3, 2)),
                new Derived("flatten", new int[] {2, 3}, Tensor::flatten),
                new Derived("unsqueeze", new int[] {2, 3}, t -> t.unsqueeze(0)),
                new Derived("squeeze", new int[] {1, 2, 3}, t -> t.squeeze(0)),
                new Derived("transpose", new int[] {2, 3}, Tensor::transpose),
                new Derived("permute (identity)", new int[] {2, 3}, t -> t.permute(0, 1)),
                new Derived("slice (everything)", new int[] {2, 3}, t -> t.slice(0, 0, 2)),
                new Derived("slice (rows)", new int[] {4, 3}, t -> t.slice(0, 1, 3)),
                new Derived("select", new int[] {2, 3}, t -> t.select(0, 1)),
                new Derived("broadcastTo (same shape)", new int[] {2, 3}, t -> t.broadcastTo(2, 3)),
                new Derived("broadcastTo (expand)", new int[] {1, 3}, t -> t.broadcastTo(2, 3)),
                new Derived("copy", new int[] {2, 3}, Tensor::copy),
                new Derived("toDType (same)", new int[] {2, 3}, t -> t.toDType(c.dtype)),
                new Derived("toBackend (same)", new int[] {2, 3}, t -> t.toBackend(c.backend)),
                new Derived("sumTo (same shape)", new int[] {2, 3}, t -> t.sumTo(Shape.of(2, 3))),
                new Derived("sum over no axes", new int[] {2, 3}, t -> t.sum(new int[0], false)),
                new Derived("sum over an axis of extent 1", new int[] {1, 3}, t -> t.sum(0)),
                new Derived("concat of one tensor", new int[] {2, 3}, t -> Tensor.concat(0, t)),
                new Derived("stack of one tensor", new int[] {2, 3}, t -> Tensor.stack(0, t)),
                new Derived("mul(1)", new int[] {2, 3}, t -> t.mul(1.0)),
                new Derived(
                        "clamp(-inf, inf)",
                        new int[] {2, 3},
                        t -> t.clamp(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)),
                new Derived("matmul by identity", new int[] {2, 3}, t -> t.matmul(c.backend.eye(c.dtype, 3))));
    }

    static DynamicNode storage(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (Derived d : derivedTable(c)) {
            long seed = 70000 + ++i;
            tests.add(test(d.name + " of " + shape(d.inputShape) + " owns its storage", () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, d.inputShape);
                Tensor t = c.tensor(x);
                Tensor r = d.op.apply(t);
                double[] r0 = r.toDoubleArray();
                r.addi(100);
                c.check(x, t, Tolerance.EXACT);
                assertEquals(0, t.version(), "writing the result must not change the input's version");
                t.addi(1000);
                TensorAssertions.assertClose(
                        ReferenceArray.vector(r0).map(v -> v + 100).round(c.dtype).data, r, Tolerance.EXACT);
                r.close();
                assertFalse(t.isClosed());
                c.check(x.map(v -> v + 1000).round(c.dtype), t, Tolerance.EXACT);
            }));
        }
        return group("results own their storage", tests);
    }

    record Use(String name, Consumer<Tensor> use) {}

    static DynamicNode closed(Conformance c) {
        List<Use> uses = List.of(
                new Use("toDoubleArray", Tensor::toDoubleArray),
                new Use("toFloatArray", Tensor::toFloatArray),
                new Use("item", Tensor::item),
                new Use("get", t -> t.get(0, 0)),
                new Use("add (receiver)", t -> t.add(c.backend.ones(c.dtype, 2, 2))),
                new Use("add (operand)", t -> c.backend.ones(c.dtype, 2, 2).add(t)),
                new Use("add(s)", t -> t.add(1.0)),
                new Use("neg", Tensor::neg),
                new Use("clamp", t -> t.clamp(0, 1)),
                new Use("where", t -> Tensor.where(t, t, t)),
                new Use("sum", Tensor::sum),
                new Use("argmax", Tensor::argmax),
                new Use("matmul (operand)", t -> c.backend.ones(c.dtype, 2, 2).matmul(t)),
                new Use("reshape", t -> t.reshape(4)),
                new Use("transpose", Tensor::transpose),
                new Use("slice", t -> t.slice(0, 0, 1)),
                new Use("concat", t -> Tensor.concat(0, c.backend.ones(c.dtype, 2, 2), t)),
                new Use("broadcastTo", t -> t.broadcastTo(3, 2, 2)),
                new Use("copy", Tensor::copy),
                new Use("toDType", t -> t.toDType(c.otherDType())),
                new Use("toBackend", t -> t.toBackend(new ReferenceBackend())),
                new Use("addi (receiver)", t -> t.addi(1.0)),
                new Use("addi (operand)", t -> c.backend.ones(c.dtype, 2, 2).addi(t)),
                new Use("assign", t -> t.assign(0.0)),
                new Use("allFinite", Tensor::allFinite),
                new Use("linalg().det", t -> c.backend.linalg().det(t)),
                new Use("ensureOpen", Tensor::ensureOpen));
        List<DynamicTest> tests = new ArrayList<>();
        for (Use u : uses) {
            tests.add(test(u.name + " after close throws TensorClosedException", () -> {
                Tensor t = c.backend.ones(c.dtype, 2, 2).named("gone");
                t.close();
                TensorAssertions.assertThrowsWithMessage(
                        TensorClosedException.class, () -> u.use.accept(t), "'gone'", "closed");
            }));
        }
        tests.add(test("close is idempotent and marks the tensor", () -> {
            Tensor t = c.backend.ones(c.dtype, 3);
            assertFalse(t.isClosed());
            t.close();
            t.close();
            assertTrue(t.isClosed());
        }));
        tests.add(test("closing one tensor leaves others readable", () -> {
            Tensor a = c.backend.full(c.dtype, 2, 3);
            Tensor b = a.copy();
            Tensor s = a.add(b);
            a.close();
            c.check(ReferenceArray.full(new int[] {3}, 2), b, Tolerance.EXACT);
            c.check(ReferenceArray.full(new int[] {3}, 4), s, Tolerance.EXACT);
        }));
        tests.add(test("many tensors created and closed", () -> {
            Tensor w = c.backend.zeros(c.dtype, 16, 16);
            for (int k = 0; k < 2000; k++) {
                try (Tensor g = c.backend.ones(c.dtype, 16, 16);
                        Tensor u = g.mul(0.5)) {
                    w.addi(u);
                }
            }
            c.check(ReferenceArray.full(new int[] {16, 16}, 1000), w, Tolerance.EXACT);
        }));
        return group("close", tests);
    }

    @SuppressWarnings("try")
    static DynamicNode scope(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(unscopedTest("scope closes what it created, keeps kept and outside tensors", () -> {
            Tensor outside = c.backend.ones(c.dtype, 3);
            Tensor made;
            Tensor kept;
            Tensor derived;
            try (TensorScope s = TensorScope.open()) {
                assertSame(s, TensorScope.current());
                made = c.backend.zeros(c.dtype, 3);
                derived = outside.mul(2.0);
                kept = s.keep(outside.add(1.0));
                outside.addi(1.0);
                assertEquals(2, s.size(), "scope owns made and derived");
            }
            assertTrue(made.isClosed(), "created in the scope");
            assertTrue(derived.isClosed(), "result of an op in the scope");
            assertFalse(kept.isClosed(), "kept");
            assertFalse(outside.isClosed(), "created before the scope");
            c.check(ReferenceArray.full(new int[] {3}, 2), outside, Tolerance.EXACT);
            c.check(ReferenceArray.full(new int[] {3}, 2), kept, Tolerance.EXACT);
            kept.close();
        }));
        tests.add(unscopedTest("nested scopes: keep moves a tensor to the enclosing scope", () -> {
            Tensor inner;
            Tensor promoted;
            Tensor top;
            try (TensorScope outer = TensorScope.open()) {
                try (TensorScope in = TensorScope.open()) {
                    assertSame(in, TensorScope.current());
                    inner = c.backend.ones(c.dtype, 2);
                    promoted = in.keep(c.backend.ones(c.dtype, 2));
                    in.keepAll();
                }
                assertSame(outer, TensorScope.current());
                assertTrue(inner.isClosed());
                assertFalse(promoted.isClosed());
                assertEquals(1, outer.size(), "the promoted tensor now belongs to the outer scope");
                top = outer.keep(promoted);
            }
            assertFalse(top.isClosed(), "kept by the outermost scope: unscoped");
            top.close();
        }));
        tests.add(unscopedTest("nested scopes: a promoted tensor closes with the outer scope", () -> {
            Tensor promoted;
            try (TensorScope outer = TensorScope.open()) {
                try (TensorScope in = TensorScope.open()) {
                    promoted = in.keep(c.backend.ones(c.dtype, 2));
                }
                assertFalse(promoted.isClosed());
            }
            assertTrue(promoted.isClosed());
        }));
        tests.add(unscopedTest("keepAll keeps every tensor given", () -> {
            Tensor a;
            Tensor b;
            Tensor d;
            try (TensorScope s = TensorScope.open()) {
                a = c.backend.ones(c.dtype, 1);
                b = c.backend.ones(c.dtype, 1);
                d = c.backend.ones(c.dtype, 1);
                s.keepAll(a, b);
            }
            assertFalse(a.isClosed());
            assertFalse(b.isClosed());
            assertTrue(d.isClosed());
        }));
        tests.add(unscopedTest("keep rejects null and closed tensors", () -> {
            try (TensorScope s = TensorScope.open()) {
                assertThrows(InvalidArgumentException.class, () -> s.keep(null));
                Tensor t = c.backend.ones(c.dtype, 1);
                t.close();
                assertThrows(TensorClosedException.class, () -> s.keep(t));
            }
        }));
        tests.add(unscopedTest("closing scopes out of order is rejected", () -> {
            TensorScope outer = TensorScope.open();
            TensorScope inner = TensorScope.open();
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
                assertTrue(e.getMessage().contains("nested"), e.getMessage());
            } finally {
                inner.close();
                outer.close();
            }
            assertNull(TensorScope.current());
        }));
        tests.add(unscopedTest("a training-style loop runs in flat memory", () -> {
            Tensor w = c.backend.ones(c.dtype, 8);
            List<Tensor> temporaries = new ArrayList<>();
            for (int step = 0; step < 500; step++) {
                try (TensorScope s = TensorScope.open()) {
                    Tensor g = w.mul(2.0);
                    Tensor u = g.mul(0.001);
                    w.subi(u);
                    temporaries.add(g);
                    temporaries.add(u);
                    assertEquals(2, s.size());
                }
            }
            assertFalse(w.isClosed());
            for (Tensor t : temporaries) {
                assertTrue(t.isClosed(), () -> t.describe() + " leaked out of its scope");
            }
            double expected = Math.pow(1 - 0.002, 500);
            c.check(ReferenceArray.full(new int[] {8}, expected), w, c.tol.times(1000));
            assertEquals(500, w.version());
        }));
        return group("TensorScope", tests);
    }
}
