package org.nabla4j.core;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Dense linear algebra on the tensors of one backend. The public methods validate their arguments once, here, and
 * then call the backend's protected kernels, so every backend reports the same errors with the same messages.
 *
 * <p>Conventions: matrices are row-major 2-D tensors; vectors are 1-D. Results have the dtype and backend of the
 * input. Decompositions are the thin (economy) forms.
 *
 * <p><b>Batches.</b> Every method but {@link #det} also takes a stack of matrices {@code [..., m, n]} (rank above 2)
 * and applies itself to each matrix, returning results with the same leading (batch) axes: {@code inverse} of
 * {@code [2, 5, 3, 3]} is {@code [2, 5, 3, 3]}, the eigenvalues of {@code [4, 3, 3]} are {@code [4, 3]}. For
 * {@link #solve} with a batched {@code A [..., n, n]}, a 1-D {@code B [n]} is one right-hand side for every matrix
 * (result {@code [..., n]}), and {@code B [..., n, k]} is a stack whose batch axes broadcast against those of
 * {@code A}, as in NumPy 2 (a stack of vectors is given as {@code [..., n, 1]}). An error in one matrix of a batch
 * (singular, not symmetric, ...) is thrown as for a single matrix.
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

    /**
     * Result of {@link #slogdet}: {@code det A = sign · e^logAbs}.
     *
     * @param sign {@code -1} or {@code 1}, or {@code 0} when a pivot of the LU factorization is exactly 0
     * @param logAbs {@code ln |det A|}; {@code -∞} when {@code sign} is 0
     */
    public record SignedLogDet(double sign, double logAbs) {}

    /** Creates the linear-algebra front of a backend. */
    protected Linalg() {}

    /**
     * Solves {@code A X = B} for square {@code A} {@code [n, n]} and {@code B} {@code [n]} or {@code [n, k]}, or for
     * stacks (see the class documentation).
     *
     * @throws ShapeMismatchException if {@code A} is not square, {@code B}'s rows differ from {@code n}, or batch
     *     axes do not broadcast
     * @throws SingularMatrixException if {@code A} is singular to working precision
     */
    public final Tensor solve(Tensor a, Tensor b) {
        if (isStack(a, "solve") || (b != null && b.rank() > 2)) {
            return solveStack(a, b);
        }
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
        if (isStack(a, "inverse")) {
            checkSquareStack(a, "inverse");
            return eachMatrix(a, new Shape[] {matrixShape(a)}, m -> new Tensor[] {inverse(m)})[0];
        }
        checkSquare(a, "inverse");
        if (a.shape().dim(0) == 0) {
            return empty(a, a.shape());
        }
        return doInverse(a);
    }

    /**
     * Determinant of a square matrix (0 for a singular one; 1 for {@code [0, 0]}). Unlike the other methods it takes
     * a single matrix only: loop over a stack with {@link Tensor#select}. The product of the pivots leaves the range
     * of double for large matrices (an {@code n × n} matrix of unit-variance entries reaches about {@code √n!}), and
     * the result is then {@code ±∞} or 0; {@link #slogdet} gives its sign and logarithm without overflow.
     *
     * @throws ShapeMismatchException if {@code A} is not a square 2-D matrix
     */
    public final double det(Tensor a) {
        checkSquare(a, "det");
        if (a.shape().dim(0) == 0) {
            return 1.0; // the empty product
        }
        return doDet(a);
    }

    /**
     * The sign and the natural logarithm of the absolute value of the determinant, from the pivots of an LU
     * factorization with partial pivoting (in double precision for FLOAT32 too). Unlike {@link #det} it does not
     * overflow: the determinant of a 400 × 400 matrix of unit-variance entries is beyond the range of double, while its
     * logarithm is about 1000. A singular matrix gives sign 0 and {@code -∞}.
     *
     * @throws ShapeMismatchException if {@code A} is not a square 2-D matrix
     * @throws InvalidArgumentException if {@code A} contains NaN or infinite values
     */
    public final SignedLogDet slogdet(Tensor a) {
        checkSquare(a, "slogdet");
        if (a.shape().dim(0) == 0) {
            return new SignedLogDet(1.0, 0.0);
        }
        return doSlogdet(a);
    }

    /**
     * The sign and log of the product of the pivots {@code diagonal} of an LU factorization whose row permutation is
     * odd or even: the common end of every backend's {@link #doSlogdet}.
     */
    protected static SignedLogDet fromPivots(double[] diagonal, boolean oddPermutation) {
        double sign = oddPermutation ? -1.0 : 1.0;
        double log = 0.0;
        for (double p : diagonal) {
            if (p == 0.0) {
                return new SignedLogDet(0.0, Double.NEGATIVE_INFINITY);
            }
            if (p < 0) {
                sign = -sign;
            }
            log += Math.log(Math.abs(p));
        }
        return new SignedLogDet(sign, log);
    }

    /**
     * Lower-triangular Cholesky factor {@code L} with {@code A = L Lᵀ}. Only the lower triangle of {@code A} is
     * read after a symmetry check.
     *
     * @throws InvalidArgumentException if {@code A} is not symmetric
     * @throws NotPositiveDefiniteException if {@code A} is symmetric but not positive definite
     */
    public final Tensor cholesky(Tensor a) {
        if (isStack(a, "cholesky")) {
            checkSquareStack(a, "cholesky");
            return eachMatrix(a, new Shape[] {matrixShape(a)}, m -> new Tensor[] {cholesky(m)})[0];
        }
        checkSquare(a, "cholesky");
        checkSymmetric(a, "cholesky");
        if (a.shape().dim(0) == 0) {
            return empty(a, a.shape());
        }
        return doCholesky(a);
    }

    /** Thin QR decomposition of {@code A} {@code [m, n]}: {@code Q [m, k]}, {@code R [k, n]}, {@code k = min(m, n)}. */
    public final QR qr(Tensor a) {
        if (isStack(a, "qr")) {
            checkFinite(a, "qr");
            int m = a.shape().dim(-2);
            int n = a.shape().dim(-1);
            int k = Math.min(m, n);
            Tensor[] parts = eachMatrix(a, new Shape[] {Shape.of(m, k), Shape.of(k, n)}, x -> {
                QR r = qr(x);
                return new Tensor[] {r.q(), r.r()};
            });
            return new QR(parts[0], parts[1]);
        }
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
        if (isStack(a, "svd")) {
            checkFinite(a, "svd");
            int m = a.shape().dim(-2);
            int n = a.shape().dim(-1);
            int k = Math.min(m, n);
            Tensor[] parts = eachMatrix(a, new Shape[] {Shape.of(m, k), Shape.of(k), Shape.of(k, n)}, x -> {
                SVD r = svd(x);
                return new Tensor[] {r.u(), r.s(), r.vt()};
            });
            return new SVD(parts[0], parts[1], parts[2]);
        }
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
        if (isStack(a, "eigh")) {
            checkSquareStack(a, "eigh");
            int n = a.shape().dim(-1);
            Tensor[] parts = eachMatrix(a, new Shape[] {Shape.of(n), Shape.of(n, n)}, x -> {
                Eigen r = eigh(x);
                return new Tensor[] {r.values(), r.vectors()};
            });
            return new Eigen(parts[0], parts[1]);
        }
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

    /** Kernel of {@link #slogdet}; argument is validated and not empty. See {@link #fromPivots}. */
    protected abstract SignedLogDet doSlogdet(Tensor a);

    /** Kernel of {@link #cholesky}; argument is validated, symmetric and not empty. */
    protected abstract Tensor doCholesky(Tensor a);

    /** Kernel of {@link #qr}; argument is validated and no extent is 0. */
    protected abstract QR doQr(Tensor a);

    /** Kernel of {@link #svd}; argument is validated and no extent is 0. */
    protected abstract SVD doSvd(Tensor a);

    /** Kernel of {@link #eigh}; argument is validated, symmetric and not empty. */
    protected abstract Eigen doEigh(Tensor a);

    /** Whether {@code a} is a stack of matrices (rank above 2); checks that it is present and open. */
    private static boolean isStack(Tensor a, String op) {
        Checks.notNull(a, op, "matrix");
        a.ensureOpen();
        return a.rank() > 2;
    }

    private static void checkFinite(Tensor a, String op) {
        if (!a.allFinite()) {
            throw new InvalidArgumentException(op + ": matrix contains NaN or infinite values");
        }
    }

    private static void checkSquareStack(Tensor a, String op) {
        checkFinite(a, op);
        if (a.shape().dim(-2) != a.shape().dim(-1)) {
            throw new ShapeMismatchException(op + ": expected square matrices [..., n, n], got shape " + a.shape());
        }
    }

    /** The shape of one matrix of the stack {@code a}. */
    private static Shape matrixShape(Tensor a) {
        return Shape.of(a.shape().dim(-2), a.shape().dim(-1));
    }

    /**
     * Applies {@code f} to every matrix of the stack {@code a} ({@code [..., m, n]}) and stacks each of its results
     * behind the batch axes; {@code parts} are the shapes of one matrix's results, used when the batch is empty.
     */
    private static Tensor[] eachMatrix(Tensor a, Shape[] parts, java.util.function.Function<Tensor, Tensor[]> f) {
        int[] dims = a.shape().dims();
        int r = dims.length;
        int[] batch = Arrays.copyOf(dims, r - 2);
        if (a.size() == 0) {
            // an empty batch, or empty matrices: reshape cannot infer the batch extent, and no kernel needs to run
            return eachIndex(a, batch, parts, i -> {
                try (Tensor m = emptyMatrix(a)) {
                    return f.apply(m);
                }
            });
        }
        try (Tensor flat = a.reshape(-1, dims[r - 2], dims[r - 1])) {
            return eachIndex(a, batch, parts, i -> {
                try (Tensor m = flat.select(0, i)) {
                    return f.apply(m);
                }
            });
        }
    }

    /**
     * Stacks the results of {@code f(0)}, ..., {@code f(count - 1)} behind the axes {@code batch} ({@code count}
     * their product); {@code parts} are the shapes of one call's results, used when the batch is empty. Every
     * intermediate tensor is closed, also when {@code f} throws.
     */
    private static Tensor[] eachIndex(Tensor like, int[] batch, Shape[] parts, IntFunction<Tensor[]> f) {
        int count = 1;
        for (int d : batch) {
            count *= d;
        }
        Tensor[] out = new Tensor[parts.length];
        if (count == 0) {
            for (int p = 0; p < parts.length; p++) {
                out[p] = empty(like, Shape.of(concat(batch, parts[p].dims())));
            }
            return out;
        }
        Tensor[][] results = new Tensor[parts.length][count];
        try {
            for (int i = 0; i < count; i++) {
                Tensor[] res = f.apply(i);
                for (int p = 0; p < parts.length; p++) {
                    results[p][i] = res[p];
                }
            }
            for (int p = 0; p < parts.length; p++) {
                try (Tensor stacked = Tensor.stack(0, results[p])) {
                    out[p] = stacked.reshape(concat(batch, results[p][0].shape().dims()));
                }
            }
            return out;
        } finally {
            for (Tensor[] rs : results) {
                for (Tensor t : rs) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
        }
    }

    /** A zero-size matrix with the last two extents of {@code a}. */
    private static Tensor emptyMatrix(Tensor a) {
        return empty(a, Shape.of(a.shape().dim(-2), a.shape().dim(-1)));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** {@link #solve} when {@code A} or {@code B} is a stack; see the class documentation. */
    private Tensor solveStack(Tensor a, Tensor b) {
        String op = "solve";
        Checks.notNull(b, op, "right-hand side");
        Tensor.checkSame(a, b, op);
        if (a.rank() < 2) {
            throw new ShapeMismatchException(op + ": expected a matrix [n, n] or a stack [..., n, n], got A "
                    + a.shape() + " and B " + b.shape());
        }
        checkSquareStack(a, op);
        int n = a.shape().dim(-1);
        int[] aDims = a.shape().dims();
        int[] aBatch = Arrays.copyOf(aDims, aDims.length - 2);
        if (b.rank() == 1) {
            if (b.shape().dim(0) != n) {
                throw new ShapeMismatchException(op + ": right-hand side must be [" + n + "] or [..., " + n
                        + ", k], got A " + a.shape() + " and B " + b.shape());
            }
            return eachMatrix(a, new Shape[] {Shape.of(n)}, m -> new Tensor[] {solve(m, b)})[0];
        }
        int[] bDims = b.shape().dims();
        if (bDims[bDims.length - 2] != n) {
            throw new ShapeMismatchException(op + ": right-hand side must be [" + n + "] or [..., " + n + ", k], got A "
                    + a.shape() + " and B " + b.shape());
        }
        int k = bDims[bDims.length - 1];
        int[] bBatch = Arrays.copyOf(bDims, bDims.length - 2);
        int[] batch;
        try {
            batch = Shape.broadcast(Shape.of(aBatch), Shape.of(bBatch), op).dims();
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(
                    op + ": the batch axes of A " + a.shape() + " and B " + b.shape() + " do not broadcast");
        }
        Shape result = Shape.of(concat(batch, new int[] {n, k}));
        if (result.size() == 0) {
            return empty(a, result);
        }
        try (Tensor aFull = a.broadcastTo(concat(batch, new int[] {n, n}));
                Tensor bFull = b.broadcastTo(concat(batch, new int[] {n, k}));
                Tensor aFlat = aFull.reshape(-1, n, n);
                Tensor bFlat = bFull.reshape(-1, n, k)) {
            return eachIndex(a, batch, new Shape[] {Shape.of(n, k)}, i -> {
                try (Tensor ai = aFlat.select(0, i);
                        Tensor bi = bFlat.select(0, i)) {
                    return new Tensor[] {solve(ai, bi)};
                }
            })[0];
        }
    }

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
