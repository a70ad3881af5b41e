package org.nabla4j.core;

/**
 * Dense linear algebra on 2-D tensors of one backend. The public methods validate their arguments once, here, and
 * then call the backend's protected kernels, so every backend reports the same errors with the same messages.
 *
 * <p>Conventions: matrices are row-major 2-D tensors; vectors are 1-D. Results have the dtype and backend of the
 * input. Decompositions are the thin (economy) forms.
 */
public abstract class Linalg {

    /** Result of {@link #qr}: {@code A = Q R} with orthonormal columns in {@code Q} and upper-triangular {@code R}. */
    public record QR(Tensor q, Tensor r) {}

    /**
     * Result of {@link #svd}: {@code A = U diag(S) Vᵀ} with {@code S} descending and non-negative, {@code U}
     * {@code [m, k]}, {@code S} {@code [k]}, {@code Vt} {@code [k, n]}, {@code k = min(m, n)}.
     */
    public record SVD(Tensor u, Tensor s, Tensor vt) {}

    /**
     * Result of {@link #eigh}: eigenvalues ascending in {@code values} {@code [n]}, unit eigenvectors in the
     * columns of {@code vectors} {@code [n, n]}, so {@code A v_i = λ_i v_i}.
     */
    public record Eigen(Tensor values, Tensor vectors) {}

    /** Creates the linear-algebra front of a backend. */
    protected Linalg() {}

    /**
     * Solves {@code A X = B} for square {@code A} {@code [n, n]} and {@code B} {@code [n]} or {@code [n, k]}.
     *
     * @throws ShapeMismatchException if {@code A} is not square or {@code B}'s rows differ from {@code n}
     * @throws SingularMatrixException if {@code A} is singular to working precision
     */
    public final Tensor solve(Tensor a, Tensor b) {
        checkSquare(a, "solve");
        Tensor.checkSame(a, b, "solve");
        if (b.rank() < 1 || b.rank() > 2 || b.shape().dim(0) != a.shape().dim(0)) {
            throw new ShapeMismatchException(
                    "solve: right-hand side must be [" + a.shape().dim(0) + "] or ["
                            + a.shape().dim(0) + ", k], got A " + a.shape() + " and B " + b.shape());
        }
        int n = a.shape().dim(0);
        if (n == 0 || (b.rank() == 2 && b.shape().dim(1) == 0)) {
            return empty(a, b.shape());
        }
        return doSolve(a, b);
    }

    /**
     * Inverse of a square matrix.
     *
     * @throws SingularMatrixException if the matrix is singular to working precision
     */
    public final Tensor inverse(Tensor a) {
        checkSquare(a, "inverse");
        if (a.shape().dim(0) == 0) {
            return empty(a, a.shape());
        }
        return doInverse(a);
    }

    /** Determinant of a square matrix (0 for a singular one; 1 for {@code [0, 0]}). */
    public final double det(Tensor a) {
        checkSquare(a, "det");
        if (a.shape().dim(0) == 0) {
            return 1.0; // the empty product
        }
        return doDet(a);
    }

    /**
     * Lower-triangular Cholesky factor {@code L} with {@code A = L Lᵀ}. Only the lower triangle of {@code A} is
     * read after a symmetry check.
     *
     * @throws InvalidArgumentException if {@code A} is not symmetric
     * @throws NotPositiveDefiniteException if {@code A} is symmetric but not positive definite
     */
    public final Tensor cholesky(Tensor a) {
        checkSquare(a, "cholesky");
        checkSymmetric(a, "cholesky");
        if (a.shape().dim(0) == 0) {
            return empty(a, a.shape());
        }
        return doCholesky(a);
    }

    /** Thin QR decomposition of {@code A} {@code [m, n]}: {@code Q [m, k]}, {@code R [k, n]}, {@code k = min(m, n)}. */
    public final QR qr(Tensor a) {
        checkMatrix(a, "qr");
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        if (Math.min(m, n) == 0) {
            return new QR(empty(a, Shape.of(m, 0)), empty(a, Shape.of(0, n)));
        }
        return doQr(a);
    }

    /** Thin singular value decomposition; see {@link SVD}. */
    public final SVD svd(Tensor a) {
        checkMatrix(a, "svd");
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        if (Math.min(m, n) == 0) {
            return new SVD(empty(a, Shape.of(m, 0)), empty(a, Shape.of(0)), empty(a, Shape.of(0, n)));
        }
        return doSvd(a);
    }

    /**
     * Eigen-decomposition of a symmetric matrix; see {@link Eigen}.
     *
     * @throws InvalidArgumentException if {@code A} is not symmetric (relative tolerance 1e-10 in FLOAT64,
     *     1e-5 in FLOAT32)
     */
    public final Eigen eigh(Tensor a) {
        checkSquare(a, "eigh");
        checkSymmetric(a, "eigh");
        if (a.shape().dim(0) == 0) {
            return new Eigen(empty(a, Shape.of(0)), empty(a, Shape.of(0, 0)));
        }
        return doEigh(a);
    }

    /**
     * An all-zero result of {@code shape} for {@code a}'s backend and dtype: the answer of every decomposition and
     * solve that has an extent 0, handled here once so that backends only see non-empty matrices.
     */
    private static Tensor empty(Tensor a, Shape shape) {
        return a.backend().kernels().full(shape, a.dtype(), 0.0);
    }

    /** Kernel of {@link #solve}; arguments are validated and no extent is 0. */
    protected abstract Tensor doSolve(Tensor a, Tensor b);

    /** Kernel of {@link #inverse}; argument is validated and no extent is 0. */
    protected abstract Tensor doInverse(Tensor a);

    /** Kernel of {@link #det}; argument is validated and no extent is 0. */
    protected abstract double doDet(Tensor a);

    /** Kernel of {@link #cholesky}; argument is validated, symmetric and not empty. */
    protected abstract Tensor doCholesky(Tensor a);

    /** Kernel of {@link #qr}; argument is validated and no extent is 0. */
    protected abstract QR doQr(Tensor a);

    /** Kernel of {@link #svd}; argument is validated and no extent is 0. */
    protected abstract SVD doSvd(Tensor a);

    /** Kernel of {@link #eigh}; argument is validated, symmetric and not empty. */
    protected abstract Eigen doEigh(Tensor a);

    private static void checkMatrix(Tensor a, String op) {
        Checks.notNull(a, op, "matrix");
        a.ensureOpen();
        if (a.rank() != 2) {
            throw new ShapeMismatchException(op + ": expected a 2-D matrix, got shape " + a.shape());
        }
        if (!a.allFinite()) {
            throw new InvalidArgumentException(op + ": matrix contains NaN or infinite values");
        }
    }

    private static void checkSquare(Tensor a, String op) {
        checkMatrix(a, op);
        if (a.shape().dim(0) != a.shape().dim(1)) {
            throw new ShapeMismatchException(op + ": expected a square matrix, got shape " + a.shape());
        }
    }

    private static void checkSymmetric(Tensor a, String op) {
        int n = a.shape().dim(0);
        double[] d = a.toDoubleArray();
        double scale = 0;
        for (double v : d) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tol = (a.dtype() == DType.FLOAT32 ? 1e-5 : 1e-10) * scale;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(d[i * n + j] - d[j * n + i]) > tol) {
                    throw new InvalidArgumentException(op + ": matrix is not symmetric: A[" + i + "," + j + "] = "
                            + d[i * n + j] + " but A[" + j + "," + i + "] = " + d[j * n + i]);
                }
            }
        }
    }
}
