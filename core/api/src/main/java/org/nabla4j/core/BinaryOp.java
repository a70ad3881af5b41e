package org.nabla4j.core;

/**
 * Element-wise binary operations with NumPy broadcasting that every backend implements (see
 * {@link TensorKernels#binary}). Comparisons produce {@code 1.0} for true and {@code 0.0} for false in the operands'
 * dtype; any comparison with NaN is false except {@link #NE}.
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b} (IEEE 754: division by zero gives ±inf or NaN). */
    DIV,
    /** {@code a ^ b} as {@link Math#pow}. */
    POW,
    /** Element-wise maximum; NaN if either operand is NaN. */
    MAX,
    /** Element-wise minimum; NaN if either operand is NaN. */
    MIN,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE;

    /** True for the six comparisons. */
    public boolean isComparison() {
        return ordinal() >= GT.ordinal();
    }
}
