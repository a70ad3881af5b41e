package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Rows for copying, conversion and element access: copy, toDType, toBackend, toDoubleArray, toFloatArray, get, item,
 * allFinite, allClose, the descriptive properties and toString.
 */
final class ConversionCases {
    private static final int[][] SHAPES = {{}, {1}, {5}, {2, 3}, {2, 1, 3, 2}, {0, 3}};

    private ConversionCases() {}

    static List<DynamicNode> all(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        rows.add(group("copy", copy(c)));
        rows.add(group("toDType", toDType(c)));
        rows.add(group("toBackend", toBackend(c)));
        rows.add(group("toDoubleArray, toFloatArray", arrays(c)));
        rows.add(group("get, item", access(c)));
        rows.add(group("allFinite, allClose", predicates(c)));
        rows.add(group("properties, toString", describe(c)));
        return rows;
    }

    private static List<DynamicTest> copy(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (int[] s : SHAPES) {
            long seed = 50000 + ++i;
            tests.add(test("copy of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                Tensor t = c.tensor(x);
                Tensor cp = t.copy();
                assertNotSame(t, cp);
                c.check(x, cp, Tolerance.EXACT);
            }));
        }
        return tests;
    }

    private static List<DynamicTest> toDType(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        DType other = c.otherDType();
        int i = 0;
        for (int[] s : SHAPES) {
            long seed = 51000 + ++i;
            tests.add(test("toDType(" + other + ") of " + shape(s) + " and back", () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                Tensor t = c.tensor(x);
                Tensor o = t.toDType(other);
                assertEquals(other, o.dtype());
                assertSame(c.backend, o.backend());
                TensorAssertions.assertClose(x.round(other).data, s, o, Tolerance.EXACT);
                c.check(x.round(other).round(c.dtype), o.toDType(c.dtype), Tolerance.EXACT);
            }));
        }
        tests.add(test("toDType(FLOAT32) rounds to nearest, overflow to infinity", () -> {
            Tensor t = c.backend.of(DType.FLOAT64, new double[] {0.1, 1.0 / 3, 1e300, -1e-50, 16777217}, 5);
            Tensor f = t.toDType(DType.FLOAT32);
            assertEquals(DType.FLOAT32, f.dtype());
            TensorAssertions.assertClose(
                    new double[] {(float) 0.1, (float) (1.0 / 3), Double.POSITIVE_INFINITY, (float) -1e-50, 16777216},
                    f,
                    Tolerance.EXACT);
        }));
        tests.add(test("toDType(FLOAT64) of FLOAT32 is exact", () -> {
            Tensor f = c.backend.of(DType.FLOAT32, new double[] {0.1, -2.5}, 2);
            Tensor d = f.toDType(DType.FLOAT64);
            assertEquals(DType.FLOAT64, d.dtype());
            TensorAssertions.assertClose(new double[] {(float) 0.1, -2.5}, d, Tolerance.EXACT);
        }));
        tests.add(test("toDType(" + c.dtype + ") to the same dtype is a copy", () -> {
            ReferenceArray x = c.uniform(51100, -3, 3, 2, 2);
            Tensor t = c.tensor(x);
            Tensor same = t.toDType(c.dtype);
            assertNotSame(t, same);
            c.check(x, same, Tolerance.EXACT);
        }));
        tests.add(test(
                "toDType(null) is rejected",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2).toDType(null),
                        "dtype")));
        return tests;
    }

    private static List<DynamicTest> toBackend(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (int[] s : SHAPES) {
            long seed = 52000 + ++i;
            tests.add(test("toBackend(reference) of " + shape(s) + " and back", () -> {
                Backend ref = new ReferenceBackend();
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                Tensor t = c.tensor(x);
                Tensor r = t.toBackend(ref);
                assertSame(ref, r.backend());
                assertEquals(c.dtype, r.dtype());
                TensorAssertions.assertClose(x.data, s, r, Tolerance.EXACT);
                Tensor back = r.toBackend(c.backend);
                c.check(x, back, Tolerance.EXACT);
            }));
        }
        tests.add(test("toBackend of the same backend is a copy", () -> {
            ReferenceArray x = c.uniform(52100, -3, 3, 3);
            Tensor t = c.tensor(x);
            Tensor same = t.toBackend(c.backend);
            assertNotSame(t, same);
            c.check(x, same, Tolerance.EXACT);
        }));
        tests.add(test(
                "toBackend(null) is rejected",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2).toBackend(null),
                        "backend")));
        return tests;
    }

    private static List<DynamicTest> arrays(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (int[] s : SHAPES) {
            long seed = 53000 + ++i;
            tests.add(test("toDoubleArray and toFloatArray of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                Tensor t = c.tensor(x);
                double[] d = t.toDoubleArray();
                TensorAssertions.assertClose(x.data, d, Tolerance.EXACT, "toDoubleArray");
                float[] f = t.toFloatArray();
                assertEquals(x.size(), f.length);
                for (int k = 0; k < f.length; k++) {
                    assertEquals((float) x.data[k], f[k], "toFloatArray element " + k);
                }
            }));
        }
        tests.add(test("toDoubleArray returns a fresh array", () -> {
            Tensor t = c.tensor(ReferenceArray.vector(1, 2, 3));
            double[] d = t.toDoubleArray();
            d[0] = 42;
            assertEquals(1.0, t.get(0));
            assertNotSame(d, t.toDoubleArray());
        }));
        return tests;
    }

    private static List<DynamicTest> access(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("get every index of [2, 3, 4], also negative", () -> {
            ReferenceArray x = c.uniform(54000, -3, 3, 2, 3, 4);
            Tensor t = c.tensor(x);
            for (int f = 0; f < x.size(); f++) {
                int[] idx = ReferenceArray.unravel(f, x.shape);
                assertEquals(x.data[f], t.get(idx), "get" + java.util.Arrays.toString(idx));
                int[] neg = {idx[0] - 2, idx[1] - 3, idx[2] - 4};
                assertEquals(x.data[f], t.get(neg), "get" + java.util.Arrays.toString(neg));
            }
        }));
        tests.add(test(
                "get() of rank 0",
                () -> assertEquals(
                        c.dtype.round(0.7), c.backend.scalar(c.dtype, 0.7).get())));
        tests.add(test(
                "get rejects the wrong number of indices",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).get(1),
                        "[2, 3]")));
        tests.add(test(
                "get rejects an index out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).get(0, 3),
                        "3",
                        "[2, 3]")));
        tests.add(test(
                "get rejects a negative index out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).get(-3, 0),
                        "-3")));
        int[][] singletons = {{}, {1}, {1, 1, 1}};
        for (int[] s : singletons) {
            tests.add(test("item of " + shape(s), () -> {
                Tensor t = c.backend.full(c.dtype, -1.25, s);
                assertEquals(-1.25, t.item());
            }));
        }
        tests.add(test(
                "item rejects [2], naming the shape",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2).item(),
                        "[2]")));
        tests.add(test(
                "item rejects an empty tensor",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 0).item(),
                        "[0]")));
        return tests;
    }

    private static List<DynamicTest> predicates(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("allFinite", () -> {
            assertTrue(c.tensor(ReferenceArray.vector(1, -2, 3e30)).allFinite());
            assertFalse(c.tensor(ReferenceArray.vector(1, Double.NaN)).allFinite());
            assertFalse(
                    c.tensor(ReferenceArray.vector(Double.NEGATIVE_INFINITY, 0)).allFinite());
            assertTrue(c.backend.zeros(c.dtype, 0, 2).allFinite());
            assertTrue(c.backend.scalar(c.dtype, 5).allFinite());
        }));
        tests.add(test("allClose", () -> {
            Tensor a = c.tensor(ReferenceArray.vector(1, 2, 3));
            Tensor b = c.tensor(ReferenceArray.vector(1, 2, 3.5));
            assertTrue(a.allClose(a.copy(), 0, 0));
            assertFalse(a.allClose(b, 0, 0.1));
            assertTrue(a.allClose(b, 0, 0.6));
            assertTrue(a.allClose(b, 0.2, 0));
            assertFalse(a.allClose(c.tensor(ReferenceArray.of(new int[] {3, 1}, 1, 2, 3)), 1, 1));
            Tensor nan = c.tensor(ReferenceArray.vector(Double.NaN));
            assertFalse(nan.allClose(nan.copy(), 1, 1));
            Tensor inf = c.tensor(ReferenceArray.vector(Double.POSITIVE_INFINITY));
            assertTrue(inf.allClose(inf.copy(), 0, 0));
        }));
        return tests;
    }

    private static List<DynamicTest> describe(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test("shape properties", () -> {
            Tensor t = c.backend.zeros(c.dtype, 2, 3, 4);
            assertArrayEquals(new int[] {2, 3, 4}, t.dims());
            assertEquals(3, t.rank());
            assertEquals(24, t.size());
            assertEquals(c.dtype, t.dtype());
            assertSame(c.backend, t.backend());
            int[] d = t.dims();
            d[0] = 99;
            assertArrayEquals(new int[] {2, 3, 4}, t.dims(), "dims() must return a copy");
            assertTrue(t.id() != c.backend.zeros(c.dtype, 1).id(), "ids are unique");
        }));
        tests.add(test("named and describe", () -> {
            Tensor t = c.backend.zeros(c.dtype, 2, 3);
            assertNull(t.name());
            assertSame(t, t.named("w"));
            assertEquals("w", t.name());
            String d = t.describe();
            assertTrue(
                    d.contains("'w'")
                            && d.contains("[2, 3]")
                            && d.contains(c.dtype.name())
                            && d.contains(c.backend.name()),
                    d);
        }));
        tests.add(test("toString shows values, dtype and backend", () -> {
            Tensor t = c.tensor(ReferenceArray.of(new int[] {2, 2}, 1, 2, 3, 4.5));
            String s = t.toString();
            assertTrue(s.startsWith("tensor("), s);
            assertTrue(s.contains("[[1.0, 2.0], [3.0, 4.5]]"), s);
            assertTrue(s.contains(c.dtype.name()) && s.contains(c.backend.name()), s);
        }));
        tests.add(test("toString of rank 0, empty, named", () -> {
            assertTrue(c.backend.scalar(c.dtype, 2.5).toString().contains("2.5"));
            assertTrue(c.backend.zeros(c.dtype, 0).toString().contains("[]"));
            assertTrue(c.backend.zeros(c.dtype, 1).named("bias").toString().contains("'bias'"));
        }));
        tests.add(test("toString of a large tensor is summarized", () -> {
            String s = c.backend.arange(c.dtype, 0, 2000, 1).toString();
            assertTrue(s.contains("...") && s.contains("1999.0") && s.length() < 500, s);
        }));
        tests.add(test("toString of a closed tensor", () -> {
            Tensor t = c.backend.zeros(c.dtype, 2);
            t.close();
            assertTrue(t.toString().contains("closed"), t.toString());
        }));
        return tests;
    }
}
