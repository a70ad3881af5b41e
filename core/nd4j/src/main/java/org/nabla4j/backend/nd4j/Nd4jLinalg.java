package org.nabla4j.backend.nd4j;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgeqrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesdd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesvd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetri;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetrs;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dorgqr;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyev;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import java.util.Arrays;
import java.util.function.IntSupplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.nabla4j.core.DType;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Nabla4jException;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense linear algebra through LAPACK (the OpenBLAS build that ND4J ships, called with LAPACKE in row-major layout
 * directly on the arrays' native buffers): {@code getrf}/{@code getrs}/{@code getri} for solve, inverse and
 * determinant, {@code potrf} for Cholesky, {@code geqrf}/{@code orgqr} for the thin QR, {@code gesdd} (falling back to
 * {@code gesvd}) for the thin SVD and {@code syevd} (falling back to {@code syev}) for the symmetric eigenproblem.
 *
 * <p>Every routine runs in double precision on a private copy of its input: FLOAT32 inputs are widened once and the
 * results rounded once, which is at least as accurate as single-precision LAPACK and gives the same answers as the
 * EJML backend (which computes the same way). Pivot and tau arrays live in JavaCPP pointers closed before return; the
 * working copies are released at once. Each LAPACK call runs on a large-stack thread of {@link LapackThreads}
 * (OpenMP-parallel OpenBLAS routines overflow a default Java thread stack); everything else, tensor creation
 * included, stays on the caller's thread.
 *
 * <p>Conventions beyond {@link Linalg}'s: the QR factor {@code R} has a non-negative diagonal (columns of {@code Q}
 * and rows of {@code R} are negated together where LAPACK's Householder convention gives a negative one), which makes
 * the factorization of a full-rank matrix unique. A matrix is singular to working precision ({@link #solve},
 * {@link #inverse}) when the smallest pivot of its partially pivoted LU factorization is at most
 * {@code n · eps · (largest pivot)}, {@code eps} the unit roundoff of the input's dtype ({@code 2^-52} or
 * {@code 2^-23}), as in the EJML backend.
 */
final class Nd4jLinalg extends Linalg {
    private static final byte LOWER = (byte) 'L';
    private static final byte NO_TRANSPOSE = (byte) 'N';

    private final Nd4jKernels kernels;

    Nd4jLinalg(Nd4jKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    protected Tensor doSolve(Tensor a, Tensor b) {
        int n = a.shape().dim(0);
        int k = b.rank() == 1 ? 1 : b.shape().dim(1);
        INDArray lu = work(a);
        INDArray x = null;
        try (IntPointer ipiv = new IntPointer(n)) {
            factorLu(lu, n, ipiv, "solve", a);
            INDArray rhs = work(b);
            x = rhs;
            check(
                    lapack(
                            (long) n * (n + k),
                            () -> LAPACKE_dgetrs(LAPACK_ROW_MAJOR, NO_TRANSPOSE, n, k, ptr(lu), n, ipiv, ptr(rhs), k)),
                    "getrs");
            return result(x, b.shape(), b.dtype());
        } catch (RuntimeException e) {
            Nd4jKernels.free(x);
            throw e;
        } finally {
            Nd4jKernels.free(lu);
        }
    }

    @Override
    protected Tensor doInverse(Tensor a) {
        int n = a.shape().dim(0);
        INDArray lu = work(a);
        try (IntPointer ipiv = new IntPointer(n)) {
            factorLu(lu, n, ipiv, "inverse", a);
            check(lapack((long) n * n, () -> LAPACKE_dgetri(LAPACK_ROW_MAJOR, n, ptr(lu), n, ipiv)), "getri");
            return result(lu, a.shape(), a.dtype());
        } catch (RuntimeException e) {
            Nd4jKernels.free(lu);
            throw e;
        }
    }

    @Override
    protected double doDet(Tensor a) {
        LuPivots lu = luPivots(a);
        double det = lu.odd() ? -1.0 : 1.0;
        for (double p : lu.diagonal()) {
            det *= p;
        }
        return det;
    }

    @Override
    protected SignedLogDet doSlogdet(Tensor a) {
        LuPivots lu = luPivots(a);
        return fromPivots(lu.diagonal(), lu.odd());
    }

    /** The pivots of an LU factorization and whether its row permutation is odd. */
    private record LuPivots(double[] diagonal, boolean odd) {}

    /** LAPACK getrf on a copy of {@code a}; an exactly zero pivot (info > 0) shows as a 0 on the diagonal. */
    private static LuPivots luPivots(Tensor a) {
        int n = a.shape().dim(0);
        INDArray lu = work(a);
        try (IntPointer ipiv = new IntPointer(n)) {
            int info = lapack((long) n * n, () -> LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, ptr(lu), n, ipiv));
            check(info, "getrf");
            DoublePointer p = ptr(lu);
            double[] diagonal = new double[n];
            boolean odd = false;
            for (int i = 0; i < n; i++) {
                diagonal[i] = p.get((long) i * n + i);
                odd ^= ipiv.get(i) != i + 1;
            }
            return new LuPivots(diagonal, odd);
        } finally {
            Nd4jKernels.free(lu);
        }
    }

    @Override
    protected Tensor doCholesky(Tensor a) {
        int n = a.shape().dim(0);
        INDArray w = work(a);
        INDArray l = null;
        try {
            int info = lapack((long) n * n, () -> LAPACKE_dpotrf(LAPACK_ROW_MAJOR, LOWER, n, ptr(w), n));
            check(info, "potrf");
            if (info > 0) {
                throw new NotPositiveDefiniteException("cholesky: matrix " + a.shape()
                        + " is not positive definite (the leading minor of order " + info + " is not positive)");
            }
            // zero the strict upper triangle on the Java side: one bulk read and write instead of an ND4J op,
            // whose OpenMP team would contend with OpenBLAS's on busy cores
            DoublePointer wp = ptr(w);
            double[] v = new double[n * n];
            wp.get(v);
            for (int i = 0; i < n - 1; i++) {
                Arrays.fill(v, i * n + i + 1, (i + 1) * n, 0.0);
            }
            wp.put(v);
            l = w;
            return result(l, a.shape(), a.dtype());
        } catch (RuntimeException e) {
            Nd4jKernels.free(l);
            throw e;
        } finally {
            if (l != w) {
                Nd4jKernels.free(w);
            }
        }
    }

    @Override
    protected QR doQr(Tensor a) {
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        int k = Math.min(m, n);
        INDArray w = work(a);
        INDArray q = null;
        INDArray r = null;
        Tensor qt = null;
        try (DoublePointer tau = new DoublePointer(k)) {
            check(lapack((long) m * n, () -> LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, m, n, ptr(w), n, tau)), "geqrf");
            // Q's reflectors, R's triangle and the sign fix-up are built on the Java side with bulk copies: ND4J ops
            // (view dup, band part, row/column scaling) cost far more than the arithmetic for small matrices
            double[] wa = new double[m * n];
            ptr(w).get(wa);
            double[] s = new double[k];
            boolean flip = false;
            for (int i = 0; i < k; i++) {
                s[i] = wa[i * n + i] < 0 ? -1.0 : 1.0;
                flip |= s[i] < 0;
            }
            double[] qa = new double[m * k];
            for (int i = 0; i < m; i++) {
                System.arraycopy(wa, i * n, qa, i * k, k);
            }
            double[] ra = new double[k * n];
            for (int i = 0; i < k; i++) {
                for (int j = i; j < n; j++) {
                    ra[i * n + j] = s[i] * wa[i * n + j];
                }
            }
            INDArray qw = Nd4j.create(qa, new long[] {m, k}, DataType.DOUBLE);
            q = qw;
            r = Nd4j.create(ra, new long[] {k, n}, DataType.DOUBLE);
            check(lapack((long) m * k, () -> LAPACKE_dorgqr(LAPACK_ROW_MAJOR, m, k, k, ptr(qw), k, tau)), "orgqr");
            if (flip) {
                DoublePointer qp = ptr(qw);
                qp.get(qa);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < k; j++) {
                        qa[i * k + j] *= s[j];
                    }
                }
                qp.put(qa);
            }
            qt = result(q, Shape.of(m, k), a.dtype());
            q = null;
            Tensor rt = result(r, Shape.of(k, n), a.dtype());
            return new QR(qt, rt);
        } catch (RuntimeException e) {
            Nd4jKernels.free(q, r);
            if (qt != null) {
                qt.close();
            }
            throw e;
        } finally {
            Nd4jKernels.free(w);
        }
    }

    @Override
    protected SVD doSvd(Tensor a) {
        int m = a.shape().dim(0);
        int n = a.shape().dim(1);
        int k = Math.min(m, n);
        DType dt = a.dtype();
        INDArray w = work(a);
        INDArray s = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {k}, 'c');
        INDArray u = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {m, k}, 'c');
        INDArray vt = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {k, n}, 'c');
        Tensor ut = null;
        Tensor st = null;
        try {
            DoublePointer sp = ptr(s);
            DoublePointer up = ptr(u);
            DoublePointer vtp = ptr(vt);
            DoublePointer wp = ptr(w);
            int info = lapack(
                    (long) m * n, () -> LAPACKE_dgesdd(LAPACK_ROW_MAJOR, (byte) 'S', m, n, wp, n, sp, up, k, vtp, n));
            check(info, "gesdd");
            if (info > 0) {
                // divide and conquer did not converge: retry with the QR-iteration driver on a fresh copy
                Nd4jKernels.free(w);
                w = work(a);
                DoublePointer wp2 = ptr(w);
                try (DoublePointer superb = new DoublePointer(Math.max(1, k - 1))) {
                    info = lapack(
                            (long) m * n,
                            () -> LAPACKE_dgesvd(
                                    LAPACK_ROW_MAJOR, (byte) 'S', (byte) 'S', m, n, wp2, n, sp, up, k, vtp, n, superb));
                }
                check(info, "gesvd");
                if (info > 0) {
                    throw new Nabla4jException("svd: LAPACK gesvd did not converge for matrix " + a.shape() + " ("
                            + info + " superdiagonals did not converge to zero)");
                }
            }
            ut = result(u, Shape.of(m, k), dt);
            u = null;
            st = result(s, Shape.of(k), dt);
            s = null;
            Tensor vtt = result(vt, Shape.of(k, n), dt);
            vt = null;
            return new SVD(ut, st, vtt);
        } catch (RuntimeException e) {
            Nd4jKernels.free(u, s, vt);
            if (ut != null) {
                ut.close();
            }
            if (st != null) {
                st.close();
            }
            throw e;
        } finally {
            Nd4jKernels.free(w);
        }
    }

    @Override
    protected Eigen doEigh(Tensor a) {
        int n = a.shape().dim(0);
        DType dt = a.dtype();
        INDArray w = work(a);
        INDArray values = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n}, 'c');
        Tensor vt = null;
        try {
            DoublePointer vp = ptr(values);
            DoublePointer wp = ptr(w);
            int info = lapack((long) n * n, () -> LAPACKE_dsyevd(LAPACK_ROW_MAJOR, (byte) 'V', LOWER, n, wp, n, vp));
            check(info, "syevd");
            if (info > 0) {
                Nd4jKernels.free(w);
                w = work(a);
                DoublePointer wp2 = ptr(w);
                info = lapack((long) n * n, () -> LAPACKE_dsyev(LAPACK_ROW_MAJOR, (byte) 'V', LOWER, n, wp2, n, vp));
                check(info, "syev");
                if (info > 0) {
                    throw new Nabla4jException("eigh: LAPACK syev did not converge for matrix " + a.shape() + " ("
                            + info + " off-diagonal elements did not converge to zero)");
                }
            }
            vt = result(values, Shape.of(n), dt);
            values = null;
            Tensor vectors = result(w, Shape.of(n, n), dt);
            w = null;
            return new Eigen(vt, vectors);
        } catch (RuntimeException e) {
            Nd4jKernels.free(values);
            if (vt != null) {
                vt.close();
            }
            throw e;
        } finally {
            Nd4jKernels.free(w);
        }
    }

    /**
     * LU-factorizes {@code lu} in place and rejects a matrix that is singular to working precision (see the class
     * comment).
     */
    private static void factorLu(INDArray lu, int n, IntPointer ipiv, String op, Tensor a) {
        int info = lapack((long) n * n, () -> LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, ptr(lu), n, ipiv));
        check(info, "getrf");
        DoublePointer p = ptr(lu);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(p.get((long) i * n + i));
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        double eps = a.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        if (!(min > n * eps * max)) {
            throw new SingularMatrixException(
                    op + ": matrix " + a.shape() + " is singular to working precision (smallest LU pivot " + min
                            + ", largest " + max + ", " + a.dtype() + ")");
        }
    }

    /**
     * Runs a native LAPACK routine on a thread with a large stack and returns its {@code info}: OpenBLAS's
     * OpenMP-parallel routines overflow a default 1 MB Java thread stack (see {@link LapackThreads}). Every
     * {@code LAPACKE_*} call of this class goes through here, with the number of elements of its largest operand
     * (small problems run in place; see {@link LapackThreads#call}).
     */
    private static int lapack(long elements, IntSupplier call) {
        return LapackThreads.call(elements, call);
    }

    /** A private row-major FLOAT64 copy of {@code t}'s values that LAPACK may overwrite. */
    private static INDArray work(Tensor t) {
        BlasSelfCheck.verifyLapack();
        INDArray a = Nd4jKernels.arr(t);
        return a.dataType() == DataType.DOUBLE ? a.dup('c') : a.castTo(DataType.DOUBLE);
    }

    /** The native buffer of a FLOAT64 working array. */
    private static DoublePointer ptr(INDArray a) {
        return (DoublePointer) a.data().addressPointer();
    }

    /** Wraps a FLOAT64 working array as a result tensor of {@code dtype}, rounding once for FLOAT32. */
    private Tensor result(INDArray w, Shape shape, DType dtype) {
        return kernels.wrap(w, shape, dtype);
    }

    /** A negative LAPACK info is an illegal argument: a bug in this class, never the user's input. */
    private static void check(int info, String routine) {
        if (info < 0) {
            throw new IllegalStateException(
                    "nd4j backend: LAPACK " + routine + " rejected argument " + (-info) + " (internal error)");
        }
    }
}
