package org.nabla4j.core;

import java.util.Arrays;

/**
 * An immutable tensor shape: the extent of each axis, row-major (C order), rank 0 to {@value #MAX_RANK}.
 *
 * <p>This class is also the one home of the shared shape mechanics: NumPy broadcasting ({@link #broadcast}), the
 * strides that read an operand inside a broadcast result ({@link #broadcastStrides}), and axis normalization
 * ({@link #normalizeAxis}, {@link #normalizeAxes}). Backends and gradient rules call these; they never re-derive
 * them.
 *
 * <p>Extents may be zero (an empty tensor); negative extents are rejected.
 */
public final class Shape {
    /** The largest supported rank. */
    public static final int MAX_RANK = 8;

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long s = 1;
        for (int d : dims) {
            s *= d;
            if (s > Integer.MAX_VALUE) {
                throw new InvalidArgumentException(
                        "shape " + Arrays.toString(dims) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        this.size = (int) s;
    }

    /**
     * Returns the shape with the given extents.
     *
     * @throws InvalidArgumentException if a extent is negative or the rank exceeds {@value #MAX_RANK}
     */
    public static Shape of(int... dims) {
        if (dims == null) {
            throw new InvalidArgumentException("shape: dims must not be null");
        }
        if (dims.length > MAX_RANK) {
            throw new InvalidArgumentException("shape: rank " + dims.length + " exceeds the maximum rank " + MAX_RANK
                    + ": " + Arrays.toString(dims));
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new InvalidArgumentException(
                        "shape: extent of axis " + i + " is negative in " + Arrays.toString(dims));
            }
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The rank-0 shape {@code []}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Extent of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis, dims.length, "dim")];
    }

    /** A copy of the extents. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements: the product of the extents (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Row-major strides in elements: the last axis has stride 1. */
    public int[] strides() {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    /** Row-major flat index of {@code index}, checked against the extents. */
    public int flatIndex(int... index) {
        if (index.length != dims.length) {
            throw new InvalidArgumentException(
                    "index: got " + index.length + " indices " + Arrays.toString(index) + " for shape " + this);
        }
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            int k = index[i];
            if (k < 0) {
                k += dims[i];
            }
            if (k < 0 || k >= dims[i]) {
                throw new InvalidArgumentException(
                        "index: " + index[i] + " is out of range for axis " + i + " of shape " + this);
            }
            flat = flat * dims[i] + k;
        }
        return flat;
    }

    /**
     * NumPy broadcasting of two shapes: align trailing axes; extents must be equal or one of them 1.
     *
     * @param op the operation name, used in the error message
     * @throws ShapeMismatchException naming both shapes when they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new ShapeMismatchException(op + ": shapes do not broadcast: " + a + " and " + b);
            }
        }
        return new Shape(out);
    }

    /** True when this shape broadcasts to {@code target} without changing {@code target}. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strides (in elements of {@code in}'s row-major storage) for reading an operand of shape {@code in} at each
     * index of the broadcast result {@code out}: one entry per axis of {@code out}, 0 on broadcast axes. Backends
     * iterate {@code out} in row-major order and advance by these strides.
     *
     * @throws ShapeMismatchException if {@code in} does not broadcast to {@code out}
     */
    public static int[] broadcastStrides(Shape in, Shape out) {
        if (!in.broadcastsTo(out)) {
            throw new ShapeMismatchException("broadcast: shape " + in + " cannot be broadcast to " + out);
        }
        int[] inStrides = in.strides();
        int[] st = new int[out.rank()];
        int off = out.rank() - in.rank();
        for (int i = 0; i < in.rank(); i++) {
            st[i + off] = in.dims[i] == 1 ? 0 : inStrides[i];
        }
        return st;
    }

    /**
     * Axes of {@code out} over which a tensor of shape {@code in} was broadcast (leading axes {@code in} lacks and
     * axes where {@code in} has extent 1 but {@code out} does not): summing a gradient of shape {@code out} over
     * these and reshaping to {@code in} undoes the broadcast.
     */
    public static int[] broadcastAxes(Shape in, Shape out) {
        if (!in.broadcastsTo(out)) {
            throw new ShapeMismatchException("broadcast: shape " + in + " cannot be broadcast to " + out);
        }
        int off = out.rank() - in.rank();
        int[] tmp = new int[out.rank()];
        int n = 0;
        for (int i = 0; i < out.rank(); i++) {
            if (i < off || (in.dims[i - off] == 1 && out.dims[i] != 1)) {
                tmp[n++] = i;
            }
        }
        return Arrays.copyOf(tmp, n);
    }

    /**
     * Maps {@code axis} in {@code [-rank, rank)} to {@code [0, rank)}.
     *
     * @throws InvalidAxisException naming the operation, the axis and the rank when out of range
     */
    public static int normalizeAxis(int axis, int rank, String op) {
        if (axis < -rank || axis >= rank) {
            throw new InvalidAxisException(op + ": axis " + axis + " is out of range for rank " + rank + " (expected "
                    + -rank + " <= axis < " + rank + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * Normalizes, checks and sorts a list of axes.
     *
     * @throws InvalidAxisException if an axis is out of range or repeated
     */
    public static int[] normalizeAxes(int[] axes, int rank, String op) {
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            int a = normalizeAxis(axes[i], rank, op);
            if (seen[a]) {
                throw new InvalidAxisException(op + ": axis " + axes[i] + " is repeated in " + Arrays.toString(axes));
            }
            seen[a] = true;
            out[i] = a;
        }
        Arrays.sort(out);
        return out;
    }

    /** All axes {@code 0..rank-1}. */
    public int[] allAxes() {
        int[] a = new int[dims.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * The shape after reducing the given (normalized, sorted) axes: removed, or kept with extent 1 when
     * {@code keepDims}.
     */
    public Shape reduce(int[] axes, boolean keepDims) {
        boolean[] r = new boolean[dims.length];
        for (int a : axes) {
            r[a] = true;
        }
        int[] out = new int[keepDims ? dims.length : dims.length - axes.length];
        int j = 0;
        for (int i = 0; i < dims.length; i++) {
            if (r[i]) {
                if (keepDims) {
                    out[j++] = 1;
                }
            } else {
                out[j++] = dims[i];
            }
        }
        return new Shape(out);
    }

    /**
     * Resolves a reshape target against this shape: one extent may be {@code -1} and is inferred.
     *
     * @throws ShapeMismatchException if the element counts differ or the inference is impossible
     */
    public Shape reshape(int... target) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeMismatchException(
                            "reshape: only one -1 allowed, got " + Arrays.toString(target) + " for " + this);
                }
                infer = i;
            } else if (target[i] < 0) {
                throw new ShapeMismatchException(
                        "reshape: negative extent in " + Arrays.toString(target) + " for " + this);
            } else {
                known *= target[i];
            }
        }
        int[] out = target.clone();
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer -1 in " + Arrays.toString(target) + " from "
                        + this + " (" + size + " elements)");
            }
            out[infer] = (int) (size / known);
        } else if (known != size) {
            throw new ShapeMismatchException("reshape: cannot reshape " + this + " (" + size + " elements) to "
                    + Arrays.toString(target) + " (" + known + " elements)");
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The extents in brackets, e.g. {@code [2, 3]}; {@code []} for a scalar. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
