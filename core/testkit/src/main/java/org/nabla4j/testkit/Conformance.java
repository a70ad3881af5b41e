package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.opentest4j.AssertionFailedError;

/**
 * What every conformance case needs: the backend and dtype under test, their tolerances, conversions between
 * {@link ReferenceArray} and tensors, deterministic sample data, and the wrapping of a case body into a JUnit
 * dynamic test that releases every tensor it created.
 */
final class Conformance {
    final Backend backend;
    final DType dtype;
    final Tolerance tol;
    final Tolerance linalgTol;

    Conformance(Backend backend, DType dtype) {
        this.backend = backend;
        this.dtype = dtype;
        this.tol = Tolerances.forDType(dtype);
        this.linalgTol = Tolerances.linalgForDType(dtype);
    }

    boolean isF64() {
        return dtype == DType.FLOAT64;
    }

    /** The dtype that is not under test, for mixing tests. */
    DType otherDType() {
        return isF64() ? DType.FLOAT32 : DType.FLOAT64;
    }

    /** A large finite magnitude of this dtype whose square overflows it: 1e200 in FLOAT64, 1e30 in FLOAT32. */
    double huge() {
        return isF64() ? 1e200 : 1e30;
    }

    /** A small normal magnitude of this dtype whose square underflows it: 1e-200 in FLOAT64, 1e-30 in FLOAT32. */
    double tiny() {
        return isF64() ? 1e-200 : 1e-30;
    }

    /** The tensor under test holding {@code r}'s values (rounded to the dtype); rank 0 goes through scalar. */
    Tensor tensor(ReferenceArray r) {
        if (r.rank() == 0) {
            return backend.scalar(dtype, r.data[0]);
        }
        return backend.of(dtype, r.data, r.shape);
    }

    /** A tensor under test with the given values and extents. */
    Tensor tensor(double[] data, int... shape) {
        return tensor(ReferenceArray.of(shape, data));
    }

    /** {@code r} rounded to the dtype under test: the input that the backend actually sees. */
    ReferenceArray rounded(ReferenceArray r) {
        return r.round(dtype);
    }

    /** Uniform values in {@code [lo, hi)}, rounded to the dtype, from a fixed seed. */
    ReferenceArray uniform(long seed, double lo, double hi, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return ReferenceArray.generate(shape, i -> dtype.round(lo + (hi - lo) * rnd.nextDouble()));
    }

    /** Uniform values with magnitude in {@code [lo, hi)} and random sign. */
    ReferenceArray nonZero(long seed, double lo, double hi, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return ReferenceArray.generate(shape, i -> {
            double m = lo + (hi - lo) * rnd.nextDouble();
            return dtype.round(rnd.nextBoolean() ? m : -m);
        });
    }

    /** Integers in {@code [lo, hi]} (so that ties and equalities occur). */
    ReferenceArray integers(long seed, int lo, int hi, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return ReferenceArray.generate(shape, i -> rnd.nextInt(lo, hi + 1));
    }

    /** Asserts that {@code actual} is a tensor of this backend and dtype with {@code expected}'s shape and values. */
    void check(ReferenceArray expected, Tensor actual) {
        check(expected, actual, tol);
    }

    /** Like {@link #check(ReferenceArray, Tensor)} with an explicit tolerance. */
    void check(ReferenceArray expected, Tensor actual, Tolerance t) {
        checkOwned(actual);
        TensorAssertions.assertClose(expected.data, expected.shape, actual, t);
    }

    /** Asserts that a reference computation on results (a residual, a product of factors) matches. */
    void checkArray(ReferenceArray expected, ReferenceArray actual, Tolerance t) {
        assertEquals(Arrays.toString(expected.shape), Arrays.toString(actual.shape), "shape");
        TensorAssertions.assertClose(expected.data, actual.data, t, "reconstruction " + Arrays.toString(actual.shape));
    }

    /** Asserts that {@code actual} belongs to the backend under test and has the dtype under test. */
    void checkOwned(Tensor actual) {
        assertSame(backend, actual.backend(), () -> "result backend of " + actual.describe());
        assertEquals(dtype, actual.dtype(), () -> "result dtype of " + actual.describe());
    }

    static String shape(int... dims) {
        return Arrays.toString(dims);
    }

    /** A dynamic test whose body runs inside a {@link TensorScope}, so every tensor it creates is released. */
    @SuppressWarnings("try")
    static DynamicTest test(String name, Executable body) {
        return DynamicTest.dynamicTest(name, named(name, () -> {
            try (TensorScope scope = TensorScope.open()) {
                body.execute();
            }
        }));
    }

    /** A dynamic test run without an enclosing scope (for tests of {@link TensorScope} itself). */
    static DynamicTest unscopedTest(String name, Executable body) {
        return DynamicTest.dynamicTest(name, named(name, body));
    }

    /**
     * Prefixes failure messages with the case name: build tools report dynamic tests by index, so the message is
     * where a reader learns which row and sample failed. Unexpected exceptions become failures naming the case.
     */
    private static Executable named(String name, Executable body) {
        return () -> {
            try {
                body.execute();
            } catch (AssertionFailedError e) {
                String msg = "[" + name + "] " + e.getMessage();
                throw e.isExpectedDefined() && e.isActualDefined()
                        ? new AssertionFailedError(
                                msg, e.getExpected().getValue(), e.getActual().getValue(), e)
                        : new AssertionFailedError(msg, e);
            } catch (AssertionError e) {
                throw new AssertionFailedError("[" + name + "] " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new AssertionFailedError("[" + name + "] unexpected " + e, e);
            }
        };
    }

    static DynamicContainer group(String name, List<? extends DynamicNode> nodes) {
        return DynamicContainer.dynamicContainer(name, nodes.stream());
    }

    static DynamicContainer group(String name, Stream<? extends DynamicNode> nodes) {
        return DynamicContainer.dynamicContainer(name, nodes);
    }
}
