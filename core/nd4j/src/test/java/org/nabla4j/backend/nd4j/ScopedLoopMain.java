package org.nabla4j.backend.nd4j;

import org.bytedeco.javacpp.Pointer;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * The body of {@link Nd4jMemoryTest#millionScopedCyclesRunInFlatNativeMemory}, run in its own JVM: {@code cycles}
 * iterations of "open a scope, create a 2x2 tensor, multiply it by a long-lived one, exponentiate, sum, read the sum,
 * close the scope" on the ND4J backend. After {@code warmup} cycles it samples the resident set size every
 * {@code cycles / 20} cycles and prints, as {@code key=value} lines, the resident set size after warm-up, the largest
 * sample, the time per cycle after warm-up and a checksum of the results.
 */
public final class ScopedLoopMain {
    /** The long-lived right operand of the multiplication. */
    static final double[] W = {0.5, -1, 2, 0.25};

    private ScopedLoopMain() {}

    /** The values of the cycle's fresh tensor in cycle {@code i}. */
    static double[] input(int i) {
        return new double[] {i % 7, 1, 2, 3};
    }

    /**
     * Runs the loop.
     *
     * @param args the number of cycles and the number of warm-up cycles
     */
    public static void main(String[] args) {
        int cycles = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int every = Math.max(1, cycles / 20);
        Backend nd4j = Backends.get("nd4j");
        Tensor w = nd4j.of(W, 2, 2);
        double checksum = 0;
        long rssWarm = 0;
        long rssMax = 0;
        long start = 0;
        for (int i = 0; i < cycles; i++) {
            if (i == warmup) {
                rssWarm = Pointer.physicalBytes();
                rssMax = rssWarm;
                start = System.nanoTime();
            } else if (i > warmup && i % every == 0) {
                rssMax = Math.max(rssMax, Pointer.physicalBytes());
            }
            try (TensorScope scope = TensorScope.open()) {
                Tensor x = nd4j.of(input(i), 2, 2);
                Tensor y = x.mul(w).exp();
                checksum += y.sum().item();
            }
        }
        long end = System.nanoTime();
        rssMax = Math.max(rssMax, Pointer.physicalBytes());
        System.out.println("checksum=" + checksum);
        System.out.println("rssWarm=" + rssWarm);
        System.out.println("rssMax=" + rssMax);
        System.out.println("usPerCycle=" + (end - start) / 1e3 / (cycles - warmup));
        w.close();
    }
}
