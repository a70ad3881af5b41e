package org.nabla4j.optim;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Exact solution of an equality-constrained quadratic program
 *
 * <pre>
 * minimize ½ xᵀQx + cᵀx   subject to   A x = b
 * </pre>
 *
 * by its KKT linear system: with the Lagrangian {@code ½xᵀQx + cᵀx + λᵀ(Ax − b)}, stationarity and feasibility read
 *
 * <pre>
 * [ Q  Aᵀ ] [ x ]   [ −c ]
 * [ A  0  ] [ λ ] = [  b ]
 * </pre>
 *
 * which is solved with the backend's {@link Linalg#solve}. {@code Q} enters through its symmetric part
 * {@code (Q + Qᵀ)/2}, the only part the objective depends on. The system is non-singular exactly when {@code A} has
 * full row rank and {@code Q} is non-singular on the null space of {@code A}; the solution is then the unique
 * stationary point, and the minimizer when {@code Q} is positive definite on that null space (otherwise a saddle
 * point; this is not checked).
 *
 * <p>Example: {@code min x² + y² s.t. x + y = 1} has {@code Q = 2I}, {@code c = 0}, {@code A = [1 1]},
 * {@code b = [1]}, and the solution {@code x = y = 1/2}, {@code λ = −1}.
 */
public final class EqualityQp {
    /** Relative singular-value threshold below which the KKT matrix is treated as singular. */
    private static final double RANK_TOLERANCE = 1e-12;

    private EqualityQp() {}

    /**
     * The solution {@code x} and the multipliers {@code λ} of the equality constraints, new tensors owned by the
     * caller, with the sign convention {@code Qx + c + Aᵀλ = 0}.
     */
    public record Solution(Tensor x, Tensor lambda) {}

    /**
     * Solves the program; all tensors must share backend and dtype.
     *
     * @param q {@code [n, n]}
     * @param c {@code [n]}
     * @param a {@code [m, n]} with {@code 0 < m <= n}
     * @param b {@code [m]}
     * @throws InvalidArgumentException if an argument is null or contains NaN or infinite values
     * @throws ShapeMismatchException if the shapes do not fit together (the message shows them)
     * @throws SingularMatrixException if the KKT matrix is singular (dependent constraints, or {@code Q} singular on
     *     the null space of {@code A}): its smallest singular value is below {@code 1e-12} times the largest
     */
    public static Solution solve(Tensor q, Tensor c, Tensor a, Tensor b) {
        String op = "EqualityQp.solve";
        Checks.notNull(q, op, "Q");
        Checks.notNull(c, op, "c");
        Checks.notNull(a, op, "A");
        Checks.notNull(b, op, "b");
        Tensor.checkSame(q, c, op);
        Tensor.checkSame(q, a, op);
        Tensor.checkSame(q, b, op);
        if (q.rank() != 2 || q.shape().dim(0) != q.shape().dim(1)) {
            throw new ShapeMismatchException(op + ": Q must be square [n, n], got " + q.shape());
        }
        int n = q.shape().dim(0);
        if (c.rank() != 1 || c.shape().dim(0) != n) {
            throw new ShapeMismatchException(op + ": c must be [" + n + "] for Q " + q.shape() + ", got " + c.shape());
        }
        if (a.rank() != 2 || a.shape().dim(1) != n) {
            throw new ShapeMismatchException(
                    op + ": A must be [m, " + n + "] for Q " + q.shape() + ", got " + a.shape());
        }
        int m = a.shape().dim(0);
        if (m == 0 || m > n) {
            throw new ShapeMismatchException(op + ": A must have between 1 and n = " + n + " rows, got " + a.shape());
        }
        if (b.rank() != 1 || b.shape().dim(0) != m) {
            throw new ShapeMismatchException(op + ": b must be [" + m + "] for A " + a.shape() + ", got " + b.shape());
        }
        for (Tensor t : new Tensor[] {q, c, a, b}) {
            if (!t.allFinite()) {
                throw new InvalidArgumentException(op + ": " + t.describe() + " contains NaN or infinite values");
            }
        }
        double[] qd = q.toDoubleArray();
        double[] ad = a.toDoubleArray();
        double[] cd = c.toDoubleArray();
        double[] bd = b.toDoubleArray();
        int k = n + m;
        double[] kkt = new double[k * k];
        double[] rhs = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kkt[i * k + j] = 0.5 * (qd[i * n + j] + qd[j * n + i]);
            }
            rhs[i] = -cd[i];
        }
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                kkt[(n + r) * k + j] = ad[r * n + j];
                kkt[j * k + n + r] = ad[r * n + j];
            }
            rhs[n + r] = bd[r];
        }
        Linalg linalg = q.backend().linalg();
        double[] z;
        try (TensorScope scope = TensorScope.open()) {
            Tensor kt = q.backend().of(q.dtype(), kkt, k, k);
            Linalg.SVD svd = linalg.svd(kt);
            double[] s = svd.s().toDoubleArray();
            double smallest = s[s.length - 1];
            if (!(smallest > RANK_TOLERANCE * s[0])) {
                throw new SingularMatrixException(op + ": the KKT matrix [[Q, Aᵀ], [A, 0]] is singular (singular values"
                        + " from " + s[0] + " down to " + smallest + "): the rows of A are linearly dependent or Q is"
                        + " singular on the null space of A");
            }
            try {
                z = linalg.solve(kt, q.backend().of(q.dtype(), rhs, k)).toDoubleArray();
            } catch (SingularMatrixException e) {
                throw new SingularMatrixException(
                        op + ": the KKT matrix [[Q, Aᵀ], [A, 0]] is singular: the rows of A"
                                + " are linearly dependent or Q is singular on the null space of A",
                        e);
            }
        }
        double[] x = new double[n];
        double[] lambda = new double[m];
        System.arraycopy(z, 0, x, 0, n);
        System.arraycopy(z, n, lambda, 0, m);
        return new Solution(q.backend().of(q.dtype(), x, n), q.backend().of(q.dtype(), lambda, m));
    }
}
