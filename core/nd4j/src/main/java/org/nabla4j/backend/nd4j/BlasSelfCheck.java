package org.nabla4j.backend.nd4j;

import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nabla4j.core.Nabla4jException;

/**
 * A one-time check that the OpenBLAS kernels loaded into this process multiply matrices correctly, run before the
 * first matrix product (the library ND4J calls) and before the first decomposition (the library with LAPACK, a second
 * copy of OpenBLAS that JavaCPP loads only when LAPACK is used).
 *
 * <p>OpenBLAS picks its kernels at load time from the CPU or from the environment variable
 * {@code OPENBLAS_CORETYPE}. A kernel that does not suit the CPU can compute wrong products without any error: with
 * the OpenBLAS 0.3.19 that ND4J 1.0.0-M2.1 bundles, {@code OPENBLAS_CORETYPE=COOPERLAKE} on an AMD Zen 4 CPU gives
 * {@code dgemm} results off by 10 % for {@code n >= 256}, and any unknown or empty value of the variable falls back to
 * that same kernel. Since no answer is better than a wrong one, the check multiplies two random {@code 256 x 256}
 * matrices with {@code dgemm} and {@code sgemm} of the library ND4J uses, or with {@code dgemm} of the library LAPACK
 * uses, verifies each product with Freivalds' test ({@code C r = A (B r)} for a random vector {@code r}, computed in
 * plain Java), and makes every matrix product (or decomposition) throw a {@link Nabla4jException} that explains the
 * fix if one fails. It costs about a millisecond, once per library and class loader.
 */
final class BlasSelfCheck {
    private static final int N = 256;

    private BlasSelfCheck() {}

    /**
     * Throws if the library that ND4J's matrix products call failed the check (run on the first call).
     *
     * @throws Nabla4jException naming the failed routine, its error and how to fix the environment
     */
    static void verifyGemm() {
        String failure = GemmHolder.FAILURE;
        if (failure != null) {
            throw new Nabla4jException(failure);
        }
    }

    /**
     * Throws if the library that LAPACK calls failed the check (run on the first call).
     *
     * @throws Nabla4jException naming the failed routine, its error and how to fix the environment
     */
    static void verifyLapack() {
        String failure = LapackHolder.FAILURE;
        if (failure != null) {
            throw new Nabla4jException(failure);
        }
    }

    /** Lazy, thread-safe, run-once result: null when the products are correct, else the failure message. */
    private static final class GemmHolder {
        static final String FAILURE = checkGemm();
    }

    /** Lazy, thread-safe, run-once result: null when the products are correct, else the failure message. */
    private static final class LapackHolder {
        static final String FAILURE = checkLapack();
    }

    /** Two random {@code N x N} matrices and a random vector, from a fixed seed. */
    private static double[][] problem() {
        SplittableRandom rnd = new SplittableRandom(20240229L);
        double[] a = new double[N * N];
        double[] b = new double[N * N];
        double[] r = new double[N];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble(-1, 1);
            b[i] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < N; i++) {
            r[i] = rnd.nextDouble(-1, 1);
        }
        return new double[][] {a, b, r};
    }

    /**
     * Checks {@code dgemm} and {@code sgemm} of the OpenBLAS that ND4J calls: null when both are correct, else the
     * failure message.
     */
    static String checkGemm() {
        double[][] p = problem();
        double[] a = p[0];
        double[] b = p[1];
        double[] r = p[2];
        double[] c = new double[N * N];
        try (DoublePointer pa = new DoublePointer(a);
                DoublePointer pb = new DoublePointer(b);
                DoublePointer pc = new DoublePointer((long) N * N)) {
            openblas_nolapack.cblas_dgemm(
                    openblas_nolapack.CblasRowMajor,
                    openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans,
                    N,
                    N,
                    N,
                    1.0,
                    pa,
                    N,
                    pb,
                    N,
                    0.0,
                    pc,
                    N);
            pc.get(c);
        }
        double err = relativeError(matVec(c, r), matVec(a, matVec(b, r)));
        if (!(err <= 1e-9)) {
            return message("dgemm", "ND4J's", err);
        }
        float[] af = new float[N * N];
        float[] bf = new float[N * N];
        for (int i = 0; i < af.length; i++) {
            af[i] = (float) a[i];
            bf[i] = (float) b[i];
        }
        float[] cf = new float[N * N];
        try (FloatPointer pa = new FloatPointer(af);
                FloatPointer pb = new FloatPointer(bf);
                FloatPointer pc = new FloatPointer((long) N * N)) {
            openblas_nolapack.cblas_sgemm(
                    openblas_nolapack.CblasRowMajor,
                    openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans,
                    N,
                    N,
                    N,
                    1.0f,
                    pa,
                    N,
                    pb,
                    N,
                    0.0f,
                    pc,
                    N);
            pc.get(cf);
        }
        double[] cd = new double[cf.length];
        double[] ad = new double[af.length];
        double[] bd = new double[bf.length];
        for (int i = 0; i < cf.length; i++) {
            cd[i] = cf[i];
            ad[i] = af[i];
            bd[i] = bf[i];
        }
        double errF = relativeError(matVec(cd, r), matVec(ad, matVec(bd, r)));
        if (!(errF <= 1e-4)) {
            return message("sgemm", "ND4J's", errF);
        }
        return null;
    }

    /** Checks {@code dgemm} of the OpenBLAS that LAPACK calls: null when it is correct, else the failure message. */
    static String checkLapack() {
        double[][] p = problem();
        double[] c = new double[N * N];
        try (DoublePointer pa = new DoublePointer(p[0]);
                DoublePointer pb = new DoublePointer(p[1]);
                DoublePointer pc = new DoublePointer((long) N * N)) {
            openblas.cblas_dgemm(
                    openblas.CblasRowMajor,
                    openblas.CblasNoTrans,
                    openblas.CblasNoTrans,
                    N,
                    N,
                    N,
                    1.0,
                    pa,
                    N,
                    pb,
                    N,
                    0.0,
                    pc,
                    N);
            pc.get(c);
        }
        double err = relativeError(matVec(c, p[2]), matVec(p[0], matVec(p[1], p[2])));
        return err <= 1e-9 ? null : message("dgemm", "LAPACK's", err);
    }

    /** {@code m v} for a row-major {@code N x N} matrix. */
    private static double[] matVec(double[] m, double[] v) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < N; j++) {
                s += m[i * N + j] * v[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** {@code max |x - y| / max |y|}; NaN when a value is NaN. */
    private static double relativeError(double[] x, double[] y) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - y[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            diff = Math.max(diff, d);
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return diff / scale;
    }

    private static String message(String routine, String library, double err) {
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        return String.format(
                Locale.ROOT,
                "nd4j backend: %s of %s OpenBLAS computes wrong matrix products on this CPU (self-check relative "
                        + "error %.3g); refusing to return wrong numbers. OPENBLAS_CORETYPE is %s. OpenBLAS chooses "
                        + "its kernels from that variable, and an unknown or empty value selects the Cooperlake "
                        + "kernel in the OpenBLAS 0.3.19 bundled with ND4J 1.0.0-M2.1. Unset OPENBLAS_CORETYPE, or set "
                        + "it to a kernel this CPU runs correctly (HASWELL for AVX2 CPUs, SKYLAKEX for AVX-512 CPUs, "
                        + "ZEN for AMD), and restart the JVM.",
                routine,
                library,
                err,
                coretype == null ? "not set" : "'" + coretype + "'");
    }
}
