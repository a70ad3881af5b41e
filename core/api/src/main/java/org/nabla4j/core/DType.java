package org.nabla4j.core;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>Every tensor carries its own dtype; there is no global default dtype that an operation reads. Factories that
 * take no dtype create {@link #FLOAT64} tensors. Operations never mix dtypes silently: combining a FLOAT64 and a
 * FLOAT32 tensor throws {@link DTypeMismatchException}; convert explicitly with {@link Tensor#toDType(DType)}.
 */
public enum DType {
    /** IEEE 754 binary64, the default. */
    FLOAT64(8, 1e-15),
    /** IEEE 754 binary32. Values are rounded to nearest-even when stored. */
    FLOAT32(4, 1e-6);

    private final int bytes;
    private final double epsilon;

    DType(int bytes, double epsilon) {
        this.bytes = bytes;
        this.epsilon = epsilon;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * A rough machine-epsilon scale for this dtype (about 1e-15 for FLOAT64, 1e-6 for FLOAT32), used for default
     * tolerances; not the exact ulp of 1.
     */
    public double epsilon() {
        return epsilon;
    }

    /** Rounds {@code value} to the nearest value representable in this dtype. */
    public double round(double value) {
        return this == FLOAT32 ? (double) (float) value : value;
    }
}
