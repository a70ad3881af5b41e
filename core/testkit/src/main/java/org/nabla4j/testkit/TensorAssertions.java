package org.nabla4j.testkit;

import java.util.Arrays;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;
import org.nabla4j.core.Tensor;

/**
 * JUnit assertions on tensors whose failure messages show the offending element: its flat and multi-dimensional
 * index, the expected and the actual value, the difference and the bound it exceeded. Usable by any module's tests.
 *
 * <p>Values are compared with a {@link Tolerance}: {@code |actual - expected| <= atol + rtol * |expected|}, with
 * NaN and infinities matched exactly.
 */
public final class TensorAssertions {
    private static final int MAX_REPORTED = 5;

    private TensorAssertions() {}

    /**
     * Asserts that {@code actual} has {@code expected.length} elements, each close to the corresponding (row-major)
     * entry of {@code expected}.
     */
    public static void assertClose(double[] expected, Tensor actual, Tolerance tol) {
        Assertions.assertNotNull(actual, "actual tensor is null");
        Assertions.assertFalse(actual.isClosed(), () -> actual.describe() + " is closed");
        double[] got = actual.toDoubleArray();
        compare(expected, got, actual.dims(), tol, actual.describe());
    }

    /** Asserts that {@code actual} has shape {@code expectedShape} and values close to {@code expected}. */
    public static void assertClose(double[] expected, int[] expectedShape, Tensor actual, Tolerance tol) {
        assertShape(actual, expectedShape);
        assertClose(expected, actual, tol);
    }

    /** Asserts that both tensors have the same shape and close values. */
    public static void assertClose(Tensor expected, Tensor actual, Tolerance tol) {
        Assertions.assertNotNull(expected, "expected tensor is null");
        assertClose(expected.toDoubleArray(), expected.dims(), actual, tol);
    }

    /** Asserts that {@code actual} is close to {@code expected}; {@code what} names the value in the message. */
    public static void assertClose(double expected, double actual, Tolerance tol, String what) {
        if (!tol.accepts(expected, actual)) {
            Assertions.fail(
                    what + ": expected " + expected + " but was " + actual + describeBound(expected, actual, tol));
        }
    }

    /** Asserts that two arrays have the same length and close entries; {@code what} names them in the message. */
    public static void assertClose(double[] expected, double[] actual, Tolerance tol, String what) {
        Assertions.assertNotNull(actual, what + ": actual array is null");
        compare(expected, actual, new int[] {actual.length}, tol, what);
    }

    /** Asserts that {@code actual} has exactly the extents {@code expected}. */
    public static void assertShape(Tensor actual, int... expected) {
        Assertions.assertNotNull(actual, "actual tensor is null");
        if (!Arrays.equals(expected, actual.dims())) {
            Assertions.fail(
                    actual.describe() + ": expected shape " + Arrays.toString(expected) + " but was " + actual.shape());
        }
    }

    /**
     * Asserts that {@code body} throws an exception of {@code type} (or a subclass) whose message contains every one
     * of {@code fragments}; returns the exception.
     */
    public static <T extends Throwable> T assertThrowsWithMessage(Class<T> type, Executable body, String... fragments) {
        T e = Assertions.assertThrows(type, body);
        String msg = e.getMessage();
        for (String f : fragments) {
            if (msg == null || !msg.contains(f)) {
                Assertions.fail(type.getSimpleName() + " message should contain \"" + f + "\" but was: " + msg, e);
            }
        }
        return e;
    }

    private static void compare(double[] expected, double[] actual, int[] dims, Tolerance tol, String what) {
        Assertions.assertNotNull(expected, "expected array is null");
        Assertions.assertNotNull(tol, "tolerance is null");
        if (expected.length != actual.length) {
            Assertions.fail(what + ": expected " + expected.length + " elements but got " + actual.length);
        }
        StringBuilder sb = null;
        int bad = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!tol.accepts(expected[i], actual[i])) {
                if (sb == null) {
                    sb = new StringBuilder(what)
                            .append(" differs from the expected values (")
                            .append(tol)
                            .append("):");
                }
                if (bad < MAX_REPORTED) {
                    sb.append("\n  element ")
                            .append(i)
                            .append(" at ")
                            .append(Arrays.toString(unravel(i, dims)))
                            .append(": expected ")
                            .append(expected[i])
                            .append(" but was ")
                            .append(actual[i])
                            .append(describeBound(expected[i], actual[i], tol));
                }
                bad++;
            }
        }
        if (sb != null) {
            if (bad > MAX_REPORTED) {
                sb.append("\n  ... and ").append(bad - MAX_REPORTED).append(" more");
            }
            sb.append("\n  (")
                    .append(bad)
                    .append(" of ")
                    .append(expected.length)
                    .append(" elements differ)");
            if (expected.length <= 64) {
                sb.append("\n  expected: ").append(Arrays.toString(expected));
                sb.append("\n  actual:   ").append(Arrays.toString(actual));
            }
            Assertions.fail(sb.toString());
        }
    }

    private static String describeBound(double expected, double actual, Tolerance tol) {
        if (!Double.isFinite(expected)) {
            return " (non-finite values must match exactly)";
        }
        return " (|diff| = " + Math.abs(actual - expected) + " > " + tol.bound(expected) + ")";
    }

    private static int[] unravel(int flat, int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size == 0 || flat >= size) {
            return new int[] {flat};
        }
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }
}
