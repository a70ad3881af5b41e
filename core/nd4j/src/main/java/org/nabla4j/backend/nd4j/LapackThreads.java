package org.nabla4j.backend.nd4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs native LAPACK calls on daemon threads with a large stack.
 *
 * <p><b>Why.</b> The OpenBLAS 0.3.19 that ND4J 1.0.0-M2.1 loads for LAPACK is built with OpenMP, and the master
 * thread of an OpenMP parallel region runs on the calling thread's stack. Its parallel LU factorization
 * ({@code dgetrf_parallel}, used by {@code getrf} from about {@code n = 100} on) puts a frame of more than 500 KB on
 * that stack (per-thread synchronization arrays sized by the build's maximum CPU count), and the whole call chain
 * needs 2 to 4 MB. A Java thread has 1 MB by default ({@code -Xss}), so {@code solve}, {@code inverse} and
 * {@code det} of a {@code 256 x 256} matrix killed the JVM with a segmentation fault (exit 139, no {@code hs_err}
 * log: the overflow happens in native code, past HotSpot's guard pages) when called from {@code main}, and
 * occasionally from other threads whose remaining stack happened to be too short. {@code -Xss4m} or
 * {@code OMP_NUM_THREADS=1} avoided it; {@code OPENBLAS_NUM_THREADS=1} did not. Rather than asking every user for
 * JVM flags, every LAPACK call of {@link Nd4jLinalg} runs here, on a thread whose stack is reserved at
 * {@value #STACK_MB} MB: address space only, committed page by page as it is touched, so the margin costs
 * nothing.
 *
 * <p><b>How.</b> A cached pool of such threads (one per concurrent caller, idle ones ending after a minute) takes the
 * call; the caller waits for it, uninterruptibly (the native call cannot be abandoned halfway with its buffers in
 * use; an interrupt is re-asserted afterwards), and gets back its result or the exception it threw. Only the native
 * call itself moves: tensors are still created on the caller's thread, so they join the caller's
 * {@link org.nabla4j.core.TensorScope}. A call made on a LAPACK thread, or on a matrix below {@code 64 x 64},
 * runs in place; for larger matrices the hand-off (microseconds, tens of them on busy cores) is small beside the
 * factorization.
 */
final class LapackThreads {
    /** Reserved stack of a LAPACK thread, in MB: sixteen times what the deepest observed call needs. */
    static final int STACK_MB = 64;

    /** Calls on matrices with fewer elements than this ({@code 64 x 64}) run on the caller's thread. */
    static final long IN_PLACE_BELOW = 64 * 64;

    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ThreadFactory FACTORY = LapackThread::new;

    private static final ExecutorService POOL =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), FACTORY);

    private LapackThreads() {}

    /** A daemon thread with a {@value #STACK_MB} MB stack. */
    private static final class LapackThread extends Thread {
        LapackThread(Runnable task) {
            super(null, task, "nabla4j-lapack-" + COUNT.incrementAndGet(), (long) STACK_MB << 20);
            setDaemon(true);
            setContextClassLoader(LapackThreads.class.getClassLoader());
        }
    }

    /** Whether the current thread is a LAPACK thread of this class. */
    static boolean onLapackThread() {
        return Thread.currentThread() instanceof LapackThread;
    }

    /**
     * Runs {@code call} (a native LAPACK routine returning its {@code info}) on a large-stack thread and returns its
     * value; an exception or error it throws is rethrown here unchanged. A call whose largest operand has fewer than
     * {@value #IN_PLACE_BELOW} elements runs in place: OpenBLAS runs such small problems single-threaded, with
     * modest stack (the regression test checks every routine at {@code 63 x 63} on a 256 KB stack), and the
     * hand-off, tens of microseconds when cores are busy, would dominate them.
     *
     * @param elements number of elements of the call's largest matrix operand
     */
    static int call(long elements, IntSupplier call) {
        if (elements < IN_PLACE_BELOW || onLapackThread()) {
            return call.getAsInt();
        }
        Future<Integer> f = POOL.submit(call::getAsInt);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("nd4j backend: LAPACK call failed", c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
