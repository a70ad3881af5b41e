package org.nabla4j.testkit;

import static org.nabla4j.testkit.Conformance.group;
import static org.nabla4j.testkit.Conformance.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nabla4j.core.Backend;
import org.nabla4j.core.BackendMismatchException;
import org.nabla4j.core.DType;
import org.nabla4j.core.DTypeMismatchException;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.InvalidAxisException;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Error inputs that cut across operations: mixing dtypes or backends, axes out of range or repeated, and invalid
 * factory arguments. Each names the exception type and fragments its message must contain. (Errors specific to one
 * operation sit in that operation's row.)
 */
final class ErrorCases {
    private ErrorCases() {}

    record Mix(String name, BiConsumer<Tensor, Tensor> op) {}

    static List<Mix> mixTable(Conformance c) {
        return List.of(
                new Mix("add", Tensor::add),
                new Mix("sub", Tensor::sub),
                new Mix("mul", Tensor::mul),
                new Mix("div", Tensor::div),
                new Mix("pow", Tensor::pow),
                new Mix("maximum", Tensor::maximum),
                new Mix("gt", Tensor::gt),
                new Mix("eq", Tensor::eq),
                new Mix("matmul", (a, b) -> a.matmul(b.reshape(2, 1))),
                new Mix("where (condition)", (a, b) -> Tensor.where(b, a, a)),
                new Mix("where (branch)", (a, b) -> Tensor.where(a, a, b)),
                new Mix("concat", (a, b) -> Tensor.concat(0, a, b)),
                new Mix("stack", (a, b) -> Tensor.stack(0, a, b)),
                new Mix("addi", Tensor::addi),
                new Mix("muli", Tensor::muli),
                new Mix("assign", Tensor::assign),
                new Mix("allClose", (a, b) -> a.allClose(b, 1, 1)),
                new Mix("linalg().solve", (a, b) -> c.backend.linalg().solve(c.backend.eye(a.dtype(), 2), b)));
    }

    static DynamicNode mixedDTypes(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Mix m : mixTable(c)) {
            tests.add(test(
                    m.name + " of " + c.dtype + " with " + c.otherDType() + " throws DTypeMismatchException", () -> {
                        Tensor a = c.backend.ones(c.dtype, 2);
                        Tensor b = c.backend.ones(c.otherDType(), 2);
                        TensorAssertions.assertThrowsWithMessage(
                                DTypeMismatchException.class,
                                () -> m.op.accept(a, b),
                                DType.FLOAT64.name(),
                                DType.FLOAT32.name());
                    }));
        }
        return group("mixed dtypes", tests);
    }

    static DynamicNode mixedBackends(Conformance c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Mix m : mixTable(c)) {
            tests.add(test(m.name + " with a tensor of another backend throws BackendMismatchException", () -> {
                Backend other = new ReferenceBackend();
                Tensor a = c.backend.ones(c.dtype, 2);
                Tensor b = other.ones(c.dtype, 2);
                TensorAssertions.assertThrowsWithMessage(
                        BackendMismatchException.class,
                        () -> m.op.accept(a, b),
                        "(" + c.backend.name() + ")",
                        "(" + other.name() + ")",
                        "toBackend");
            }));
        }
        return group("mixed backends", tests);
    }

    record AxisCall(String name, BiConsumer<Tensor, int[]> call) {}

    static DynamicNode axes(Conformance c) {
        List<AxisCall> calls = List.of(
                new AxisCall("sum", Tensor::sum),
                new AxisCall("sum(keepDims)", (t, a) -> t.sum(a, true)),
                new AxisCall("mean", Tensor::mean),
                new AxisCall("max", Tensor::max),
                new AxisCall("min", Tensor::min),
                new AxisCall("logSumExp", Tensor::logSumExp),
                new AxisCall("norm", (t, a) -> t.norm(a, false)),
                new AxisCall("reduce(SUM)", (t, a) -> t.reduce(ReduceOp.SUM, a, false)));
        List<DynamicTest> tests = new ArrayList<>();
        for (AxisCall a : calls) {
            tests.add(test(
                    a.name + " over axis 2 of [2, 3] throws InvalidAxisException",
                    () -> TensorAssertions.assertThrowsWithMessage(
                            InvalidAxisException.class,
                            () -> a.call.accept(c.backend.ones(c.dtype, 2, 3), new int[] {2}),
                            "axis 2",
                            "rank 2")));
            tests.add(test(
                    a.name + " over axis -3 of [2, 3] throws InvalidAxisException",
                    () -> TensorAssertions.assertThrowsWithMessage(
                            InvalidAxisException.class,
                            () -> a.call.accept(c.backend.ones(c.dtype, 2, 3), new int[] {-3}),
                            "-3")));
            tests.add(test(
                    a.name + " over repeated axes [1, -1] throws InvalidAxisException",
                    () -> TensorAssertions.assertThrowsWithMessage(
                            InvalidAxisException.class,
                            () -> a.call.accept(c.backend.ones(c.dtype, 2, 3), new int[] {1, -1}),
                            "repeated")));
        }
        tests.add(test(
                "sum over an axis of a rank-0 tensor throws InvalidAxisException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.scalar(c.dtype, 1).sum(0),
                        "rank 0")));
        tests.add(test(
                "argmax over axis 2 of [2, 3] throws InvalidAxisException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).argmax(2, false),
                        "axis 2")));
        tests.add(test(
                "argmin via reduce over two axes throws InvalidAxisException",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidAxisException.class,
                        () -> c.backend.ones(c.dtype, 2, 3).reduce(ReduceOp.ARGMIN, new int[] {0, 1}, false),
                        "exactly one axis")));
        return group("axes", tests);
    }

    static DynamicNode factories(Conformance c) {
        Backend b = c.backend;
        DType d = c.dtype;
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test(
                "zeros with a negative extent",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.zeros(d, 2, -1), "negative")));
        tests.add(test(
                "zeros of rank 9",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.zeros(d, 1, 1, 1, 1, 1, 1, 1, 1, 1), "rank 9")));
        tests.add(test(
                "full with a null dtype",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.full(null, 1, 2), "dtype")));
        tests.add(test(
                "of with too few values, naming the shape",
                () -> TensorAssertions.assertThrowsWithMessage(
                        ShapeMismatchException.class, () -> b.of(d, new double[] {1, 2, 3}, 2, 2), "[2, 2]", "3")));
        tests.add(test(
                "of with null data",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.of(d, null, 2), "data")));
        tests.add(test(
                "arange with step 0",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.arange(d, 0, 1, 0), "step")));
        tests.add(test(
                "arange with a NaN bound",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.arange(d, 0, Double.NaN, 1), "end")));
        tests.add(test(
                "linspace with n < 0",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.linspace(d, 0, 1, -1), "-1")));
        tests.add(test(
                "linspace with an infinite end point",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.linspace(d, Double.NEGATIVE_INFINITY, 1, 3), "start")));
        tests.add(test(
                "eye(-1)",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.eye(d, -1), "-1")));
        tests.add(test(
                "randUniform with low >= high",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.randUniform(d, 1, 2, 2, 3), "low")));
        tests.add(test(
                "randNormal with std < 0",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.randNormal(d, 1, 0, -1, 3), "std")));
        tests.add(test(
                "binary with a null operand",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.ones(d, 2).add(null), "null")));
        tests.add(test(
                "unary with a null op",
                () -> TensorAssertions.assertThrowsWithMessage(
                        InvalidArgumentException.class, () -> b.ones(d, 2).unary(null), "null")));
        return group("invalid arguments", tests);
    }
}
