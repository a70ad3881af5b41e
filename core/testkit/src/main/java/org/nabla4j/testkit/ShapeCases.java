package org.nabla4j.testkit;

import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.InvalidAxisException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Rows for the matrix product and every shape operation: matmul, transpose, permute, reshape, flatten, squeeze,
 * unsqueeze, slice, select, concat, stack and broadcastTo. Shape operations move values without arithmetic, so they
 * are compared exactly.
 */
final class ShapeCases {
    private ShapeCases() {}

    static DynamicNode matmul(Conformance c) {
        int[][][] pairs = {
            {{2, 3}, {3, 4}},
            {{1, 1}, {1, 1}},
            {{3, 1}, {1, 2}},
            {{1, 5}, {5, 1}},
            {{4, 4}, {4, 4}},
            {{2, 0}, {0, 3}},
            {{0, 3}, {3, 2}},
            {{2, 2, 3}, {2, 3, 4}},
            {{2, 1, 2, 3}, {3, 3, 2}},
            {{2, 3}, {4, 3, 2}},
            {{4, 2, 3}, {3, 5}},
            {{1, 2, 3}, {2, 1, 3, 2}},
            {{3}, {3}},
            {{3}, {3, 2}},
            {{2, 3}, {3}},
            {{3}, {2, 3, 4}},
            {{2, 3, 4}, {4}},
            {{1}, {1}},
            {{100, 97}, {97, 99}},
            {{2, 96, 96}, {96, 96}},
        };
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (int[][] p : pairs) {
            long seed = 40000 + ++i;
            tests.add(test("matmul " + shape(p[0]) + " x " + shape(p[1]), () -> {
                ReferenceArray a = c.uniform(seed, -2, 2, p[0]);
                ReferenceArray b = c.uniform(seed + 500, -2, 2, p[1]);
                ReferenceArray scale = ReferenceArray.matmulAbs(a, b);
                c.check(
                        ReferenceArray.matmul(a, b),
                        c.tensor(a).matmul(c.tensor(b)),
                        c.tol.times(4).relativeTo(scale.maxAbs()));
            }));
        }
        tests.add(test("matmul of integer matrices is exact", () -> {
            ReferenceArray a = ReferenceArray.of(new int[] {2, 2}, 1, 2, 3, 4);
            ReferenceArray b = ReferenceArray.of(new int[] {2, 2}, 5, 6, 7, 8);
            c.check(
                    ReferenceArray.of(new int[] {2, 2}, 19, 22, 43, 50),
                    c.tensor(a).matmul(c.tensor(b)),
                    Tolerance.EXACT);
        }));
        tests.add(test("matmul with identity", () -> {
            ReferenceArray a = c.uniform(40100, -2, 2, 3, 3);
            c.check(a, c.tensor(a).matmul(c.backend.eye(c.dtype, 3)), Tolerance.EXACT);
        }));
        if (c.isF64()) {
            tests.add(test("matmul with huge entries", () -> {
                ReferenceArray a = ReferenceArray.of(new int[] {1, 2}, 1e150, 1e150);
                ReferenceArray b = ReferenceArray.of(new int[] {2, 1}, 1e150, -1e149);
                c.check(ReferenceArray.matmul(a, b), c.tensor(a).matmul(c.tensor(b)));
            }));
        }
        tests.add(test(
                "matmul rejects inner dimensions [2, 3] x [4, 5]",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).matmul(c.backend.ones(c.dtype, 4, 5)),
                        "[2, 3]",
                        "[4, 5]")));
        tests.add(test(
                "matmul rejects 1-D inner mismatch [3] x [4]",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 3).matmul(c.backend.ones(c.dtype, 4)),
                        "[3]",
                        "[4]")));
        tests.add(test(
                "matmul rejects rank 0",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.scalar(c.dtype, 2).matmul(c.backend.ones(c.dtype, 2, 2)),
                        "[]")));
        tests.add(test(
                "matmul rejects batch axes that do not broadcast",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 2, 3).matmul(c.backend.ones(c.dtype, 3, 3, 4)),
                        "[2]",
                        "[3]")));
        return group("matmul", tests);
    }

    static DynamicNode transpose(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] shapes = {{}, {4}, {2, 3}, {1, 5}, {2, 3, 4}, {2, 1, 3, 2}, {0, 3}};
        int i = 0;
        for (int[] s : shapes) {
            long seed = 41000 + ++i;
            tests.add(test("transpose() of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                int[] perm = new int[s.length];
                for (int k = 0; k < s.length; k++) {
                    perm[k] = s.length - 1 - k;
                }
                c.check(x.permute(perm), c.tensor(x).transpose(), Tolerance.EXACT);
            }));
        }
        int[][] swaps = {{0, 2}, {-1, 0}, {1, 1}, {2, -2}};
        for (int[] sw : swaps) {
            tests.add(test("transpose(" + sw[0] + ", " + sw[1] + ") of [2, 3, 4]", () -> {
                ReferenceArray x = c.uniform(41100, -3, 3, 2, 3, 4);
                int[] perm = {0, 1, 2};
                int a = ReferenceArray.normalizeAxis(sw[0], 3);
                int b = ReferenceArray.normalizeAxis(sw[1], 3);
                perm[a] = b;
                perm[b] = a;
                c.check(x.permute(perm), c.tensor(x).transpose(sw[0], sw[1]), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "transpose(0, 2) of rank 2 is rejected",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).transpose(0, 2),
                        "2")));
        return group("transpose", tests);
    }

    static DynamicNode permute(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] samples = {
            {new int[] {2, 3, 4}, new int[] {2, 0, 1}},
            {new int[] {2, 3, 4}, new int[] {-1, 0, 1}},
            {new int[] {2, 3, 4}, new int[] {0, 1, 2}},
            {new int[] {}, new int[] {}},
            {new int[] {2, 3, 1, 2}, new int[] {3, 1, 0, 2}},
            {new int[] {0, 2}, new int[] {1, 0}},
            {new int[] {2, 3, 1, 4, 2}, new int[] {4, 2, 0, 3, 1}},
        };
        int i = 0;
        for (Object[] sm : samples) {
            int[] s = (int[]) sm[0];
            int[] perm = (int[]) sm[1];
            long seed = 42000 + ++i;
            tests.add(test("permute" + Arrays.toString(perm) + " of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.permute(perm), c.tensor(x).permute(perm), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "permute rejects a repeated axis",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).permute(0, -2),
                        "repeated")));
        tests.add(test(
                "permute rejects the wrong number of axes",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).permute(1, 0, 2),
                        "[2, 3]")));
        tests.add(test(
                "permute rejects an axis out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).permute(0, 2),
                        "2")));
        return group("permute", tests);
    }

    static DynamicNode reshape(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] samples = {
            {new int[] {2, 3, 4}, new int[] {4, -1}, new int[] {4, 6}},
            {new int[] {2, 3, 4}, new int[] {24}, new int[] {24}},
            {new int[] {2, 3, 4}, new int[] {2, 3, 4, 1}, new int[] {2, 3, 4, 1}},
            {new int[] {2, 3, 4}, new int[] {-1}, new int[] {24}},
            {new int[] {6}, new int[] {3, -1}, new int[] {3, 2}},
            {new int[] {}, new int[] {1, 1, 1}, new int[] {1, 1, 1}},
            {new int[] {1}, new int[] {}, new int[] {}},
            {new int[] {1, 1}, new int[] {-1}, new int[] {1}},
            {new int[] {0, 3}, new int[] {3, 0}, new int[] {3, 0}},
            {new int[] {0, 3}, new int[] {-1, 3}, new int[] {0, 3}},
            {new int[] {2, 6}, new int[] {2, -1, 2}, new int[] {2, 3, 2}},
        };
        int i = 0;
        for (Object[] sm : samples) {
            int[] s = (int[]) sm[0];
            int[] target = (int[]) sm[1];
            int[] result = (int[]) sm[2];
            long seed = 43000 + ++i;
            tests.add(test("reshape " + shape(s) + " to " + Arrays.toString(target), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.reshape(result), c.tensor(x).reshape(target), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "reshape rejects [2, 3] to [4], naming both",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).reshape(4),
                        "[2, 3]",
                        "[4]")));
        tests.add(test(
                "reshape rejects two -1",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).reshape(-1, -1),
                        "-1")));
        tests.add(test(
                "reshape rejects an impossible -1",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).reshape(4, -1),
                        "[2, 3]")));
        tests.add(test(
                "reshape rejects a negative extent",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).reshape(-2, -3),
                        "-2")));
        return group("reshape", tests);
    }

    static DynamicNode flattenSqueezeUnsqueeze(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] flat = {{}, {5}, {2, 3, 4}, {0, 3}};
        int i = 0;
        for (int[] s : flat) {
            long seed = 44000 + ++i;
            tests.add(test("flatten " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.reshape(x.size()), c.tensor(x).flatten(), Tolerance.EXACT);
            }));
        }
        Object[][] squeeze = {
            {new int[] {1, 3}, 0, new int[] {3}},
            {new int[] {3, 1}, -1, new int[] {3}},
            {new int[] {1}, 0, new int[] {}},
            {new int[] {2, 1, 3}, 1, new int[] {2, 3}},
            {new int[] {1, 0}, 0, new int[] {0}},
        };
        for (Object[] sm : squeeze) {
            int[] s = (int[]) sm[0];
            int axis = (Integer) sm[1];
            int[] out = (int[]) sm[2];
            long seed = 44100 + ++i;
            tests.add(test("squeeze(" + axis + ") of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.reshape(out), c.tensor(x).squeeze(axis), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "squeeze rejects an axis of extent 3",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).squeeze(1),
                        "[2, 3]")));
        Object[][] unsqueeze = {
            {new int[] {}, 0, new int[] {1}},
            {new int[] {3}, 0, new int[] {1, 3}},
            {new int[] {3}, 1, new int[] {3, 1}},
            {new int[] {3}, -1, new int[] {3, 1}},
            {new int[] {2, 3}, -2, new int[] {2, 1, 3}},
            {new int[] {2, 3}, -3, new int[] {1, 2, 3}},
            {new int[] {0}, 1, new int[] {0, 1}},
        };
        for (Object[] sm : unsqueeze) {
            int[] s = (int[]) sm[0];
            int axis = (Integer) sm[1];
            int[] out = (int[]) sm[2];
            long seed = 44200 + ++i;
            tests.add(test("unsqueeze(" + axis + ") of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.reshape(out), c.tensor(x).unsqueeze(axis), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "unsqueeze rejects an axis beyond rank",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).unsqueeze(3),
                        "3")));
        return group("flatten, squeeze, unsqueeze", tests);
    }

    static DynamicNode slice(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] samples = {
            // 1-D: {n, -1, axis, start, end, step}; 3-D: {d0, d1, d2, axis, start, end, step}
            {5, -1, 0, 1, 4, 1},
            {5, -1, 0, -3, -1, 1},
            {5, -1, 0, 0, 5, 2},
            {5, -1, 0, 1, 100, 3},
            {5, -1, 0, -100, 2, 1},
            {5, -1, 0, 3, 1, 1},
            {5, -1, 0, 7, 9, 1},
            {5, -1, 0, 0, 5, 10},
            {3, 4, 2, 1, 0, 4, 2},
            {3, 4, 2, -1, 1, 2, 1},
            {3, 4, 2, 0, -2, 3, 1},
            {3, 4, 2, 1, 2, 2, 1},
        };
        int i = 0;
        for (int[] sm : samples) {
            int[] s = sm[1] == -1 ? new int[] {sm[0]} : new int[] {sm[0], sm[1], sm[2]};
            int base = sm[1] == -1 ? 2 : 3;
            int axis = sm[base];
            int start = sm[base + 1];
            int end = sm[base + 2];
            int step = sm[base + 3];
            long seed = 45000 + ++i;
            tests.add(test("slice(axis " + axis + ", " + start + ":" + end + ":" + step + ") of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                Tensor t = c.tensor(x);
                Tensor out = step == 1 ? t.slice(axis, start, end) : t.slice(axis, start, end, step);
                c.check(x.slice(axis, start, end, step), out, Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "slice rejects step 0",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 4).slice(0, 0, 4, 0),
                        "step")));
        tests.add(test(
                "slice rejects an axis out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 4).slice(1, 0, 4),
                        "1")));
        return group("slice", tests);
    }

    static DynamicNode diagonal(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] shapes = {{3, 3}, {2, 4}, {4, 2}, {1, 1}, {1, 5}, {0, 3}, {3, 0}};
        int i = 0;
        for (int[] s : shapes) {
            long seed = 46500 + ++i;
            tests.add(test("diagonal of " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                int k = Math.min(s[0], s[1]);
                ReferenceArray expected = ReferenceArray.generate(new int[] {k}, j -> x.data[j * s[1] + j]);
                c.check(expected, c.tensor(x).diagonal(), Tolerance.EXACT);
            }));
        }
        for (int[] s : new int[][] {{3}, {2, 2, 2}, {}}) {
            tests.add(test(
                    "diagonal rejects shape " + shape(s),
                    () -> TensorAssertions.assertThrowsWithMessage(
                            ShapeMismatchException.class,
                            () -> c.backend.ones(c.dtype, s).diagonal(),
                            shape(s))));
        }
        return group("diagonal", tests);
    }

    static DynamicNode select(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] samples = {{0, 1}, {1, 0}, {2, -1}, {-1, 2}, {0, -2}};
        int i = 0;
        for (int[] sm : samples) {
            long seed = 46000 + ++i;
            tests.add(test("select(" + sm[0] + ", " + sm[1] + ") of [2, 3, 4]", () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, 2, 3, 4);
                int axis = ReferenceArray.normalizeAxis(sm[0], 3);
                int n = x.shape[axis];
                int idx = sm[1] < 0 ? sm[1] + n : sm[1];
                int[] out = new int[2];
                for (int k = 0, j = 0; k < 3; k++) {
                    if (k != axis) {
                        out[j++] = x.shape[k];
                    }
                }
                c.check(x.slice(axis, idx, idx + 1, 1).reshape(out), c.tensor(x).select(sm[0], sm[1]), Tolerance.EXACT);
            }));
        }
        tests.add(test("select of a vector gives rank 0", () -> {
            ReferenceArray x = ReferenceArray.vector(4, 5, 6);
            c.check(ReferenceArray.scalar(5), c.tensor(x).select(0, 1), Tolerance.EXACT);
        }));
        tests.add(test(
                "select rejects an index out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).select(1, 3),
                        "3",
                        "[2, 3]")));
        return group("select", tests);
    }

    static DynamicNode concat(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] samples = {
            {0, new int[][] {{2, 3}, {1, 3}}},
            {1, new int[][] {{2, 1}, {2, 3}, {2, 2}}},
            {-1, new int[][] {{2, 2}, {2, 1}}},
            {0, new int[][] {{0, 3}, {2, 3}, {0, 3}}},
            {0, new int[][] {{4}}},
            {1, new int[][] {{2, 1, 2}, {2, 3, 2}}},
            {0, new int[][] {{1}, {1}, {1}, {1}}},
        };
        int i = 0;
        for (Object[] sm : samples) {
            int axis = (Integer) sm[0];
            int[][] shapes = (int[][]) sm[1];
            long seed = 47000 + ++i;
            StringBuilder label = new StringBuilder("concat(axis " + axis + ")");
            for (int[] s : shapes) {
                label.append(' ').append(shape(s));
            }
            tests.add(test(label.toString(), () -> {
                ReferenceArray[] parts = new ReferenceArray[shapes.length];
                Tensor[] ts = new Tensor[shapes.length];
                for (int k = 0; k < shapes.length; k++) {
                    parts[k] = c.uniform(seed + k, -3, 3, shapes[k]);
                    ts[k] = c.tensor(parts[k]);
                }
                c.check(ReferenceArray.concat(axis, parts), Tensor.concat(axis, ts), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "concat rejects shapes that differ off the axis, naming both",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> Tensor.concat(0, c.backend.ones(c.dtype, 2, 3), c.backend.ones(c.dtype, 2, 4)),
                        "[2, 3]",
                        "[2, 4]")));
        tests.add(test(
                "concat rejects different ranks",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> Tensor.concat(0, c.backend.ones(c.dtype, 2, 3), c.backend.ones(c.dtype, 3)),
                        "[2, 3]",
                        "[3]")));
        tests.add(test(
                "concat rejects rank-0 tensors",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> Tensor.concat(0, c.backend.scalar(c.dtype, 1), c.backend.scalar(c.dtype, 2)),
                        "rank-0")));
        tests.add(test(
                "concat rejects an empty list",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> Tensor.concat(0), "at least one")));
        tests.add(test(
                "concat rejects an axis out of range",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class, () -> Tensor.concat(2, c.backend.ones(c.dtype, 2, 3)), "2")));
        return group("concat", tests);
    }

    static DynamicNode stack(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] samples = {
            {0, new int[] {2, 3}, 3},
            {1, new int[] {2, 3}, 2},
            {-1, new int[] {2, 3}, 2},
            {2, new int[] {2, 3}, 4},
            {0, new int[] {}, 3},
            {-1, new int[] {}, 2},
            {0, new int[] {0, 2}, 2},
            {1, new int[] {4}, 1},
        };
        int i = 0;
        for (Object[] sm : samples) {
            int axis = (Integer) sm[0];
            int[] s = (int[]) sm[1];
            int count = (Integer) sm[2];
            long seed = 48000 + ++i;
            tests.add(test("stack(axis " + axis + ") of " + count + " x " + shape(s), () -> {
                ReferenceArray[] parts = new ReferenceArray[count];
                Tensor[] ts = new Tensor[count];
                for (int k = 0; k < count; k++) {
                    parts[k] = c.uniform(seed + k, -3, 3, s);
                    ts[k] = c.tensor(parts[k]);
                }
                c.check(ReferenceArray.stack(axis, parts), Tensor.stack(axis, ts), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "stack rejects different shapes",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> Tensor.stack(0, c.backend.ones(c.dtype, 2, 3), c.backend.ones(c.dtype, 3, 2)),
                        "[2, 3]",
                        "[3, 2]")));
        tests.add(test(
                "stack rejects an axis beyond rank",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class, () -> Tensor.stack(3, c.backend.ones(c.dtype, 2, 3)), "3")));
        return group("stack", tests);
    }

    static DynamicNode broadcastTo(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        int[][][] pairs = {
            {{3}, {2, 3}},
            {{2, 1}, {2, 3}},
            {{}, {2, 2}},
            {{1, 3}, {4, 2, 3}},
            {{2, 3}, {2, 3}},
            {{1}, {0}},
            {{3, 1, 1}, {2, 3, 1, 4}},
        };
        int i = 0;
        for (int[][] p : pairs) {
            long seed = 49000 + ++i;
            tests.add(test("broadcastTo " + shape(p[0]) + " -> " + shape(p[1]), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, p[0]);
                c.check(x.broadcastTo(p[1]), c.tensor(x).broadcastTo(p[1]), Tolerance.EXACT);
            }));
        }
        tests.add(test(
                "broadcastTo rejects [2] -> [3], naming both",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2).broadcastTo(3),
                        "[2]",
                        "[3]")));
        tests.add(test(
                "broadcastTo rejects a lower rank",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).broadcastTo(3),
                        "[2, 3]",
                        "[3]")));
        return group("broadcastTo", tests);
    }
}
