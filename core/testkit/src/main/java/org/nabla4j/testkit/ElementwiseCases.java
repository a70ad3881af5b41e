package org.nabla4j.testkit;

import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.shape;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.UnaryOp;

/**
 * The element-wise rows: every unary operation, every binary operation in tensor and scalar form (including the
 * reversed {@code rsub}/{@code rdiv} and the generic {@code binary}/{@code scalarOp}), comparisons, {@code where} and
 * {@code clamp}. References are {@link Math} closed forms applied to the dtype-rounded inputs.
 */
final class ElementwiseCases {
    /** Rank 0 to 4, size 1, empty and the maximum rank 8. */
    private static final int[][] UNARY_SHAPES = {
        {}, {1}, {5}, {3, 4}, {2, 3, 2}, {2, 1, 3, 2}, {0, 3}, {2, 1, 2, 1, 2, 1, 2, 2}
    };

    /**
     * Pairs of operand shapes: equal, scalar, size 1, broadcasting left, right, both, rank-extending, empty, and
     * interleaved broadcast axes up to rank 8.
     */
    private static final int[][][] BINARY_SHAPES = {
        {{3, 4}, {3, 4}},
        {{}, {}},
        {{}, {2, 3}},
        {{2, 3}, {}},
        {{1}, {1}},
        {{2, 3}, {3}},
        {{3}, {2, 3}},
        {{2, 1}, {1, 3}},
        {{4, 1, 3}, {2, 1}},
        {{2, 1, 3, 1}, {5, 3, 4}},
        {{1, 3}, {2, 1, 1}},
        {{0, 3}, {3}},
        {{2, 0}, {1}},
        {{2, 1, 3, 1, 2}, {1, 4, 1, 5, 1}},
        {{1, 2, 1, 2, 1, 2, 1, 2}, {2, 1, 2, 1, 2, 1, 2, 1}},
    };

    private ElementwiseCases() {}

    /** Inputs drawn for a sample: uniform in {@code [lo, hi)}, non-zero, or small integers (ties). */
    enum Kind {
        REAL,
        NON_ZERO,
        INTEGER
    }

    record Domain(double lo, double hi, Kind kind) {
        ReferenceArray sample(Conformance c, long seed, int[] shape) {
            return switch (kind) {
                case REAL -> c.uniform(seed, lo, hi, shape);
                case NON_ZERO -> c.nonZero(seed, lo, hi, shape);
                case INTEGER -> c.integers(seed, (int) lo, (int) hi, shape);
            };
        }
    }

    static final Domain REAL = new Domain(-3, 3, Kind.REAL);
    static final Domain NON_ZERO = new Domain(0.5, 3, Kind.NON_ZERO);
    static final Domain POSITIVE = new Domain(0.25, 2.5, Kind.REAL);
    static final Domain EXPONENT = new Domain(-2, 2, Kind.REAL);
    static final Domain INTEGER = new Domain(-2, 2, Kind.INTEGER);

    /** How an edge sample's result is compared. */
    enum Check {
        /** The dtype's tolerance. */
        TOLERANCE,
        /** Relative only (no absolute floor), for results far below 1 whose accuracy is the point of the sample. */
        RELATIVE,
        /** Bit-for-bit (NaN matches NaN). */
        EXACT
    }

    /**
     * An edge sample: explicit inputs whose results the reference computes; {@code f64Only} when the inputs are not
     * representable in FLOAT32.
     */
    record Edge(String label, double[] a, double[] b, boolean f64Only, Check check) {
        static Edge of(String label, double... a) {
            return new Edge(label, a, null, false, Check.TOLERANCE);
        }

        static Edge exact(String label, double... a) {
            return new Edge(label, a, null, false, Check.EXACT);
        }

        static Edge relative(String label, double... a) {
            return new Edge(label, a, null, false, Check.RELATIVE);
        }

        static Edge f64(String label, double... a) {
            return new Edge(label, a, null, true, Check.TOLERANCE);
        }

        static Edge pair(String label, double[] a, double[] b) {
            return new Edge(label, a, b, false, Check.TOLERANCE);
        }

        static Edge pairF64(String label, double[] a, double[] b) {
            return new Edge(label, a, b, true, Check.TOLERANCE);
        }

        Tolerance tolerance(Conformance c) {
            return switch (check) {
                case TOLERANCE -> c.tol;
                case RELATIVE -> new Tolerance(c.tol.rtol(), 0);
                case EXACT -> Tolerance.EXACT;
            };
        }
    }

    record UnaryRow(
            String name,
            UnaryOp op,
            Function<Tensor, Tensor> method,
            DoubleUnaryOperator ref,
            Domain domain,
            List<Edge> edges) {}

    record BinaryRow(
            String name,
            BinaryOp op,
            BiFunction<Tensor, Tensor, Tensor> method,
            DoubleBinaryOperator ref,
            Domain a,
            Domain b,
            List<Edge> edges) {}

    record ScalarRow(
            String name,
            BiFunction<Tensor, Double, Tensor> method,
            DoubleBinaryOperator ref,
            Domain domain,
            double[] scalars) {}

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    static List<UnaryRow> unaryTable() {
        return List.of(
                new UnaryRow(
                        "neg",
                        UnaryOp.NEG,
                        Tensor::neg,
                        x -> -x,
                        REAL,
                        List.of(Edge.of("±inf, NaN", INF, -INF, NAN), Edge.f64("±1e300", 1e300, -1e300))),
                new UnaryRow(
                        "abs",
                        UnaryOp.ABS,
                        Tensor::abs,
                        Math::abs,
                        REAL,
                        List.of(Edge.of("±inf, NaN", INF, -INF, NAN), Edge.f64("-1e300", -1e300, 1e300))),
                new UnaryRow(
                        "exp",
                        UnaryOp.EXP,
                        Tensor::exp,
                        Math::exp,
                        new Domain(-5, 5, Kind.REAL),
                        List.of(Edge.of("overflow and underflow", 1000, -1000, INF, -INF, NAN))),
                new UnaryRow(
                        "expm1",
                        UnaryOp.EXPM1,
                        Tensor::expm1,
                        Math::expm1,
                        new Domain(-3, 3, Kind.REAL),
                        List.of(
                                Edge.relative("tiny arguments keep relative accuracy", 1e-10, -3e-9, 1e-20, 0),
                                Edge.of("±inf, NaN", INF, -INF, NAN))),
                new UnaryRow(
                        "log",
                        UnaryOp.LOG,
                        Tensor::log,
                        Math::log,
                        new Domain(0.01, 10, Kind.REAL),
                        List.of(
                                Edge.of("log 0 = -inf, log(-1) = NaN, log inf = inf", 0, -1, INF, NAN),
                                Edge.f64("1e300 and 1e-300", 1e300, 1e-300))),
                new UnaryRow(
                        "log1p",
                        UnaryOp.LOG1P,
                        Tensor::log1p,
                        Math::log1p,
                        new Domain(-0.9, 5, Kind.REAL),
                        List.of(
                                Edge.relative("tiny arguments keep relative accuracy", 1e-10, -3e-9, 1e-20),
                                Edge.of("log1p(-1) = -inf, log1p(-2) = NaN", -1, -2, INF, NAN))),
                new UnaryRow(
                        "sqrt",
                        UnaryOp.SQRT,
                        Tensor::sqrt,
                        Math::sqrt,
                        new Domain(0, 10, Kind.REAL),
                        List.of(Edge.of("0, inf, -1, NaN", 0, INF, -1, NAN), Edge.f64("1e300", 1e300, 1e-300))),
                new UnaryRow(
                        "square",
                        UnaryOp.SQUARE,
                        Tensor::square,
                        x -> x * x,
                        REAL,
                        List.of(
                                Edge.f64("1e200 overflows", 1e200, -1e200, 1e-200),
                                Edge.of("±inf, NaN", INF, -INF, NAN))),
                new UnaryRow(
                        "reciprocal",
                        UnaryOp.RECIPROCAL,
                        Tensor::reciprocal,
                        x -> 1 / x,
                        NON_ZERO,
                        List.of(Edge.of("±0 and ±inf", 0.0, -0.0, INF, -INF, NAN))),
                new UnaryRow(
                        "sin",
                        UnaryOp.SIN,
                        Tensor::sin,
                        Math::sin,
                        new Domain(-6, 6, Kind.REAL),
                        List.of(Edge.of("inf and NaN give NaN", INF, -INF, NAN))),
                new UnaryRow(
                        "cos",
                        UnaryOp.COS,
                        Tensor::cos,
                        Math::cos,
                        new Domain(-6, 6, Kind.REAL),
                        List.of(Edge.of("inf and NaN give NaN", INF, -INF, NAN))),
                new UnaryRow(
                        "tan",
                        UnaryOp.TAN,
                        Tensor::tan,
                        Math::tan,
                        new Domain(-1.2, 1.2, Kind.REAL),
                        List.of(Edge.of("inf and NaN give NaN", INF, NAN))),
                new UnaryRow(
                        "tanh",
                        UnaryOp.TANH,
                        Tensor::tanh,
                        Math::tanh,
                        new Domain(-4, 4, Kind.REAL),
                        List.of(
                                Edge.exact("saturates at ±1", 1e4, -1e4, 50, -50, INF, -INF),
                                Edge.relative("tiny arguments keep relative accuracy", 1e-10, -3e-9, 1e-20),
                                Edge.of("NaN", NAN))),
                new UnaryRow(
                        "sigmoid",
                        UnaryOp.SIGMOID,
                        Tensor::sigmoid,
                        ElementwiseCases::sigmoid,
                        new Domain(-8, 8, Kind.REAL),
                        List.of(
                                Edge.exact("sigmoid(±1e4) is exactly 1 and 0", 1e4, -1e4, INF, -INF, 0),
                                Edge.of("moderately large arguments", 30, -30, 700, -700, NAN))),
                new UnaryRow(
                        "relu",
                        UnaryOp.RELU,
                        Tensor::relu,
                        x -> Double.isNaN(x) ? x : Math.max(x, 0),
                        REAL,
                        List.of(Edge.exact("±inf, 0, NaN", INF, -INF, 0, NAN))),
                new UnaryRow(
                        "softplus",
                        UnaryOp.SOFTPLUS,
                        Tensor::softplus,
                        ElementwiseCases::softplus,
                        new Domain(-8, 8, Kind.REAL),
                        List.of(
                                Edge.relative(
                                        "large arguments: no overflow, relative accuracy",
                                        1e4,
                                        -1e4,
                                        800,
                                        -800,
                                        40,
                                        -40),
                                Edge.of("inf, NaN", INF, -INF, NAN))),
                new UnaryRow(
                        "sign",
                        UnaryOp.SIGN,
                        Tensor::sign,
                        Math::signum,
                        INTEGER,
                        List.of(Edge.exact("±inf, ±0, NaN, tiny", INF, -INF, 0, 1e-30, -1e-30, NAN))));
    }

    static List<BinaryRow> binaryTable() {
        double[] big = {1e300, -1e300};
        return List.of(
                new BinaryRow(
                        "add",
                        BinaryOp.ADD,
                        Tensor::add,
                        (x, y) -> x + y,
                        REAL,
                        REAL,
                        List.of(
                                Edge.pair("inf - inf is NaN", new double[] {INF, INF, NAN}, new double[] {-INF, 1, 1}),
                                Edge.pairF64("1e300 + 1e300 overflows", big, big))),
                new BinaryRow(
                        "sub",
                        BinaryOp.SUB,
                        Tensor::sub,
                        (x, y) -> x - y,
                        REAL,
                        REAL,
                        List.of(
                                Edge.pair("inf - inf is NaN", new double[] {INF, -INF, NAN}, new double[] {INF, 1, 1}),
                                Edge.pairF64("1e300 - (-1e300) overflows", big, new double[] {-1e300, 1e300}))),
                new BinaryRow(
                        "mul",
                        BinaryOp.MUL,
                        Tensor::mul,
                        (x, y) -> x * y,
                        REAL,
                        REAL,
                        List.of(
                                Edge.pair("0 * inf is NaN", new double[] {0, INF, NAN}, new double[] {INF, -2, 1}),
                                Edge.pairF64("1e200 * 1e200 overflows", new double[] {1e200, 1e-200}, new double[] {
                                    1e200, 1e-200
                                }))),
                new BinaryRow(
                        "div",
                        BinaryOp.DIV,
                        Tensor::div,
                        (x, y) -> x / y,
                        REAL,
                        NON_ZERO,
                        List.of(
                                Edge.pair(
                                        "division by zero", new double[] {1, -1, 0, INF}, new double[] {0, 0, 0, INF}),
                                Edge.pairF64("1e-300 / 1e300 underflows", new double[] {1e-300, 1e300}, new double[] {
                                    1e300, 1e-300
                                }))),
                new BinaryRow(
                        "pow",
                        BinaryOp.POW,
                        Tensor::pow,
                        Math::pow,
                        POSITIVE,
                        EXPONENT,
                        List.of(
                                Edge.pair(
                                        "negative bases, zero, NaN",
                                        new double[] {-2, -2, 0, 0, NAN, 4},
                                        new double[] {3, 0.5, 0, -1, 0, 0.5}),
                                Edge.pairF64("10^300", new double[] {10, 1e300}, new double[] {300, 2}))),
                new BinaryRow(
                        "maximum",
                        BinaryOp.MAX,
                        Tensor::maximum,
                        Math::max,
                        INTEGER,
                        INTEGER,
                        List.of(Edge.pair("NaN propagates", new double[] {NAN, 1, -INF}, new double[] {1, NAN, 2}))),
                new BinaryRow(
                        "minimum",
                        BinaryOp.MIN,
                        Tensor::minimum,
                        Math::min,
                        INTEGER,
                        INTEGER,
                        List.of(Edge.pair("NaN propagates", new double[] {NAN, 1, INF}, new double[] {1, NAN, 2}))),
                comparison("gt", BinaryOp.GT, Tensor::gt, (x, y) -> x > y ? 1 : 0),
                comparison("ge", BinaryOp.GE, Tensor::ge, (x, y) -> x >= y ? 1 : 0),
                comparison("lt", BinaryOp.LT, Tensor::lt, (x, y) -> x < y ? 1 : 0),
                comparison("le", BinaryOp.LE, Tensor::le, (x, y) -> x <= y ? 1 : 0),
                comparison("eq", BinaryOp.EQ, Tensor::eq, (x, y) -> x == y ? 1 : 0),
                comparison("ne", BinaryOp.NE, Tensor::ne, (x, y) -> x != y ? 1 : 0));
    }

    private static BinaryRow comparison(
            String name, BinaryOp op, BiFunction<Tensor, Tensor, Tensor> method, DoubleBinaryOperator ref) {
        return new BinaryRow(
                name,
                op,
                method,
                ref,
                INTEGER,
                INTEGER,
                List.of(Edge.pair(
                        "NaN compares false (except ne)",
                        new double[] {NAN, 1, NAN, INF, -INF},
                        new double[] {1, NAN, NAN, INF, INF})));
    }

    static List<ScalarRow> scalarTable() {
        double[] reals = {1.5, -2.25, 0};
        double[] nonZero = {2.5, -0.5};
        double[] ints = {0, 1, -2};
        return List.of(
                new ScalarRow("add(s)", Tensor::add, (x, s) -> x + s, REAL, reals),
                new ScalarRow("sub(s)", Tensor::sub, (x, s) -> x - s, REAL, reals),
                new ScalarRow("rsub(s) = s - x", Tensor::rsub, (x, s) -> s - x, REAL, reals),
                new ScalarRow("mul(s)", Tensor::mul, (x, s) -> x * s, REAL, reals),
                new ScalarRow("div(s)", Tensor::div, (x, s) -> x / s, REAL, nonZero),
                new ScalarRow("rdiv(s) = s / x", Tensor::rdiv, (x, s) -> s / x, NON_ZERO, reals),
                new ScalarRow("pow(s)", Tensor::pow, Math::pow, POSITIVE, new double[] {2, -0.5, 0, 3}),
                new ScalarRow("maximum(s)", Tensor::maximum, Math::max, INTEGER, ints),
                new ScalarRow("minimum(s)", Tensor::minimum, Math::min, INTEGER, ints),
                new ScalarRow("gt(s)", Tensor::gt, (x, s) -> x > s ? 1 : 0, INTEGER, ints),
                new ScalarRow("ge(s)", Tensor::ge, (x, s) -> x >= s ? 1 : 0, INTEGER, ints),
                new ScalarRow("lt(s)", Tensor::lt, (x, s) -> x < s ? 1 : 0, INTEGER, ints),
                new ScalarRow("le(s)", Tensor::le, (x, s) -> x <= s ? 1 : 0, INTEGER, ints),
                new ScalarRow("eq(s)", Tensor::eq, (x, s) -> x == s ? 1 : 0, INTEGER, ints),
                new ScalarRow("ne(s)", Tensor::ne, (x, s) -> x != s ? 1 : 0, INTEGER, ints));
    }

    static List<DynamicNode> unary(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        int row = 0;
        for (UnaryRow r : unaryTable()) {
            long seedBase = 1000L * ++row;
            List<DynamicTest> tests = new ArrayList<>();
            for (int[] s : UNARY_SHAPES) {
                tests.add(test(r.name + shape(s), () -> {
                    ReferenceArray x = r.domain.sample(c, seedBase + s.length, s);
                    c.check(x.map(r.ref), r.method.apply(c.tensor(x)));
                }));
            }
            for (Edge e : r.edges) {
                if (e.f64Only && !c.isF64()) {
                    continue;
                }
                tests.add(test(r.name + ": " + e.label, () -> {
                    ReferenceArray x = c.rounded(ReferenceArray.vector(e.a));
                    c.check(x.map(r.ref), r.method.apply(c.tensor(x)), e.tolerance(c));
                }));
            }
            tests.add(test(r.name + " via unary(UnaryOp." + r.op + ")", () -> {
                ReferenceArray x = r.domain.sample(c, seedBase + 99, new int[] {2, 3});
                c.check(x.map(r.ref), c.tensor(x).unary(r.op));
            }));
            tests.add(test(r.name + " leaves its input unchanged", () -> {
                ReferenceArray x = r.domain.sample(c, seedBase + 98, new int[] {4});
                Tensor t = c.tensor(x);
                r.method.apply(t);
                c.check(x, t, Tolerance.EXACT);
            }));
            rows.add(group(r.name, tests));
        }
        return rows;
    }

    static List<DynamicNode> binary(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        int row = 0;
        for (BinaryRow r : binaryTable()) {
            long seedBase = 5000L + 100L * ++row;
            List<DynamicTest> tests = new ArrayList<>();
            int sample = 0;
            for (int[][] p : BINARY_SHAPES) {
                long seed = seedBase + ++sample;
                tests.add(test(r.name + " " + shape(p[0]) + " with " + shape(p[1]), () -> {
                    ReferenceArray a = r.a.sample(c, seed, p[0]);
                    ReferenceArray b = r.b.sample(c, seed + 50, p[1]);
                    Tensor out = r.method.apply(c.tensor(a), c.tensor(b));
                    c.check(ReferenceArray.zip(a, b, r.ref), out);
                }));
            }
            for (Edge e : r.edges) {
                if (e.f64Only && !c.isF64()) {
                    continue;
                }
                tests.add(test(r.name + ": " + e.label, () -> {
                    ReferenceArray a = c.rounded(ReferenceArray.vector(e.a));
                    ReferenceArray b = c.rounded(ReferenceArray.vector(e.b));
                    Tensor out = r.method.apply(c.tensor(a), c.tensor(b));
                    c.check(ReferenceArray.zip(a, b, r.ref), out, e.tolerance(c));
                }));
            }
            tests.add(test(r.name + " via binary(BinaryOp." + r.op + ")", () -> {
                ReferenceArray a = r.a.sample(c, seedBase + 91, new int[] {2, 3});
                ReferenceArray b = r.b.sample(c, seedBase + 92, new int[] {3});
                c.check(ReferenceArray.zip(a, b, r.ref), c.tensor(a).binary(r.op, c.tensor(b)));
            }));
            tests.add(test(r.name + " rejects [2, 3] with [4], naming both shapes", () -> {
                Tensor a = c.backend.zeros(c.dtype, 2, 3);
                Tensor b = c.backend.zeros(c.dtype, 4);
                TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> r.method.apply(a, b), "[2, 3]", "[4]");
            }));
            rows.add(group(r.name, tests));
        }
        return rows;
    }

    static List<DynamicNode> scalar(Conformance c) {
        List<DynamicNode> rows = new ArrayList<>();
        int[][] shapes = {{}, {1}, {5}, {2, 3}, {2, 1, 3, 2}, {0, 2}};
        int row = 0;
        for (ScalarRow r : scalarTable()) {
            long seedBase = 9000L + 100L * ++row;
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < shapes.length; i++) {
                int[] s = shapes[i];
                double sc = r.scalars[i % r.scalars.length];
                long seed = seedBase + i;
                tests.add(test(r.name + " with s = " + sc + " on " + shape(s), () -> {
                    ReferenceArray x = r.domain.sample(c, seed, s);
                    c.check(x.map(v -> r.ref.applyAsDouble(v, sc)), r.method.apply(c.tensor(x), sc));
                }));
            }
            if (c.isF64()) {
                tests.add(test(r.name + " with s = 1e300", () -> {
                    ReferenceArray x = ReferenceArray.vector(1e300, -1e300, 1, 0);
                    c.check(x.map(v -> r.ref.applyAsDouble(v, 1e300)), r.method.apply(c.tensor(x), 1e300));
                }));
            }
            tests.add(test(r.name + " with s = NaN", () -> {
                ReferenceArray x = ReferenceArray.vector(2, -3);
                c.check(x.map(v -> r.ref.applyAsDouble(v, NAN)), r.method.apply(c.tensor(x), NAN));
            }));
            rows.add(group(r.name, tests));
        }
        List<DynamicTest> generic = new ArrayList<>();
        for (BinaryRow r : binaryTable()) {
            for (boolean first : new boolean[] {false, true}) {
                generic.add(test("scalarOp(" + r.op + ", s, scalarFirst=" + first + ")", () -> {
                    ReferenceArray x = (first ? r.b : r.a).sample(c, 77, new int[] {2, 3});
                    double s = first ? (r.a == INTEGER ? 1 : 1.75) : (r.b == INTEGER ? 1 : 1.75);
                    ReferenceArray ref = x.map(v -> first ? r.ref.applyAsDouble(s, v) : r.ref.applyAsDouble(v, s));
                    c.check(ref, c.tensor(x).scalarOp(r.op, s, first));
                }));
            }
        }
        rows.add(group("scalarOp", generic));
        return rows;
    }

    static DynamicNode where(Conformance c) {
        int[][][] shapes = {
            {{2, 3}, {2, 3}, {2, 3}},
            {{}, {2, 2}, {2, 2}},
            {{3}, {2, 1}, {}},
            {{2, 1, 1}, {3, 1}, {4}},
            {{1, 4}, {3, 1}, {1}},
            {{0, 2}, {2}, {}},
        };
        List<DynamicTest> tests = new ArrayList<>();
        int sample = 0;
        for (int[][] s : shapes) {
            long seed = 300 + ++sample;
            tests.add(test("where(" + shape(s[0]) + ", " + shape(s[1]) + ", " + shape(s[2]) + ")", () -> {
                ReferenceArray cond = c.integers(seed, -1, 1, s[0]);
                ReferenceArray a = c.uniform(seed + 1, -3, 3, s[1]);
                ReferenceArray b = c.uniform(seed + 2, 10, 20, s[2]);
                c.check(
                        ReferenceArray.where(cond, a, b),
                        Tensor.where(c.tensor(cond), c.tensor(a), c.tensor(b)),
                        Tolerance.EXACT);
            }));
        }
        tests.add(test("where: any non-zero condition selects a, ±0 selects b", () -> {
            ReferenceArray cond = ReferenceArray.vector(0.5, -0.0, 0.0, -3, INF);
            ReferenceArray a = ReferenceArray.vector(1, 2, 3, 4, 5);
            ReferenceArray b = ReferenceArray.vector(-1, -2, -3, -4, -5);
            c.check(
                    ReferenceArray.vector(1, -2, -3, 4, 5),
                    Tensor.where(c.tensor(cond), c.tensor(a), c.tensor(b)),
                    Tolerance.EXACT);
        }));
        tests.add(test("where: mask from a comparison", () -> {
            ReferenceArray x = c.uniform(17, -2, 2, 3, 4);
            Tensor t = c.tensor(x);
            c.check(x.map(v -> v > 0 ? v : 0), Tensor.where(t.gt(0), t, c.backend.zeros(c.dtype)), Tolerance.EXACT);
        }));
        tests.add(test(
                "where rejects shapes that do not broadcast",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class,
                        () -> Tensor.where(
                                c.backend.ones(c.dtype, 2, 3), c.backend.ones(c.dtype, 3), c.backend.ones(c.dtype, 4)),
                        "[4]")));
        return group("where", tests);
    }

    /**
     * FLOAT32 results must hold float values (the dtype is storage, not a label): every element of a computed result
     * equals its own rounding to float. Returns null for FLOAT64, where rounding is the identity.
     */
    static DynamicNode storedInDType(Conformance c) {
        if (c.isF64()) {
            return null;
        }
        record Op(String name, Function<Tensor, Tensor> f) {}
        List<Op> ops = List.of(
                new Op("add", t -> t.add(t.mul(1.0 / 3))),
                new Op("div(s)", t -> t.div(3.0)),
                new Op("rdiv(s)", t -> t.rdiv(0.1)),
                new Op("exp", Tensor::exp),
                new Op("sqrt", t -> t.abs().sqrt()),
                new Op("sigmoid", Tensor::sigmoid),
                new Op("sum(1)", t -> t.sum(1)),
                new Op("mean", Tensor::mean),
                new Op("logSumExp(0)", t -> t.logSumExp(0)),
                new Op("norm", Tensor::norm),
                new Op("matmul", t -> t.matmul(t.transpose())),
                new Op(
                        "linalg().inverse",
                        t -> c.backend.linalg().inverse(t.matmul(t.transpose()).add(c.backend.eye(c.dtype, 3)))));
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : ops) {
            tests.add(test(op.name + " result holds float values", () -> {
                Tensor out = op.f.apply(c.tensor(c.uniform(700, 0.1, 3, 3, 3)));
                c.checkOwned(out);
                double[] d = out.toDoubleArray();
                for (int i = 0; i < d.length; i++) {
                    if ((double) (float) d[i] != d[i]) {
                        org.junit.jupiter.api.Assertions.fail(op.name + ": element " + i + " = " + d[i]
                                + " is not a float value in a " + c.dtype + " tensor");
                    }
                }
            }));
        }
        return group("results are stored in " + c.dtype, tests);
    }

    static DynamicNode clamp(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        double[][] bounds = {{-1, 1}, {0, 0}, {-INF, 0.5}, {-0.5, INF}, {-10, 10}};
        int[][] shapes = {{3, 4}, {5}, {}, {2, 1, 3, 2}, {0}};
        for (int i = 0; i < bounds.length; i++) {
            double lo = bounds[i][0];
            double hi = bounds[i][1];
            int[] s = shapes[i];
            long seed = 400 + i;
            tests.add(test("clamp(" + lo + ", " + hi + ") on " + shape(s), () -> {
                ReferenceArray x = c.uniform(seed, -3, 3, s);
                c.check(x.map(v -> Math.min(Math.max(v, lo), hi)), c.tensor(x).clamp(lo, hi), Tolerance.EXACT);
            }));
        }
        tests.add(test("clamp keeps NaN and clamps infinities", () -> {
            ReferenceArray x = ReferenceArray.vector(NAN, INF, -INF, 0.25);
            c.check(ReferenceArray.vector(NAN, 1, -1, 0.25), c.tensor(x).clamp(-1, 1), Tolerance.EXACT);
        }));
        tests.add(test(
                "clamp rejects lo > hi",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2).clamp(1, -1),
                        "lo=1.0",
                        "hi=-1.0")));
        tests.add(test(
                "clamp rejects a NaN bound",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class,
                        () -> c.backend.ones(c.dtype, 2).clamp(NAN, 1),
                        "NaN")));
        return group("clamp", tests);
    }
}
