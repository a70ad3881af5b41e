package org.nabla4j.testkit;

import org.nabla4j.core.DType;

/**
 * Named tolerances for tests, one per dtype and kind of computation (the role of EJML's {@code UtilEjml.TEST_F64}).
 * Tests never write a bare {@code 1e-9}: they pick the constant that says what is being compared.
 *
 * <p>The element-wise tolerances allow for a few ulps of disagreement between independent implementations of the
 * same formula (a Java reference and a native math library, say). The linear-algebra tolerances apply to residuals
 * of decompositions and solves of small, well-conditioned matrices whose entries are of order one.
 */
public final class Tolerances {

    /** Element-wise and short reductions in {@link DType#FLOAT64}: {@code rtol = 1e-12, atol = 1e-14}. */
    public static final Tolerance F64 = new Tolerance(1e-12, 1e-14);

    /** Element-wise and short reductions in {@link DType#FLOAT32}: {@code rtol = 1e-5, atol = 1e-6}. */
    public static final Tolerance F32 = new Tolerance(1e-5, 1e-6);

    /** Residuals of decompositions, solves and inverses in {@link DType#FLOAT64}: {@code rtol = atol = 1e-9}. */
    public static final Tolerance LINALG_F64 = new Tolerance(1e-9, 1e-9);

    /** Residuals of decompositions, solves and inverses in {@link DType#FLOAT32}: {@code rtol = atol = 2e-4}. */
    public static final Tolerance LINALG_F32 = new Tolerance(2e-4, 2e-4);

    private Tolerances() {}

    /**
     * The element-wise tolerance for {@code dtype}: {@link #F64} or {@link #F32}.
     *
     * @throws IllegalArgumentException if {@code dtype} is null
     */
    public static Tolerance forDType(DType dtype) {
        return switch (requireDType(dtype)) {
            case FLOAT64 -> F64;
            case FLOAT32 -> F32;
        };
    }

    /**
     * The linear-algebra tolerance for {@code dtype}: {@link #LINALG_F64} or {@link #LINALG_F32}.
     *
     * @throws IllegalArgumentException if {@code dtype} is null
     */
    public static Tolerance linalgForDType(DType dtype) {
        return switch (requireDType(dtype)) {
            case FLOAT64 -> LINALG_F64;
            case FLOAT32 -> LINALG_F32;
        };
    }

    private static DType requireDType(DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException("Tolerances: dtype must not be null");
        }
        return dtype;
    }
}
