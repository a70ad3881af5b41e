package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Registration, default-backend selection, dtype independence, interop and thread safety of the ND4J backend. */
class Nd4jBackendTest {

    @Test
    void registersAsNd4jWithPriority20() {
        Backend b = Backends.get("nd4j");
        assertInstanceOf(Nd4jBackend.class, b);
        assertEquals("nd4j", b.name());
        assertEquals(20, b.priority());
        assertSame(b, Backends.get(" ND4J "), "lookup is case-insensitive and cached");
        assertEquals("Nd4jBackend[nd4j]", b.toString());
        List<String> names = new ArrayList<>();
        for (Backend x : Backends.available()) {
            names.add(x.name());
        }
        assertEquals(List.of("nd4j", "ejml"), names, "highest priority first");
    }

    @Test
    void hasAPublicNoArgConstructor() {
        Nd4jBackend own = new Nd4jBackend();
        try (Tensor t = own.of(new double[] {1, 2}).add(1.0)) {
            assertSame(own, t.backend());
            assertArrayEquals(new double[] {2, 3}, t.toDoubleArray());
        }
    }

    @Test
    void isTheDefaultByPriorityAndThePropertyOverridesIt() {
        assumeTrue(System.getenv(Backends.ENV) == null, "NABLA4J_BACKEND is set in this environment");
        String old = System.getProperty(Backends.PROPERTY);
        try {
            System.clearProperty(Backends.PROPERTY);
            assertEquals("nd4j", Backends.defaultBackend().name());
            try (Tensor t = Tensor.zeros(2)) {
                assertEquals("nd4j", t.backend().name());
            }
            System.setProperty(Backends.PROPERTY, "ejml");
            assertEquals("ejml", Backends.defaultBackend().name());
            try (Tensor t = Tensor.zeros(2)) {
                assertEquals("ejml", t.backend().name());
            }
            System.setProperty(Backends.PROPERTY, "nd4j");
            assertEquals("nd4j", Backends.defaultBackend().name());
        } finally {
            if (old == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, old);
            }
        }
    }

    @Test
    void environmentVariableSelectsTheBackendAndThePropertyWins() throws Exception {
        ChildJvm.Result env = ChildJvm.run(DefaultBackendMain.class, List.of(), Map.of(Backends.ENV, "ejml"), 120);
        assertEquals(0, env.exitCode(), env.output());
        assertTrue(env.output().contains("default=ejml"), env.output());
        ChildJvm.Result both = ChildJvm.run(
                DefaultBackendMain.class,
                List.of("-D" + Backends.PROPERTY + "=nd4j"),
                Map.of(Backends.ENV, "ejml"),
                120);
        assertEquals(0, both.exitCode(), both.output());
        assertTrue(both.output().contains("default=nd4j"), both.output());
        ChildJvm.Result none = ChildJvm.run(DefaultBackendMain.class, List.of(), Map.of(), 120);
        assertEquals(0, none.exitCode(), none.output());
        assertTrue(none.output().contains("default=nd4j"), none.output());
    }

    @Test
    void withoutNativeLibrariesForThePlatformEjmlBecomesTheDefault() throws Exception {
        ChildJvm.Result r = ChildJvm.run(
                DefaultBackendMain.class, List.of("-Dorg.bytedeco.javacpp.platform=macosx-arm64"), Map.of(), 120);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("default=ejml"), r.output());
        assertTrue(r.output().contains("nd4j=missing"), r.output());
        assertTrue(r.output().contains("platform macosx-arm64 are not on the class path"), r.output());
        assertTrue(r.output().contains("org.nd4j:nd4j-native:1.0.0-M2.1"), r.output());
    }

    @Test
    void dtypesDoNotDependOnNd4jsGlobalDefault() {
        Backend b = Backends.get("nd4j");
        DataType oldDefault = Nd4j.defaultFloatingPointType();
        DataType oldNetwork = Nd4j.dataType();
        try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            try (TensorScope s = TensorScope.open()) {
                Tensor x = b.of(new double[] {0.1, 1e-50, 1e300}, 3);
                assertEquals(DType.FLOAT64, x.dtype());
                assertEquals(DataType.DOUBLE, Nd4jKernels.arr(x).dataType());
                assertArrayEquals(new double[] {0.1, 1e-50, 1e300}, x.toDoubleArray());
                Tensor y = x.mul(2.0).add(x).exp().log().sum(0);
                assertEquals(DataType.DOUBLE, Nd4jKernels.arr(y).dataType());
                Tensor z = b.zeros(4).add(b.ones(DType.FLOAT64, 4)).matmul(b.eye(4));
                assertEquals(DataType.DOUBLE, Nd4jKernels.arr(z).dataType());
            }
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            try (TensorScope s = TensorScope.open()) {
                Tensor f = b.of(DType.FLOAT32, new double[] {0.1, 1e-50}, 2);
                assertEquals(DataType.FLOAT, Nd4jKernels.arr(f).dataType());
                assertArrayEquals(new double[] {(float) 0.1, 0.0}, f.toDoubleArray());
                Tensor g = f.exp().sum().add(b.scalar(DType.FLOAT32, 1));
                assertEquals(DataType.FLOAT, Nd4jKernels.arr(g).dataType());
                assertEquals(
                        DType.FLOAT32,
                        b.linalg().inverse(b.eye(DType.FLOAT32, 3)).dtype());
            }
        } finally {
            Nd4j.setDefaultDataTypes(oldNetwork, oldDefault);
        }
    }

    @Test
    void convertsToAndFromInd4jArraysByCopy() {
        Nd4jBackend b = (Nd4jBackend) Backends.get("nd4j");
        INDArray f = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE)
                .transpose();
        try (Tensor t = b.fromINDArray(f)) {
            assertArrayEquals(new int[] {3, 2}, t.dims());
            assertEquals(DType.FLOAT64, t.dtype());
            assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.toDoubleArray());
            f.putScalar(0, 0, 100);
            assertEquals(1, t.get(0, 0), "the tensor must not share the array's storage");
            INDArray back = b.toINDArray(t);
            assertNotSame(Nd4jKernels.arr(t), back);
            assertEquals('c', back.ordering());
            back.putScalar(0, 0, -1);
            assertEquals(1, t.get(0, 0), "the array must not share the tensor's storage");
            assertEquals(5.0, back.getDouble(1, 1));
            back.close();
        }
        try (Tensor t = b.fromINDArray(Nd4j.create(new float[] {1.5f, 2.5f}, new long[] {2}, DataType.FLOAT))) {
            assertEquals(DType.FLOAT32, t.dtype());
            assertArrayEquals(new double[] {1.5, 2.5}, t.toDoubleArray());
        }
        try (Tensor t = b.fromINDArray(Nd4j.scalar(DataType.DOUBLE, 7.0))) {
            assertEquals(0, t.rank());
            assertEquals(7.0, t.item());
        }
        try (Tensor t = b.fromINDArray(Nd4j.create(DataType.FLOAT, 0, 3))) {
            assertArrayEquals(new int[] {0, 3}, t.dims());
        }
        assertThrows(InvalidArgumentException.class, () -> b.fromINDArray(Nd4j.create(DataType.INT32, 2)));
        assertThrows(InvalidArgumentException.class, () -> b.fromINDArray(null));
        try (Tensor e = Backends.get("ejml").of(new double[] {1})) {
            InvalidArgumentException ex = assertThrows(InvalidArgumentException.class, () -> b.toINDArray(e));
            assertTrue(ex.getMessage().contains("toBackend"), ex.getMessage());
        }
    }

    @Test
    void isSafeToUseFromSeveralThreads() throws Exception {
        Backend b = Backends.get("nd4j");
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    double[] out = new double[3];
                    for (int i = 0; i < 200; i++) {
                        try (TensorScope s = TensorScope.open()) {
                            Tensor x = b.randUniform(seed, -1, 1, 16, 16);
                            Tensor y = x.matmul(x.transpose()).add(b.eye(16).mul(16));
                            out[0] = b.linalg().det(y);
                            out[1] = y.tanh().sum().item();
                            out[2] = x.maximum(0.0).norm().item();
                        }
                    }
                    return out;
                }));
            }
            for (int t = 0; t < threads; t++) {
                double[] got = results.get(t).get();
                try (TensorScope s = TensorScope.open()) {
                    Tensor x = b.randUniform(t, -1, 1, 16, 16);
                    Tensor y = x.matmul(x.transpose()).add(b.eye(16).mul(16));
                    assertEquals(b.linalg().det(y), got[0], Math.abs(got[0]) * 1e-12, "det, thread " + t);
                    assertEquals(y.tanh().sum().item(), got[1], 1e-12, "tanh sum, thread " + t);
                    assertEquals(x.maximum(0.0).norm().item(), got[2], 1e-12, "norm, thread " + t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
