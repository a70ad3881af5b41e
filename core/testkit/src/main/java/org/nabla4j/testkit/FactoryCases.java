package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;

/** Rows for the factories of {@link org.nabla4j.core.Backend}: zeros, ones, full, of, scalar, ranges, eye, random. */
final class FactoryCases {
    private static final int[][] SHAPES = {{}, {1}, {5}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}, {0}, {2, 0, 3}};

    private FactoryCases() {}

    static List<DynamicNode> all(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        rows.add(group("zeros", constant(c, "zeros", 0.0)));
        rows.add(group("ones", constant(c, "ones", 1.0)));
        rows.add(group("full", full(c)));
        rows.add(group("of", of(c)));
        rows.add(group("scalar", scalar(c)));
        rows.add(group("arange", arange(c)));
        rows.add(group("linspace", linspace(c)));
        rows.add(group("eye", eye(c)));
        rows.add(group("randUniform", randUniform(c)));
        rows.add(group("randNormal", randNormal(c)));
        return rows;
    }

    private static List<DynamicTest> constant(Conformance c, String name, double value) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] s : SHAPES) {
            tests.add(test(name + shape(s), () -> {
                Tensor t = value == 0 ? c.backend.zeros(c.dtype, s) : c.backend.ones(c.dtype, s);
                c.check(ReferenceArray.full(s, value), t, Tolerance.EXACT);
            }));
        }
        tests.add(test(name + " without dtype is FLOAT64", () -> {
            Tensor t = value == 0 ? c.backend.zeros(2, 2) : c.backend.ones(2, 2);
            assertEquals(DType.FLOAT64, t.dtype());
            TensorAssertions.assertClose(
                    ReferenceArray.full(new int[] {2, 2}, value).data, new int[] {2, 2}, t, Tolerance.EXACT);
        }));
        return tests;
    }

    private static List<DynamicTest> full(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        double[] values = {-2.5, 0.1, 1e300, Double.NaN, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < SHAPES.length; i++) {
            int[] s = SHAPES[i];
            double v = values[i % values.length];
            tests.add(test(
                    "full(" + v + ")" + shape(s) + " rounded to the dtype",
                    () -> c.check(
                            ReferenceArray.full(s, c.dtype.round(v)), c.backend.full(c.dtype, v, s), Tolerance.EXACT)));
        }
        return tests;
    }

    private static List<DynamicTest> of(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] s : SHAPES) {
            if (s.length == 0) {
                continue;
            }
            tests.add(test("of" + shape(s), () -> {
                ReferenceArray r = c.uniform(11, -5, 5, s);
                c.check(r, c.backend.of(c.dtype, r.data, s), Tolerance.EXACT);
            }));
        }
        tests.add(test("of without shape is 1-D", () -> {
            double[] d = {1, -2, 3.5};
            c.check(ReferenceArray.vector(d), c.backend.of(c.dtype, d), Tolerance.EXACT);
        }));
        tests.add(test("of rounds to the dtype", () -> {
            double[] d = {0.1, 1.0 / 3, -1e-3, 123456789.123};
            c.check(
                    ReferenceArray.vector(d).round(c.dtype),
                    c.backend.of(c.dtype, d, 2, 2).reshape(4),
                    Tolerance.EXACT);
        }));
        tests.add(test("of copies its data", () -> {
            double[] d = {1, 2, 3};
            Tensor t = c.backend.of(c.dtype, d, 3);
            d[0] = 99;
            c.check(ReferenceArray.vector(1, 2, 3), t, Tolerance.EXACT);
        }));
        tests.add(test("of without dtype is FLOAT64", () -> {
            Tensor t = c.backend.of(new double[] {0.1, 0.2}, 2, 1);
            assertEquals(DType.FLOAT64, t.dtype());
            TensorAssertions.assertClose(new double[] {0.1, 0.2}, new int[] {2, 1}, t, Tolerance.EXACT);
        }));
        return tests;
    }

    private static List<DynamicTest> scalar(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (double v : new double[] {0.0, -3.25, 0.1, 1e300, Double.NaN, Double.POSITIVE_INFINITY}) {
            tests.add(test("scalar(" + v + ")", () -> {
                Tensor t = c.backend.scalar(c.dtype, v);
                assertEquals(0, t.rank());
                c.check(ReferenceArray.scalar(c.dtype.round(v)), t, Tolerance.EXACT);
            }));
        }
        tests.add(test("scalar without dtype is FLOAT64", () -> {
            Tensor t = c.backend.scalar(0.1);
            assertEquals(DType.FLOAT64, t.dtype());
            assertEquals(0.1, t.item());
        }));
        return tests;
    }

    /** Elements {@code start + i * step} while below {@code end} (above it for a negative step). */
    private static ReferenceArray arangeRef(Conformance c, double start, double end, double step) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; ; i++) {
            double x = start + i * step;
            if (step > 0 ? x >= end : x <= end) {
                break;
            }
            v.add(c.dtype.round(x));
        }
        return ReferenceArray.generate(new int[] {v.size()}, v::get);
    }

    private static List<DynamicTest> arange(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        double[][] args = {{0, 5, 1}, {-1, 1, 0.25}, {3, -2, -0.5}, {0, 1, 0.1}, {2, 2, 1}, {5, 0, 1}, {0.5, 3, 1}};
        for (double[] a : args) {
            tests.add(test(
                    "arange(" + a[0] + ", " + a[1] + ", " + a[2] + ")",
                    () -> c.check(
                            arangeRef(c, a[0], a[1], a[2]),
                            c.backend.arange(c.dtype, a[0], a[1], a[2]),
                            Tolerance.EXACT)));
        }
        tests.add(test("arange without dtype is FLOAT64", () -> {
            Tensor t = c.backend.arange(0, 3, 1);
            assertEquals(DType.FLOAT64, t.dtype());
            TensorAssertions.assertClose(new double[] {0, 1, 2}, new int[] {3}, t, Tolerance.EXACT);
        }));
        return tests;
    }

    private static List<DynamicTest> linspace(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        double[][] args = {{0, 1, 5}, {-2, 3, 11}, {1, -1, 4}, {0.1, 0.7, 3}, {4, 9, 1}, {4, 9, 0}, {2, 2, 3}};
        for (double[] a : args) {
            int n = (int) a[2];
            tests.add(test("linspace(" + a[0] + ", " + a[1] + ", " + n + ")", () -> {
                ReferenceArray ref = ReferenceArray.generate(
                        new int[] {n}, i -> c.dtype.round(n == 1 ? a[0] : a[0] + (a[1] - a[0]) * i / (n - 1)));
                Tensor t = c.backend.linspace(c.dtype, a[0], a[1], n);
                c.check(ref, t);
                if (n >= 1) {
                    assertEquals(c.dtype.round(a[0]), t.get(0), "first element is exactly start");
                }
                if (n >= 2) {
                    assertEquals(c.dtype.round(a[1]), t.get(n - 1), "last element is exactly end");
                }
            }));
        }
        tests.add(test("linspace without dtype is FLOAT64", () -> {
            Tensor t = c.backend.linspace(0, 1, 3);
            assertEquals(DType.FLOAT64, t.dtype());
            TensorAssertions.assertClose(new double[] {0, 0.5, 1}, new int[] {3}, t, Tolerance.EXACT);
        }));
        return tests;
    }

    private static List<DynamicTest> eye(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {0, 1, 3, 5}) {
            tests.add(test(
                    "eye(" + n + ")",
                    () -> c.check(
                            ReferenceArray.generate(new int[] {n, n}, i -> i / n == i % n ? 1 : 0),
                            c.backend.eye(c.dtype, n),
                            Tolerance.EXACT)));
        }
        tests.add(test("eye without dtype is FLOAT64", () -> {
            Tensor t = c.backend.eye(2);
            assertEquals(DType.FLOAT64, t.dtype());
            TensorAssertions.assertClose(new double[] {1, 0, 0, 1}, new int[] {2, 2}, t, Tolerance.EXACT);
        }));
        return tests;
    }

    private static List<DynamicTest> randUniform(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        long[] seeds = {0, 42, -7};
        int[][] shapes = {{}, {7}, {3, 4, 2}};
        double[][] ranges = {{0, 1}, {-2, 3}, {10, 10.5}};
        for (int i = 0; i < seeds.length; i++) {
            long seed = seeds[i];
            int[] s = shapes[i];
            double lo = ranges[i][0];
            double hi = ranges[i][1];
            tests.add(test(
                    "randUniform(seed " + seed + ", [" + lo + ", " + hi + "))" + shape(s) + " matches SplittableRandom",
                    () -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        ReferenceArray ref =
                                ReferenceArray.generate(s, k -> c.dtype.round(lo + (hi - lo) * r.nextDouble()));
                        c.check(ref, c.backend.randUniform(c.dtype, seed, lo, hi, s));
                    }));
        }
        tests.add(test("randUniform is reproducible and within [low, high)", () -> {
            Tensor a = c.backend.randUniform(c.dtype, 123, -1, 2, 500);
            Tensor b = c.backend.randUniform(c.dtype, 123, -1, 2, 500);
            TensorAssertions.assertClose(a.toDoubleArray(), b, Tolerance.EXACT);
            for (double v : a.toDoubleArray()) {
                assertTrue(v >= -1 && v <= 2, () -> "randUniform value " + v + " outside [-1, 2)");
            }
            double mean = a.mean().item();
            assertTrue(Math.abs(mean - 0.5) < 0.15, () -> "mean of 500 U(-1, 2) draws is " + mean);
        }));
        tests.add(test(
                "randUniform without dtype is FLOAT64",
                () -> assertEquals(
                        DType.FLOAT64, c.backend.randUniform(1, 0, 1, 2).dtype())));
        return tests;
    }

    private static List<DynamicTest> randNormal(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        long[] seeds = {0, 42, 9};
        int[][] shapes = {{}, {7}, {2, 3, 2}};
        double[][] params = {{0, 1}, {5, 0.5}, {-1, 3}};
        for (int i = 0; i < seeds.length; i++) {
            long seed = seeds[i];
            int[] s = shapes[i];
            double mean = params[i][0];
            double std = params[i][1];
            tests.add(test(
                    "randNormal(seed " + seed + ", " + mean + ", " + std + ")" + shape(s)
                            + " matches Box-Muller on SplittableRandom",
                    () -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        int n = ReferenceArray.sizeOf(s);
                        double[] d = new double[n];
                        for (int k = 0; k < n; k += 2) {
                            double u1 = 1.0 - r.nextDouble();
                            double u2 = r.nextDouble();
                            double rad = Math.sqrt(-2.0 * Math.log(u1));
                            d[k] = mean + std * rad * Math.cos(2 * Math.PI * u2);
                            if (k + 1 < n) {
                                d[k + 1] = mean + std * rad * Math.sin(2 * Math.PI * u2);
                            }
                        }
                        c.check(
                                new ReferenceArray(s, d).round(c.dtype),
                                c.backend.randNormal(c.dtype, seed, mean, std, s));
                    }));
        }
        tests.add(test("randNormal moments of 4000 draws", () -> {
            Tensor t = c.backend.randNormal(c.dtype, 2024, 1.5, 2.0, 4000);
            double[] d = t.toDoubleArray();
            double m = 0;
            for (double v : d) {
                m += v;
            }
            m /= d.length;
            double var = 0;
            for (double v : d) {
                var += (v - m) * (v - m);
            }
            double sd = Math.sqrt(var / (d.length - 1));
            double mm = m;
            assertTrue(Math.abs(mm - 1.5) < 0.15, () -> "sample mean " + mm);
            assertTrue(Math.abs(sd - 2.0) < 0.15, () -> "sample std " + sd);
        }));
        tests.add(test(
                "randNormal with std 0 is constant",
                () -> c.check(
                        ReferenceArray.full(new int[] {3}, c.dtype.round(0.3)),
                        c.backend.randNormal(c.dtype, 5, 0.3, 0.0, 3),
                        Tolerance.EXACT)));
        return tests;
    }
}
