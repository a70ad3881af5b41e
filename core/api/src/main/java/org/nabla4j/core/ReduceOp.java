package org.nabla4j.core;

/** Reductions over a set of axes that every backend implements (see {@link TensorKernels#reduce}). */
public enum ReduceOp {
    /** Sum; 0 over an empty set. */
    SUM,
    /** Arithmetic mean; NaN over an empty set is rejected by {@link Tensor}. */
    MEAN,
    /** Maximum; NaN if any element is NaN. Rejected over an empty set. */
    MAX,
    /** Minimum; NaN if any element is NaN. Rejected over an empty set. */
    MIN,
    /**
     * {@code log(sum(exp(x)))} computed as {@code m + log(sum(exp(x - m)))} with {@code m = max(x)}, so it is finite
     * for logits of any magnitude; {@code -inf} if all elements are {@code -inf}, {@code +inf} if any is
     * {@code +inf}.
     */
    LOGSUMEXP,
    /** Euclidean (Frobenius) norm {@code sqrt(sum(x^2))}, computed with scaling so it neither overflows nor underflows. */
    NORM2,
    /** Index of the first maximum along a single axis (as a floating value); NaN counts as the maximum. */
    ARGMAX,
    /** Index of the first minimum along a single axis (as a floating value); NaN counts as the minimum. */
    ARGMIN
}
