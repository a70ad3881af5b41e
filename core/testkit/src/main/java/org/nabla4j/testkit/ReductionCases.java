package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Reduction rows: sum, mean, max, min, logSumExp and norm over all axes, single axes and several axes, with and
 * without {@code keepDims}, through every overload; argmax/argmin; the generic {@code reduce}; and {@code sumTo}.
 */
final class ReductionCases {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private ReductionCases() {}

    /** Calls a reduction overload: {@code axes == null} is the all-axes form, {@code keep == null} the varargs one. */
    @FunctionalInterface
    interface Call {
        Tensor apply(Tensor t, int[] axes, Boolean keep);
    }

    record Row(
            String name,
            ReduceOp op,
            Call call,
            ToDoubleFunction<double[]> ref,
            boolean emptyAllowed,
            boolean copiesOnNoAxes) {}

    /** A reduction sample: input shape, axes (null: all), keepDims (null: varargs overload). */
    record Sample(int[] shape, int[] axes, Boolean keep) {
        String label(String op) {
            String a = axes == null
                    ? "()"
                    : "(" + Arrays.toString(axes) + (keep == null ? "" : ", keepDims=" + keep) + ")";
            return op + a + " of " + Conformance.shape(shape);
        }
    }

    static List<Row> table() {
        return List.of(
                new Row(
                        "sum",
                        ReduceOp.SUM,
                        (t, a, k) -> a == null ? t.sum() : k == null ? t.sum(a) : t.sum(a, k),
                        ReferenceArray::sum,
                        true,
                        true),
                new Row(
                        "mean",
                        ReduceOp.MEAN,
                        (t, a, k) -> a == null ? t.mean() : k == null ? t.mean(a) : t.mean(a, k),
                        ReferenceArray::mean,
                        false,
                        true),
                new Row(
                        "max",
                        ReduceOp.MAX,
                        (t, a, k) -> a == null ? t.max() : k == null ? t.max(a) : t.max(a, k),
                        ReferenceArray::max,
                        false,
                        true),
                new Row(
                        "min",
                        ReduceOp.MIN,
                        (t, a, k) -> a == null ? t.min() : k == null ? t.min(a) : t.min(a, k),
                        ReferenceArray::min,
                        false,
                        true),
                new Row(
                        "logSumExp",
                        ReduceOp.LOGSUMEXP,
                        (t, a, k) -> a == null ? t.logSumExp() : k == null ? t.logSumExp(a) : t.logSumExp(a, k),
                        ReferenceArray::logSumExp,
                        true,
                        true),
                new Row(
                        "norm",
                        ReduceOp.NORM2,
                        (t, a, k) -> a == null ? t.norm() : t.norm(a, k == null ? false : k),
                        ReferenceArray::norm,
                        true,
                        false));
    }

    static List<Sample> samples() {
        return List.of(
                new Sample(new int[] {}, null, null),
                new Sample(new int[] {1}, null, null),
                new Sample(new int[] {5}, null, null),
                new Sample(new int[] {3, 4}, null, null),
                new Sample(new int[] {2, 3, 4}, null, null),
                new Sample(new int[] {2, 1, 3, 2}, null, null),
                new Sample(new int[] {3, 4}, new int[] {0}, null),
                new Sample(new int[] {3, 4}, new int[] {1}, true),
                new Sample(new int[] {2, 3, 4}, new int[] {-1}, false),
                new Sample(new int[] {2, 3, 4}, new int[] {1}, true),
                new Sample(new int[] {2, 1, 3}, new int[] {1}, false),
                new Sample(new int[] {2, 3, 4}, new int[] {0, 2}, null),
                new Sample(new int[] {2, 3, 4}, new int[] {2, 0}, true),
                new Sample(new int[] {2, 3, 1, 2}, new int[] {1, 2, 3}, false),
                new Sample(new int[] {2, 3, 1, 2}, new int[] {-1, -4}, true),
                new Sample(new int[] {2, 3, 4}, new int[] {0, 1, 2}, true),
                new Sample(new int[] {}, new int[] {}, false),
                new Sample(new int[] {5}, new int[] {0}, true),
                new Sample(new int[] {2, 3, 2, 1, 3}, new int[] {0, 2, 4}, false),
                new Sample(new int[] {2, 3, 2, 1, 3}, new int[] {1, 3}, true),
                new Sample(new int[] {40, 30}, new int[] {0}, false));
    }

    static List<Sample> emptySamples() {
        return List.of(
                new Sample(new int[] {0}, null, null),
                new Sample(new int[] {0, 3}, new int[] {0}, false),
                new Sample(new int[] {2, 0}, new int[] {1}, true),
                new Sample(new int[] {2, 0, 3}, new int[] {0, 2}, false));
    }

    static List<DynamicNode> reductions(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        int row = 0;
        for (Row r : table()) {
            long seedBase = 20000L + 100L * ++row;
            List<DynamicTest> tests = new ArrayList<>();
            int i = 0;
            for (Sample s : samples()) {
                long seed = seedBase + ++i;
                tests.add(test(s.label(r.name), () -> {
                    ReferenceArray x = c.uniform(seed, -3, 3, s.shape);
                    int[] axes = s.axes == null ? allAxes(s.shape.length) : s.axes;
                    ReferenceArray expected = x.reduce(axes, s.keep != null && s.keep, r.ref);
                    Tensor out = r.call.apply(c.tensor(x), s.axes, s.keep);
                    c.check(expected, out, c.tol.times(4).relativeTo(x.sumAbs()));
                }));
            }
            tests.add(test(r.name + "([]) over no axes " + (r.copiesOnNoAxes ? "is a copy" : "is |x|"), () -> {
                ReferenceArray x = c.uniform(seedBase + 50, -3, 3, 2, 3);
                ReferenceArray expected = r.copiesOnNoAxes ? x : x.map(Math::abs);
                c.check(expected, r.call.apply(c.tensor(x), new int[0], false), Tolerance.EXACT);
            }));
            for (Sample s : emptySamples()) {
                if (r.emptyAllowed || !reducesEmptyAxis(s)) {
                    tests.add(test(s.label(r.name) + " (empty)", () -> {
                        ReferenceArray x = ReferenceArray.full(s.shape, 0);
                        int[] axes = s.axes == null ? allAxes(s.shape.length) : s.axes;
                        ReferenceArray expected = x.reduce(axes, s.keep != null && s.keep, r.ref);
                        c.check(expected, r.call.apply(c.tensor(x), s.axes, s.keep), Tolerance.EXACT);
                    }));
                } else {
                    tests.add(test(s.label(r.name) + " (empty) is rejected", () -> {
                        Tensor t = c.backend.zeros(c.dtype, s.shape);
                        TensorAssertions.assertThrowsWithMessage(
                                ShapeMismatchException.class, () -> r.call.apply(t, s.axes, s.keep), shape(s.shape));
                    }));
                }
            }
            for (DynamicTest e : edges(c, r)) {
                tests.add(e);
            }
            tests.add(test(r.name + " via reduce(ReduceOp." + r.op + ")", () -> {
                ReferenceArray x = c.uniform(seedBase + 60, -3, 3, 2, 3, 2);
                Tensor out = c.tensor(x).reduce(r.op, new int[] {2, 0}, false);
                c.check(
                        x.reduce(new int[] {0, 2}, false, r.ref),
                        out,
                        c.tol.times(4).relativeTo(x.sumAbs()));
            }));
            rows.add(group(r.name, tests));
        }
        return rows;
    }

    private static List<DynamicTest> edges(Conformance c, Row r) {
        List<DynamicTest> tests = new ArrayList<>();
        double h = c.huge();
        double t = c.tiny();
        switch (r.op) {
            case SUM:
                tests.add(edge(c, r, "exact dyadic sum", ReferenceArray.vector(0.5, 0.25, 0.125, -2), null, false));
                tests.add(edge(c, r, "NaN and inf", ReferenceArray.vector(1, NAN, INF), null, false));
                tests.add(edge(c, r, "inf - inf", ReferenceArray.vector(INF, -INF), null, false));
                break;
            case MEAN:
                tests.add(edge(
                        c, r, "mean of a row", ReferenceArray.of(new int[] {2, 2}, 1, 2, 3, 5), new int[] {1}, false));
                tests.add(edge(c, r, "NaN propagates", ReferenceArray.vector(1, NAN, 3), null, false));
                break;
            case MAX:
            case MIN:
                tests.add(edge(c, r, "NaN propagates", ReferenceArray.vector(1, NAN, 3), null, false));
                tests.add(edge(
                        c,
                        r,
                        "NaN propagates per axis",
                        ReferenceArray.of(new int[] {2, 3}, 1, NAN, 3, 4, 5, 6),
                        new int[] {1},
                        false));
                tests.add(edge(c, r, "infinities", ReferenceArray.vector(-INF, INF, 0), null, false));
                tests.add(edge(c, r, "all -inf", ReferenceArray.vector(-INF, -INF), null, false));
                break;
            case LOGSUMEXP:
                tests.add(edge(
                        c,
                        r,
                        "logSumExp([1e4, 1e4]) = 1e4 + log 2 is finite",
                        ReferenceArray.vector(1e4, 1e4),
                        null,
                        false));
                tests.add(edge(
                        c,
                        r,
                        "large logits per row",
                        ReferenceArray.of(new int[] {2, 3}, 1e4, 1e4 - 1, -5, -1e4, -1e4, -1e4 - 2),
                        new int[] {1},
                        false));
                tests.add(edge(c, r, "all -inf gives -inf", ReferenceArray.vector(-INF, -INF), null, false));
                tests.add(edge(c, r, "+inf gives +inf", ReferenceArray.vector(INF, 1, -INF), null, false));
                tests.add(edge(c, r, "-inf terms vanish", ReferenceArray.vector(-INF, 0, 0), null, false));
                tests.add(edge(c, r, "NaN propagates", ReferenceArray.vector(NAN, 1), null, false));
                break;
            case NORM2:
                tests.add(edge(
                        c,
                        r,
                        "norm([" + h + ", " + h + "]) = √2·" + h + " does not overflow",
                        ReferenceArray.vector(h, h),
                        null,
                        false));
                tests.add(edge(
                        c,
                        r,
                        "norm([" + t + ", " + t + "]) = √2·" + t + " does not underflow",
                        ReferenceArray.vector(t, -t),
                        null,
                        false));
                tests.add(edge(c, r, "norm([3, 4]) = 5", ReferenceArray.vector(3, -4), null, true));
                tests.add(edge(
                        c,
                        r,
                        "huge and tiny per row",
                        ReferenceArray.of(new int[] {2, 2}, h, -h, t, t),
                        new int[] {1},
                        false));
                tests.add(edge(c, r, "inf gives inf", ReferenceArray.vector(1, -INF), null, false));
                tests.add(edge(c, r, "NaN propagates", ReferenceArray.vector(NAN, 1), null, false));
                break;
            default:
                throw new IllegalStateException("no edges for " + r.op);
        }
        return tests;
    }

    private static DynamicTest edge(
            Conformance c, Row r, String label, ReferenceArray input, int[] axes, boolean exact) {
        return test(r.name + ": " + label, () -> {
            ReferenceArray x = c.rounded(input);
            int[] ax = axes == null ? allAxes(x.rank()) : axes;
            ReferenceArray expected = x.reduce(ax, false, r.ref);
            // relative only: an absolute floor would accept 0 for the tiny norms these samples are about
            Tolerance t = exact ? Tolerance.EXACT : new Tolerance(4 * c.tol.rtol(), 0);
            c.check(expected, r.call.apply(c.tensor(x), axes, null), t);
        });
    }

    private static boolean reducesEmptyAxis(Sample s) {
        int[] axes = s.axes == null ? allAxes(s.shape.length) : s.axes;
        for (int a : axes) {
            if (s.shape[ReferenceArray.normalizeAxis(a, s.shape.length)] == 0) {
                return true;
            }
        }
        return false;
    }

    static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    static DynamicNode argReductions(Conformance c, boolean max) {
        String name = max ? "argmax" : "argmin";
        ToDoubleFunction<double[]> ref = max ? ReferenceArray::argmax : ReferenceArray::argmin;
        List<DynamicTest> tests = new ArrayList<>();
        int[][] flatShapes = {{}, {1}, {7}, {3, 4}, {2, 3, 2}};
        int i = 0;
        for (int[] s : flatShapes) {
            long seed = (max ? 30000 : 31000) + ++i;
            tests.add(test(name + "() of " + shape(s) + " with ties", () -> {
                ReferenceArray x = c.integers(seed, -2, 2, s);
                int expected = (int) ref.applyAsDouble(x.data);
                Tensor t = c.tensor(x);
                assertEquals(expected, max ? t.argmax() : t.argmin(), () -> name + " of " + x);
            }));
        }
        tests.add(test(name + "() counts NaN as the extreme", () -> {
            Tensor t = c.tensor(ReferenceArray.vector(1, 9, NAN, -9, NAN));
            assertEquals(2, max ? t.argmax() : t.argmin());
        }));
        tests.add(test(name + "() finds infinities", () -> {
            Tensor t = c.tensor(ReferenceArray.vector(1, -INF, INF, 0));
            assertEquals(max ? 2 : 1, max ? t.argmax() : t.argmin());
        }));
        Object[][] axisSamples = {
            {new int[] {3, 4}, 0, false},
            {new int[] {3, 4}, 1, true},
            {new int[] {3, 4}, -1, false},
            {new int[] {2, 3, 4}, 1, false},
            {new int[] {2, 3, 4}, 0, true},
            {new int[] {2, 1, 3, 2}, 2, false},
            {new int[] {5}, 0, false},
            {new int[] {4, 0}, 0, false},
        };
        for (Object[] a : axisSamples) {
            int[] s = (int[]) a[0];
            int axis = (Integer) a[1];
            boolean keep = (Boolean) a[2];
            long seed = (max ? 32000 : 33000) + ++i;
            tests.add(test(name + "(" + axis + ", keepDims=" + keep + ") of " + shape(s) + " with ties", () -> {
                ReferenceArray x = c.integers(seed, -2, 2, s);
                Tensor t = c.tensor(x);
                Tensor out = max ? t.argmax(axis, keep) : t.argmin(axis, keep);
                c.check(x.reduce(new int[] {axis}, keep, ref), out, Tolerance.EXACT);
            }));
        }
        tests.add(test(name + "(1) counts NaN as the extreme per row", () -> {
            ReferenceArray x = ReferenceArray.of(new int[] {2, 3}, 1, NAN, 3, 4, 5, 6);
            Tensor t = c.tensor(x);
            c.check(
                    ReferenceArray.vector(1, max ? 2 : 0),
                    max ? t.argmax(1, false) : t.argmin(1, false),
                    Tolerance.EXACT);
        }));
        ReduceOp op = max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN;
        tests.add(test(name + " via reduce(ReduceOp." + op + ")", () -> {
            ReferenceArray x = c.uniform(max ? 34000 : 35000, -3, 3, 3, 4);
            c.check(x.reduce(new int[] {0}, true, ref), c.tensor(x).reduce(op, new int[] {0}, true), Tolerance.EXACT);
        }));
        tests.add(test(name + " of an empty tensor is rejected", () -> {
            Tensor t = c.backend.zeros(c.dtype, 0, 3);
            TensorAssertions.assertThrowsWithMessage(
                    ShapeMismatchException.class,
                    () -> {
                        if (max) {
                            t.argmax();
                        } else {
                            t.argmin();
                        }
                    },
                    "[0, 3]");
            TensorAssertions.assertThrowsWithMessage(
                    ShapeMismatchException.class,
                    () -> {
                        if (max) {
                            t.argmax(0, false);
                        } else {
                            t.argmin(0, false);
                        }
                    },
                    "[0, 3]");
        }));
        return group(name, tests);
    }

    static DynamicNode sumTo(Conformance c) {
        int[][][] pairs = {
            {{2, 3}, {3}},
            {{2, 3}, {2, 1}},
            {{2, 3}, {1, 3}},
            {{4, 2, 3}, {2, 1}},
            {{2, 3}, {}},
            {{2, 1, 3}, {1, 1}},
            {{2, 3}, {2, 3}},
            {{2, 3, 4}, {3, 1}},
            {{0, 3}, {3}},
        };
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (int[][] p : pairs) {
            long seed = 36000 + ++i;
            tests.add(test("sumTo " + shape(p[0]) + " -> " + shape(p[1]), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, p[0]);
                c.check(
                        sumToReference(x, p[1]),
                        c.tensor(x).sumTo(Shape.of(p[1])),
                        c.tol.times(4).relativeTo(x.sumAbs()));
            }));
        }
        tests.add(test(
                "sumTo rejects a target that does not broadcast",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).sumTo(Shape.of(4)),
                        "[4]",
                        "[2, 3]")));
        return group("sumTo", tests);
    }

    /** Each target element is the sum of the source elements that broadcasting maps onto it. */
    static ReferenceArray sumToReference(ReferenceArray x, int[] target) {
        double[] out = new double[ReferenceArray.sizeOf(target)];
        int off = x.rank() - target.length;
        for (int f = 0; f < x.size(); f++) {
            int[] idx = ReferenceArray.unravel(f, x.shape);
            int[] t = new int[target.length];
            for (int k = 0; k < target.length; k++) {
                t[k] = target[k] == 1 ? 0 : idx[k + off];
            }
            out[ReferenceArray.ravel(t, target)] += x.data[f];
        }
        return new ReferenceArray(target, out);
    }
}
