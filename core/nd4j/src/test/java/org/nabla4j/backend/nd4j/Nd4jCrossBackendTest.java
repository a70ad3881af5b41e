package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nabla4j.testkit.TensorAssertions;
import org.nabla4j.testkit.Tolerance;

/**
 * The same seeded random inputs through the EJML and the ND4J backend must give the same results: within
 * {@value #RTOL_F64} relative in FLOAT64 and {@value #RTOL_F32} in FLOAT32, for every operation of the conformance
 * table. The inputs come from the backends' seeded factories, which produce identical numbers on every backend.
 *
 * <p>Element-wise results are compared element by element relative to each value. Results that sum many terms
 * (reductions, products, decompositions) may cancel to near zero, so they are compared relative to the largest
 * magnitude in the result (a norm-wise relative error). Factors that are unique only up to sign (singular vectors,
 * eigenvectors) are compared after fixing the sign of each vector on both sides; QR factors are compared after
 * making the diagonal of R non-negative on both sides.
 */
class Nd4jCrossBackendTest {
    /** Relative agreement required in FLOAT64. */
    static final double RTOL_F64 = 1e-12;
    /** Relative agreement required in FLOAT32. */
    static final double RTOL_F32 = 1e-5;

    private static final Backend EJML = Backends.get("ejml");
    private static final Backend ND4J = Backends.get("nd4j");

    /** How a row's results are compared. */
    private enum Compare {
        /** Element by element, relative to each expected value. */
        ELEMENTWISE,
        /** Relative to the largest magnitude of the expected result. */
        NORMWISE
    }

    /** Inputs of a row, generated on a given backend and dtype from fixed seeds. */
    @FunctionalInterface
    private interface Inputs {
        Tensor[] make(Backend b, DType d);
    }

    /** One row of the table: an operation, its inputs and how to compare. */
    private record Row(String name, Inputs inputs, Function<Tensor[], Tensor> op, Compare compare) {}

    private static Inputs uniform(long seed, double lo, double hi, int... shape) {
        return (b, d) -> new Tensor[] {b.randUniform(d, seed, lo, hi, shape)};
    }

    private static Inputs two(Inputs first, Inputs second) {
        return (b, d) -> new Tensor[] {first.make(b, d)[0], second.make(b, d)[0]};
    }

    private static Inputs three(Inputs first, Inputs second, Inputs third) {
        return (b, d) -> new Tensor[] {first.make(b, d)[0], second.make(b, d)[0], third.make(b, d)[0]};
    }

    /** A well-conditioned square matrix: uniform entries plus {@code n} on the diagonal. */
    private static Inputs square(long seed, int n) {
        return (b, d) -> {
            Tensor r = b.randUniform(d, seed, -1, 1, n, n);
            Tensor e = b.eye(d, n);
            return new Tensor[] {r.add(e.mul(n))};
        };
    }

    /** A symmetric positive definite matrix {@code M Mᵀ + n I}. */
    private static Inputs spd(long seed, int n) {
        return (b, d) -> {
            Tensor m = b.randUniform(d, seed, -1, 1, n, n);
            return new Tensor[] {m.matmul(m.transpose()).add(b.eye(d, n).mul(n))};
        };
    }

    private static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        Inputs real = uniform(11, -1.5, 1.5, 3, 4, 5);
        Inputs positive = uniform(12, 0.1, 10, 3, 4, 5);
        Inputs wide = uniform(13, -30, 30, 4, 25);
        // unary
        rows.add(new Row("neg", real, t -> t[0].neg(), Compare.ELEMENTWISE));
        rows.add(new Row("abs", real, t -> t[0].abs(), Compare.ELEMENTWISE));
        rows.add(new Row("exp", real, t -> t[0].exp(), Compare.ELEMENTWISE));
        rows.add(new Row("expm1", real, t -> t[0].expm1(), Compare.ELEMENTWISE));
        rows.add(new Row("log", positive, t -> t[0].log(), Compare.ELEMENTWISE));
        rows.add(new Row("log1p", positive, t -> t[0].log1p(), Compare.ELEMENTWISE));
        rows.add(new Row("sqrt", positive, t -> t[0].sqrt(), Compare.ELEMENTWISE));
        rows.add(new Row("square", real, t -> t[0].square(), Compare.ELEMENTWISE));
        rows.add(new Row("reciprocal", positive, t -> t[0].reciprocal(), Compare.ELEMENTWISE));
        rows.add(new Row("sin", real, t -> t[0].sin(), Compare.ELEMENTWISE));
        rows.add(new Row("cos", real, t -> t[0].cos(), Compare.ELEMENTWISE));
        rows.add(new Row("tan", real, t -> t[0].tan(), Compare.ELEMENTWISE));
        rows.add(new Row("tanh", wide, t -> t[0].tanh(), Compare.ELEMENTWISE));
        rows.add(new Row("sigmoid", wide, t -> t[0].sigmoid(), Compare.ELEMENTWISE));
        rows.add(new Row("relu", real, t -> t[0].relu(), Compare.ELEMENTWISE));
        rows.add(new Row("softplus", wide, t -> t[0].softplus(), Compare.ELEMENTWISE));
        rows.add(new Row("sign", real, t -> t[0].sign(), Compare.ELEMENTWISE));
        // binary, same shape and broadcast in both directions
        Inputs same = two(uniform(21, -2, 2, 3, 4, 5), uniform(22, -2, 2, 3, 4, 5));
        Inputs bcast = two(uniform(23, -2, 2, 3, 1, 5), uniform(24, -2, 2, 4, 1));
        Inputs nonZero = two(uniform(25, -2, 2, 3, 4, 5), uniform(26, 0.5, 2, 4, 5));
        Inputs powIn = two(uniform(27, 0.1, 4, 3, 4, 5), uniform(28, -2, 2, 5));
        rows.add(new Row("add", same, t -> t[0].add(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("add broadcast", bcast, t -> t[0].add(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("sub broadcast", bcast, t -> t[0].sub(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("mul broadcast", bcast, t -> t[0].mul(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("div broadcast", nonZero, t -> t[0].div(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("pow broadcast", powIn, t -> t[0].pow(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("maximum broadcast", bcast, t -> t[0].maximum(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("minimum broadcast", bcast, t -> t[0].minimum(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("gt broadcast", bcast, t -> t[0].gt(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("ge broadcast", bcast, t -> t[0].ge(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("lt broadcast", bcast, t -> t[0].lt(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("le broadcast", bcast, t -> t[0].le(t[1]), Compare.ELEMENTWISE));
        rows.add(new Row("eq", same, t -> t[0].eq(t[0].mul(t[1].gt(0))), Compare.ELEMENTWISE));
        rows.add(new Row("ne", same, t -> t[0].ne(t[0].mul(t[1].gt(0))), Compare.ELEMENTWISE));
        rows.add(new Row(
                "where",
                three(uniform(29, -1, 1, 4, 1), uniform(30, -2, 2, 3, 4, 5), uniform(31, -2, 2, 5)),
                t -> Tensor.where(t[0].gt(0), t[1], t[2]),
                Compare.ELEMENTWISE));
        // scalar operands
        rows.add(new Row("add(s)", real, t -> t[0].add(0.75), Compare.ELEMENTWISE));
        rows.add(new Row("rsub(s)", real, t -> t[0].rsub(0.75), Compare.ELEMENTWISE));
        rows.add(new Row("mul(s)", real, t -> t[0].mul(-1.25), Compare.ELEMENTWISE));
        rows.add(new Row("div(s)", real, t -> t[0].div(3.0), Compare.ELEMENTWISE));
        rows.add(new Row("rdiv(s)", positive, t -> t[0].rdiv(3.0), Compare.ELEMENTWISE));
        rows.add(new Row("pow(s)", positive, t -> t[0].pow(-1.5), Compare.ELEMENTWISE));
        rows.add(new Row("maximum(s)", real, t -> t[0].maximum(0.25), Compare.ELEMENTWISE));
        rows.add(new Row("minimum(s)", real, t -> t[0].minimum(0.25), Compare.ELEMENTWISE));
        rows.add(new Row("gt(s)", real, t -> t[0].gt(0.25), Compare.ELEMENTWISE));
        rows.add(new Row("le(s)", real, t -> t[0].le(0.25), Compare.ELEMENTWISE));
        rows.add(new Row("clamp", real, t -> t[0].clamp(-0.5, 0.75), Compare.ELEMENTWISE));
        // reductions
        Inputs big = uniform(41, -1, 1, 6, 7, 8);
        rows.add(new Row("sum", big, t -> t[0].sum(), Compare.NORMWISE));
        rows.add(new Row("sum axes", big, t -> t[0].sum(new int[] {0, 2}, true), Compare.NORMWISE));
        rows.add(new Row("mean axis", big, t -> t[0].mean(1), Compare.NORMWISE));
        rows.add(new Row("max axis", big, t -> t[0].max(new int[] {2}, false), Compare.ELEMENTWISE));
        rows.add(new Row("min axes", big, t -> t[0].min(new int[] {0, 1}, true), Compare.ELEMENTWISE));
        rows.add(new Row("logSumExp", uniform(42, -300, 300, 6, 7, 8), t -> t[0].logSumExp(1), Compare.NORMWISE));
        rows.add(new Row("norm", big, t -> t[0].norm(), Compare.NORMWISE));
        rows.add(new Row("norm axis", big, t -> t[0].norm(new int[] {1}, false), Compare.NORMWISE));
        rows.add(new Row("argmax axis", big, t -> t[0].argmax(1, false), Compare.ELEMENTWISE));
        rows.add(new Row("argmin axis", big, t -> t[0].argmin(2, true), Compare.ELEMENTWISE));
        // matmul
        rows.add(new Row(
                "matmul",
                two(uniform(51, -1, 1, 17, 23), uniform(52, -1, 1, 23, 9)),
                t -> t[0].matmul(t[1]),
                Compare.NORMWISE));
        rows.add(new Row(
                "matmul batched broadcast",
                two(uniform(53, -1, 1, 2, 3, 5, 4), uniform(54, -1, 1, 3, 4, 6)),
                t -> t[0].matmul(t[1]),
                Compare.NORMWISE));
        rows.add(new Row(
                "matmul vector",
                two(uniform(55, -1, 1, 8), uniform(56, -1, 1, 8, 3)),
                t -> t[0].matmul(t[1]),
                Compare.NORMWISE));
        // shape
        rows.add(new Row("transpose", big, t -> t[0].transpose(), Compare.ELEMENTWISE));
        rows.add(new Row("permute", big, t -> t[0].permute(1, 2, 0), Compare.ELEMENTWISE));
        rows.add(new Row("reshape", big, t -> t[0].reshape(8, -1), Compare.ELEMENTWISE));
        rows.add(new Row("slice", big, t -> t[0].slice(2, 1, 8, 3), Compare.ELEMENTWISE));
        rows.add(new Row("select", big, t -> t[0].select(1, -2), Compare.ELEMENTWISE));
        rows.add(new Row(
                "concat",
                two(uniform(61, -1, 1, 2, 3), uniform(62, -1, 1, 4, 3)),
                t -> Tensor.concat(0, t[0], t[1]),
                Compare.ELEMENTWISE));
        rows.add(new Row(
                "stack",
                two(uniform(63, -1, 1, 2, 3), uniform(64, -1, 1, 2, 3)),
                t -> Tensor.stack(1, t[0], t[1]),
                Compare.ELEMENTWISE));
        rows.add(new Row("broadcastTo", uniform(65, -1, 1, 3, 1), t -> t[0].broadcastTo(2, 3, 4), Compare.ELEMENTWISE));
        // linear algebra
        rows.add(new Row(
                "solve",
                two(square(71, 6), uniform(72, -1, 1, 6, 3)),
                t -> t[0].backend().linalg().solve(t[0], t[1]),
                Compare.NORMWISE));
        rows.add(new Row("inverse", square(73, 7), t -> t[0].backend().linalg().inverse(t[0]), Compare.NORMWISE));
        rows.add(new Row(
                "det",
                square(74, 5),
                t -> scalarOf(t[0], t[0].backend().linalg().det(t[0])),
                Compare.NORMWISE));
        rows.add(new Row("cholesky", spd(75, 6), t -> t[0].backend().linalg().cholesky(t[0]), Compare.NORMWISE));
        rows.add(new Row("qr Q", uniform(76, -1, 1, 7, 4), t -> qr(t[0]).q(), Compare.NORMWISE));
        rows.add(new Row("qr R", uniform(76, -1, 1, 7, 4), t -> qr(t[0]).r(), Compare.NORMWISE));
        rows.add(new Row(
                "svd S",
                uniform(77, -1, 1, 5, 8),
                t -> t[0].backend().linalg().svd(t[0]).s(),
                Compare.NORMWISE));
        rows.add(new Row(
                "svd U",
                uniform(77, -1, 1, 5, 8),
                t -> signFixedColumns(t[0].backend().linalg().svd(t[0]).u()),
                Compare.NORMWISE));
        rows.add(new Row(
                "svd Vt",
                uniform(77, -1, 1, 5, 8),
                t -> signFixedColumns(t[0].backend().linalg().svd(t[0]).vt().transpose()),
                Compare.NORMWISE));
        rows.add(new Row(
                "eigh values",
                spd(78, 6),
                t -> t[0].backend().linalg().eigh(t[0]).values(),
                Compare.NORMWISE));
        rows.add(new Row(
                "eigh vectors",
                spd(78, 6),
                t -> signFixedColumns(t[0].backend().linalg().eigh(t[0]).vectors()),
                Compare.NORMWISE));
        return rows;
    }

    private static Tensor scalarOf(Tensor like, double v) {
        return like.backend().scalar(like.dtype(), v);
    }

    /** QR with the diagonal of R made non-negative (the ND4J backend does this itself; this is for EJML). */
    private static Linalg.QR qr(Tensor a) {
        Linalg.QR f = a.backend().linalg().qr(a);
        int k = f.r().shape().dim(0);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = f.r().get(i, i) < 0 ? -1 : 1;
        }
        Tensor sign = a.backend().of(a.dtype(), s, k);
        return new Linalg.QR(f.q().mul(sign), f.r().mul(sign.reshape(k, 1)));
    }

    /** The columns of {@code m}, each negated if needed so that its entry of largest magnitude is positive. */
    private static Tensor signFixedColumns(Tensor m) {
        int rows = m.shape().dim(0);
        int cols = m.shape().dim(1);
        double[] d = m.toDoubleArray();
        double[] s = new double[cols];
        for (int j = 0; j < cols; j++) {
            int best = 0;
            for (int i = 1; i < rows; i++) {
                if (Math.abs(d[i * cols + j]) > Math.abs(d[best * cols + j])) {
                    best = i;
                }
            }
            s[j] = d[best * cols + j] < 0 ? -1 : 1;
        }
        return m.mul(m.backend().of(m.dtype(), s, cols));
    }

    @TestFactory
    Stream<DynamicNode> float64() {
        return rows(DType.FLOAT64, RTOL_F64);
    }

    @TestFactory
    Stream<DynamicNode> float32() {
        return rows(DType.FLOAT32, RTOL_F32);
    }

    private static Stream<DynamicNode> rows(DType dtype, double rtol) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            tests.add(DynamicTest.dynamicTest(row.name(), () -> {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor expected = row.op().apply(row.inputs().make(EJML, dtype));
                    Tensor actual = row.op().apply(row.inputs().make(ND4J, dtype));
                    assertEquals(ND4J, actual.backend(), "result backend");
                    assertEquals(dtype, actual.dtype(), "result dtype");
                    double atol = 0;
                    if (row.compare() == Compare.NORMWISE) {
                        for (double v : expected.toDoubleArray()) {
                            atol = Math.max(atol, Math.abs(v));
                        }
                        atol *= rtol;
                    }
                    TensorAssertions.assertClose(expected, actual, new Tolerance(rtol, atol));
                }
            }));
        }
        return Stream.of(DynamicContainer.dynamicContainer(dtype.name(), tests.stream()));
    }
}
