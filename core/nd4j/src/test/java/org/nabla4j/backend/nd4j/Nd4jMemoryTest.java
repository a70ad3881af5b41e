package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;
import org.nabla4j.core.TensorScope;
import org.nabla4j.core.UnaryOp;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory of the ND4J backend: every result owns a fresh native buffer, closing a tensor frees it at once,
 * scopes close what they own, kernels free their temporaries, ND4J workspaces never capture a tensor's storage, and
 * a million scoped small-operation cycles run in flat native memory.
 */
class Nd4jMemoryTest {
    /** Cycles of the scoped loop: the issue asks for one million. */
    static final int CYCLES = 1_000_000;
    /** Cycles before the resident set size is first sampled (JIT compilation, ND4J's caches). */
    static final int WARMUP_CYCLES = 100_000;
    /** Largest growth of the resident set size after warm-up that the scoped loop may show. */
    static final long RSS_BOUND_BYTES = 16L << 20;
    /** Largest average growth of the resident set size per kernel call with 8 MB operands (a leak would be 8 MB). */
    static final long PER_CALL_BOUND_BYTES = 1L << 20;
    /** Measurement windows per kernel; the quietest one is judged. */
    static final int WINDOWS = 3;
    /** Kernel calls per measurement window. */
    static final int CALLS_PER_WINDOW = 8;

    private static final Backend ND4J = Backends.get("nd4j");

    /**
     * One million cycles of "open a scope, a few small operations, close" in a JVM whose heap is fixed and
     * pre-touched (so that its growth does not show in the resident set size) and in which JavaCPP's safety net of
     * calling the garbage collector when native memory grows is switched off: only the deterministic release by the
     * scopes can keep memory flat. The checksum proves the cycles computed what they should.
     */
    @Test
    void millionScopedCyclesRunInFlatNativeMemory() throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                ScopedLoopMain.class,
                List.of(
                        "-Xms256m",
                        "-Xmx256m",
                        "-XX:+AlwaysPreTouch",
                        "-XX:+UseSerialGC",
                        "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"),
                Map.of(),
                600,
                String.valueOf(CYCLES),
                String.valueOf(WARMUP_CYCLES));
        assertEquals(0, r.exitCode(), r.output());
        Map<String, String> kv = keyValues(r.output());
        double expected = 0;
        for (int i = 0; i < CYCLES; i++) {
            double[] x = ScopedLoopMain.input(i);
            for (int j = 0; j < 4; j++) {
                expected += Math.exp(x[j] * ScopedLoopMain.W[j]);
            }
        }
        double checksum = Double.parseDouble(kv.get("checksum"));
        assertEquals(expected, checksum, 1e-9 * expected, "checksum of the cycles");
        long warm = Long.parseLong(kv.get("rssWarm"));
        long max = Long.parseLong(kv.get("rssMax"));
        System.out.printf(
                "scoped loop: %d cycles, %.1f us/cycle, RSS after warm-up %d MB, growth %d KB%n",
                CYCLES, Double.parseDouble(kv.get("usPerCycle")), warm >> 20, (max - warm) >> 10);
        assertTrue(
                max - warm <= RSS_BOUND_BYTES,
                "resident set grew by " + ((max - warm) >> 10) + " KB after warm-up, bound " + (RSS_BOUND_BYTES >> 10)
                        + " KB");
    }

    private static Map<String, String> keyValues(String output) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.contains(" ")) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return kv;
    }

    @Test
    void closeFreesTheNativeBufferAndLaterUseNamesTheTensor() {
        Tensor t = ND4J.of(new double[] {1, 2, 3}).named("weights");
        INDArray a = Nd4jKernels.arr(t);
        t.close();
        assertTrue(a.wasClosed(), "native buffer freed by close()");
        TensorClosedException e = assertThrows(TensorClosedException.class, () -> t.add(1.0));
        assertTrue(e.getMessage().contains("'weights'"), e.getMessage());
        TensorClosedException internal = assertThrows(TensorClosedException.class, () -> Nd4jKernels.arr(t));
        assertTrue(internal.getMessage().contains("'weights'"), internal.getMessage());
        t.close(); // idempotent
    }

    @Test
    void scopeFreesEverythingItOwnsExceptKeptTensors() {
        INDArray kept;
        List<INDArray> dropped = new ArrayList<>();
        Tensor result;
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = ND4J.randUniform(1, -1, 1, 3, 4);
            Tensor y = x.exp().add(x).sum(1);
            dropped.add(Nd4jKernels.arr(x));
            result = scope.keep(y.mul(2.0));
            dropped.add(Nd4jKernels.arr(y));
            kept = Nd4jKernels.arr(result);
        }
        for (INDArray a : dropped) {
            assertTrue(a.wasClosed(), "a tensor of the scope was not freed");
        }
        assertFalse(kept.wasClosed(), "the kept tensor was freed");
        assertEquals(3, result.size());
        result.close();
        assertTrue(kept.wasClosed());
    }

    /** Every result is a fresh, row-major, contiguous, closeable array that no input shares. */
    @TestFactory
    Stream<DynamicTest> resultsOwnFreshRowMajorStorage() {
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("copy", Tensor::copy);
        ops.put("toDType", t -> t.toDType(DType.FLOAT32));
        ops.put("transpose", Tensor::transpose);
        ops.put("permute", t -> t.permute(2, 0, 1));
        ops.put("reshape", t -> t.reshape(4, 6));
        ops.put("flatten", Tensor::flatten);
        ops.put("slice", t -> t.slice(1, 1, 3));
        ops.put("strided slice", t -> t.slice(2, 0, 4, 2));
        ops.put("select", t -> t.select(0, 1));
        ops.put("unsqueeze", t -> t.unsqueeze(0));
        ops.put("broadcastTo", t -> t.broadcastTo(3, 2, 3, 4));
        ops.put("concat of one", t -> Tensor.concat(0, t));
        ops.put("concat", t -> Tensor.concat(1, t, t));
        ops.put("add", t -> t.add(t));
        ops.put("add scalar", t -> t.add(1.0));
        ops.put("exp", Tensor::exp);
        ops.put("tanh", Tensor::tanh);
        ops.put("sum axes", t -> t.sum(0, 2));
        ops.put("argmax keepDims", t -> t.argmax(1, true));
        ops.put("matmul", t -> t.matmul(t.transpose(1, 2)));
        ops.put("where", t -> Tensor.where(t.gt(0), t, t.neg()));
        return ops.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    try (TensorScope scope = TensorScope.open()) {
                        Tensor x = ND4J.randUniform(7, -1, 1, 2, 3, 4);
                        INDArray in = Nd4jKernels.arr(x);
                        Tensor r = e.getValue().apply(x);
                        INDArray a = Nd4jKernels.arr(r);
                        assertFalse(a.isView(), "result is a view");
                        assertEquals('c', a.ordering(), "result order");
                        assertFalse(a.isAttached(), "result is in a workspace");
                        assertTrue(a.closeable(), "result cannot be closed");
                        assertEquals(r.size(), a.data().length(), "buffer length");
                        assertNotEquals(in.data().address(), a.data().address(), "result shares the input's buffer");
                        double before = x.get(0, 0, 0);
                        r.assign(42.0);
                        assertEquals(before, x.get(0, 0, 0), "writing the result changed the input");
                    }
                }));
    }

    /**
     * Kernels free their temporaries: each kernel runs repeatedly on 8 MB operands inside a scope, in
     * {@value #WINDOWS} windows of {@value #CALLS_PER_WINDOW} calls. In the quietest window the resident set may not
     * grow by more than {@value #PER_CALL_BOUND_BYTES} bytes per call on average, far below the 8 MB that one leaked
     * temporary would cost. A leak grows every window alike; a one-time growth of the process (a new malloc arena for
     * an OpenMP thread, the Java heap or code cache expanding for an unrelated reason) lands in one window only, so
     * the minimum separates the two without loosening the bound. The garbage collector cannot hide a leak here: the
     * test allocates too little on the Java heap to trigger it.
     */
    @TestFactory
    Stream<DynamicTest> kernelsFreeTheirTemporaries() {
        int n = 1 << 20;
        Map<String, Function<Tensor[], Tensor>> ops = new LinkedHashMap<>();
        ops.put("softplus", t -> t[0].softplus());
        ops.put("tanh", t -> t[0].tanh());
        ops.put("log1p", t -> t[0].log1p());
        ops.put("expm1", t -> t[0].expm1());
        ops.put("sign with NaN", t -> t[2].sign());
        ops.put("maximum with NaN", t -> t[2].maximum(t[1]));
        ops.put("minimum(s)", t -> t[2].minimum(0.5));
        ops.put("pow with inf exponent", t -> t[1].pow(t[3]));
        ops.put("pow(s)", t -> t[1].rdiv(2.0).pow(1.5));
        ops.put("gt broadcast", t -> t[0].reshape(1024, 1024)
                .gt(t[1].reshape(1024, 1024).select(0, 3)));
        ops.put(
                "where broadcast",
                t -> Tensor.where(
                        t[0].reshape(1024, 1024).gt(0),
                        t[1].reshape(1024, 1024),
                        t[1].reshape(1024, 1024).select(1, 0).unsqueeze(1)));
        ops.put("max with NaN", t -> t[2].reshape(1024, 1024).max(new int[] {1}, false));
        ops.put("argmax with NaN", t -> t[2].reshape(1024, 1024).argmax(0, false));
        ops.put("logSumExp", t -> t[0].reshape(1024, 1024).logSumExp(1));
        ops.put("norm scaled", t -> t[0].mul(1e200).reshape(1024, 1024).norm(new int[] {0}, false));
        ops.put("inplace maximum", t -> t[0].copy().assign(t[0].maximum(t[1])));
        return ops.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    try (TensorScope outer = TensorScope.open()) {
                        Tensor[] in = {
                            ND4J.randUniform(3, -2, 2, n),
                            ND4J.randUniform(4, 0.5, 2, n),
                            ND4J.randUniform(5, -2, 2, n)
                                    .maximum(ND4J.randUniform(6, 0, 1, n)
                                            .gt(0.99)
                                            .rdiv(0.0)
                                            .mul(0.0)),
                            ND4J.randUniform(8, -3, 3, n)
                                    .div(ND4J.randUniform(9, 0, 1, n).gt(0.9))
                        };
                        try (TensorScope warm = TensorScope.open()) {
                            e.getValue().apply(in);
                        }
                        long[] growth = new long[WINDOWS];
                        for (int w = 0; w < WINDOWS; w++) {
                            long before = Pointer.physicalBytes();
                            for (int i = 0; i < CALLS_PER_WINDOW; i++) {
                                try (TensorScope s = TensorScope.open()) {
                                    e.getValue().apply(in);
                                }
                            }
                            growth[w] = Pointer.physicalBytes() - before;
                        }
                        long quietest = Arrays.stream(growth).min().orElseThrow();
                        assertTrue(
                                quietest <= CALLS_PER_WINDOW * PER_CALL_BOUND_BYTES,
                                e.getKey() + ": resident set grew in every window of " + CALLS_PER_WINDOW
                                        + " calls, by "
                                        + Arrays.toString(Arrays.stream(growth)
                                                .map(g -> g >> 10)
                                                .toArray()) + " KB; bound "
                                        + ((CALLS_PER_WINDOW * PER_CALL_BOUND_BYTES) >> 10) + " KB per window");
                    }
                }));
    }

    @Test
    void tensorsCreatedInsideAnNd4jWorkspaceOutliveIt() {
        WorkspaceConfiguration conf =
                WorkspaceConfiguration.builder().initialSize(16L << 20).build();
        Tensor r;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "nabla4j-test")) {
            Tensor x = ND4J.of(new double[] {1, 2, 3, 4}, 2, 2);
            r = x.matmul(x).add(1.0).sum(0);
            assertFalse(Nd4jKernels.arr(r).isAttached(), "result attached to the workspace");
            assertFalse(Nd4jKernels.arr(x).isAttached(), "input attached to the workspace");
            x.close();
        }
        assertEquals(2, r.size());
        assertEquals(8 + 16, r.get(0));
        assertEquals(11 + 23, r.get(1));
        r.close();
    }

    @Test
    void kernelsNeverTouchAClosedTensorsBuffer() {
        Tensor a = ND4J.of(new double[] {1, 2});
        Tensor b = ND4J.of(new double[] {3, 4});
        b.close();
        assertThrows(TensorClosedException.class, () -> ND4J.kernels().binary(BinaryOp.ADD, a, b, a.shape()));
        assertThrows(TensorClosedException.class, () -> ND4J.kernels().unary(UnaryOp.EXP, b));
        assertThrows(TensorClosedException.class, () -> ND4J.kernels().reduce(ReduceOp.SUM, b, new int[] {0}, false));
        assertThrows(TensorClosedException.class, () -> ND4J.linalg().det(b));
        a.close();
    }
}
