package org.nabla4j.core;

/**
 * Element-wise unary operations that every backend implements (see {@link TensorKernels#unary}). The formulas are
 * the contract; numerically stable forms are required where noted.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code |x|}. */
    ABS,
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm; {@code log(0) = -inf}, negative input gives NaN as in IEEE 754. */
    LOG,
    /** {@code log(1 + x)}, accurate for small {@code x}. */
    LOG1P,
    /** {@code e^x - 1}, accurate for small {@code x}. */
    EXPM1,
    /** Square root. */
    SQRT,
    /** {@code x * x}. */
    SQUARE,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** Sine (radians). */
    SIN,
    /** Cosine (radians). */
    COS,
    /** Tangent (radians). */
    TAN,
    /** Hyperbolic tangent. */
    TANH,
    /** Logistic function {@code 1 / (1 + e^-x)}, evaluated without overflow for large {@code |x|}. */
    SIGMOID,
    /** {@code max(x, 0)}; NaN stays NaN. */
    RELU,
    /** {@code log(1 + e^x)}, evaluated as {@code max(x, 0) + log1p(e^-|x|)} so it never overflows. */
    SOFTPLUS,
    /** {@code -1, 0, +1} by the sign of {@code x}; NaN stays NaN. */
    SIGN
}
