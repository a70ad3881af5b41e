package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression test for a JVM crash: OpenBLAS's OpenMP-parallel LAPACK (LU above all) needs 2 to 4 MB of the calling
 * thread's stack, and called from {@code main} with the default 1 MB Java stack it killed the JVM with a
 * segmentation fault (exit 139) for {@code n >= 256}. {@link LapackThreads} runs the calls on large-stack threads.
 */
class Nd4jLinalgStackTest {
    static final int N = 512;

    /**
     * Solve, inverse, det, Cholesky, eigh and SVD of a {@code 512 x 512} matrix from {@code main} in a child JVM with
     * the default 1 MB stack ({@code -Xss1m} pinned; it overrides {@code JAVA_TOOL_OPTIONS}) and four OpenMP threads
     * (so that OpenBLAS takes its parallel paths even on a small machine): the JVM must exit normally and every
     * residual be at rounding level.
     */
    @Test
    void largeDecompositionsFromMainWithDefaultStack() throws Exception {
        runChild(N, "-Xss1m");
    }

    /**
     * Matrices below {@code 64 x 64} skip the hand-off to a large-stack thread ({@link LapackThreads#IN_PLACE_BELOW}):
     * every routine at {@code 63 x 63} must run on a 256 KB main-thread stack, a quarter of the default. (OpenBLAS
     * switches LU to its parallel, stack-hungry path at {@code 100 x 100}; with the threshold raised that far this
     * crashes.)
     */
    @Test
    void smallDecompositionsRunInPlaceOnASmallStack() throws Exception {
        assertEquals(64 * 64, LapackThreads.IN_PLACE_BELOW);
        runChild(63, "-Xss256k");
    }

    private static void runChild(int n, String xss) throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                LargeLinalgMain.class, List.of(xss), Map.of("OMP_NUM_THREADS", "4"), 120, String.valueOf(n));
        assertEquals(0, r.exitCode(), "child JVM died (139 = segmentation fault):\n" + r.output());
        for (String op : List.of("solve", "inverse", "cholesky", "det", "eigh", "svd")) {
            String line = r.output()
                    .lines()
                    .filter(s -> s.startsWith(op + "="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + op + " result in:\n" + r.output()));
            double residual = Double.parseDouble(line.substring(op.length() + 1));
            assertTrue(residual < 1e-12, op + " relative residual " + residual + "\n" + r.output());
        }
        assertTrue(r.output().contains("done=true"), r.output());
    }
}
