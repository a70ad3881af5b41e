package org.nabla4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.Backend;
import org.nabla4j.core.BackendNotFoundException;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;
import org.nabla4j.core.TensorScope;

/** Discovery, default selection and memory behaviour of the EJML backend. */
class EjmlBackendTest {

    @Test
    void serviceLoaderFindsEjml() {
        Backend b = Backends.get("ejml");
        assertInstanceOf(EjmlBackend.class, b);
        assertEquals("ejml", b.name());
        assertEquals(10, b.priority());
        assertSame(b, Backends.get("EJML"), "lookup is case-insensitive and returns the one instance");
        assertTrue(Backends.available().contains(b));
        assertSame(b.kernels(), b.kernels());
    }

    @Test
    void missingNd4jNamesTheArtifactToAdd() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> Backends.get("nd4j"));
        assertTrue(e.getMessage().contains("org.nabla4j:nabla4j-backend-nd4j"), e.getMessage());
    }

    @Test
    void systemPropertySelectsTheDefault() {
        String old = System.getProperty(Backends.PROPERTY);
        try {
            System.setProperty(Backends.PROPERTY, "ejml");
            assertInstanceOf(EjmlBackend.class, Backends.defaultBackend());
            assertSame(Backends.get("ejml"), Tensor.zeros(2).backend());
            System.setProperty(Backends.PROPERTY, "nd4j");
            BackendNotFoundException e = assertThrows(BackendNotFoundException.class, Backends::defaultBackend);
            assertTrue(e.getMessage().contains("org.nabla4j:nabla4j-backend-nd4j"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, old);
            }
        }
    }

    @Test
    void scopeClosesTemporariesAndKeepsWhatIsKept() {
        Backend b = Backends.get("ejml");
        Tensor outside = b.ones(3);
        Tensor tmp;
        Tensor kept;
        try (TensorScope scope = TensorScope.open()) {
            tmp = outside.mul(2.0).named("tmp");
            kept = scope.keep(tmp.add(1.0));
            assertEquals(1, scope.size());
        }
        assertTrue(tmp.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(outside.isClosed());
        assertArrayEquals(new double[] {3, 3, 3}, kept.toDoubleArray());
        assertNull(((EjmlTensor) tmp).d, "closing must drop the storage array");
        TensorClosedException e = assertThrows(TensorClosedException.class, () -> tmp.add(outside));
        assertTrue(e.getMessage().contains(tmp.describe()), e.getMessage());
        assertTrue(e.getMessage().contains("'tmp'"), e.getMessage());
        assertThrows(TensorClosedException.class, () -> outside.add(tmp));
        assertThrows(TensorClosedException.class, tmp::toDoubleArray);
    }

    @Test
    void closeIsIdempotentAndReleasesFloatStorage() {
        Tensor t = Backends.get("ejml").zeros(DType.FLOAT32, 2, 2).named("w");
        t.close();
        t.close();
        assertNull(((EjmlTensor) t).f);
        TensorClosedException e = assertThrows(TensorClosedException.class, () -> t.addi(1.0));
        assertTrue(e.getMessage().contains("tensor#" + t.id() + " 'w' [2, 2] FLOAT32 (ejml)"), e.getMessage());
    }

    @Test
    void longLoopInScopesLeavesNothingOpen() {
        Backend b = Backends.get("ejml");
        Tensor w = b.ones(4);
        for (int step = 0; step < 10_000; step++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor g = w.mul(w).mul(0.5);
                w.subi(g.mul(1e-4));
                assertEquals(3, scope.size());
            }
        }
        assertFalse(w.isClosed());
        assertTrue(w.get(0) < 1.0 && w.get(0) > 0.0);
    }
}
