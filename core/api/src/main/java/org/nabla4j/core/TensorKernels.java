package org.nabla4j.core;

/**
 * The kernel half of the backend SPI: the primitive operations a backend implements. {@link Tensor} validates every
 * argument (same backend, same dtype, shapes, axes, ranges) before it calls a kernel, so a kernel may assume valid
 * input and never re-derives broadcasting: it receives the result shape and reads operands with
 * {@link Shape#broadcastStrides}.
 *
 * <p>Contract for every kernel: tensors passed in belong to this backend and are open; every returned tensor is
 * new, owns its own storage (never a view that shares a buffer) and has the dtype of its inputs unless stated.
 * Values are computed in at least the precision of the dtype. Users call {@link Tensor}'s methods, not these.
 */
public interface TensorKernels {

    /**
     * Creates a tensor holding {@code data} (row-major, length {@code shape.size()}), rounded to {@code dtype}. The
     * kernel may keep the array as its storage: callers pass a fresh array they do not touch again.
     */
    Tensor fromArray(double[] data, Shape shape, DType dtype);

    /** Creates a tensor of {@code shape} with every element {@code value}. */
    Tensor full(Shape shape, DType dtype, double value);

    /** Element-wise {@code op(x)}. */
    Tensor unary(UnaryOp op, Tensor x);

    /** Element-wise {@code op(a, b)}; {@code a} and {@code b} broadcast to {@code out}. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out);

    /** Element-wise {@code op(a, s)}, or {@code op(s, a)} when {@code scalarFirst}. */
    Tensor binaryScalar(BinaryOp op, Tensor a, double s, boolean scalarFirst);

    /**
     * Reduces {@code x} over {@code axes} (normalized, sorted, unique, non-empty). For {@link ReduceOp#ARGMAX} and
     * {@link ReduceOp#ARGMIN}, {@code axes} has exactly one element.
     */
    Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims);

    /**
     * Matrix product: {@code a} is {@code [m, k]} and {@code b} {@code [k, n]}, or both rank 3 with the same batch
     * extent {@code [B, m, k] x [B, k, n]}.
     */
    Tensor matmul(Tensor a, Tensor b);

    /** Axis permutation: result axis {@code i} is input axis {@code perm[i]}. */
    Tensor permute(Tensor x, int[] perm);

    /** Same elements in row-major order, new shape of equal size. */
    Tensor reshape(Tensor x, Shape shape);

    /**
     * Strided slice: result element at index {@code j} (per axis) is input element {@code start[axis] + j *
     * step[axis]}; {@code out} is the result shape. All indices are in range; steps are positive.
     */
    Tensor slice(Tensor x, int[] start, int[] step, Shape out);

    /**
     * The main diagonal of a matrix {@code x} {@code [m, n]}: element {@code i} of {@code out} ({@code [min(m, n)]})
     * is {@code x[i, i]}. The default flattens {@code x} and takes a strided slice, a copy of the whole matrix; a
     * backend that can read its storage with a stride overrides it.
     */
    default Tensor diagonal(Tensor x, Shape out) {
        try (Tensor flat = reshape(x, Shape.of(x.size()))) {
            return slice(flat, new int[] {0}, new int[] {x.shape().dim(1) + 1}, out);
        }
    }

    /** Concatenation along {@code axis} of tensors that agree on every other axis; {@code out} is the result shape. */
    Tensor concat(Tensor[] xs, int axis, Shape out);

    /** Materializes the broadcast of {@code x} to {@code shape}. */
    Tensor broadcastTo(Tensor x, Shape shape);

    /** {@code cond != 0 ? a : b} element-wise, all three broadcast to {@code out}. */
    Tensor where(Tensor cond, Tensor a, Tensor b, Shape out);

    /** Converts to {@code dtype} (rounding to nearest for FLOAT64 to FLOAT32). */
    Tensor cast(Tensor x, DType dtype);

    /** A copy with its own storage. */
    Tensor copy(Tensor x);

    /** In place: {@code target = op(target, other)}, {@code other} broadcast to {@code target}'s shape. */
    void inplace(BinaryOp op, Tensor target, Tensor other);

    /** In place: {@code target = op(target, s)}. */
    void inplaceScalar(BinaryOp op, Tensor target, double s);

    /** In place: copies {@code src}, broadcast to {@code target}'s shape, into {@code target}. */
    void assign(Tensor target, Tensor src);

    /** In place: sets every element of {@code target} to {@code value}. */
    void fill(Tensor target, double value);

    /** Element at row-major flat index {@code flat}, widened to double. */
    double get(Tensor x, int flat);

    /** All elements in row-major order, widened to double, in a new array. */
    double[] toDoubleArray(Tensor x);
}
