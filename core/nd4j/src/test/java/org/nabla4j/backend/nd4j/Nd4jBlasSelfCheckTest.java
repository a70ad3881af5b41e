package org.nabla4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BLAS self-check: the OpenBLAS of this process multiplies correctly, and a JVM whose {@code OPENBLAS_CORETYPE}
 * selects a kernel that computes wrong products on its CPU refuses to multiply instead of returning wrong numbers.
 */
class Nd4jBlasSelfCheckTest {

    @Test
    void theLoadedBlasPassesTheCheck() {
        assertNull(BlasSelfCheck.checkGemm());
        assertNull(BlasSelfCheck.checkLapack());
    }

    /**
     * With the OpenBLAS 0.3.19 that ND4J bundles, {@code COOPERLAKE} computes wrong {@code dgemm} products on AMD Zen
     * 4 and an empty or unknown value falls back to it; on CPUs where that kernel works the product is simply
     * correct. Either is acceptable; a wrong product is not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"COOPERLAKE", "NOSUCHCORE", ""})
    void aMisconfiguredBlasNeverReturnsWrongProducts(String coretype) throws Exception {
        ChildJvm.Result r = ChildJvm.run(MatmulCheckMain.class, List.of(), Map.of("OPENBLAS_CORETYPE", coretype), 180);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("result=correct") || r.output().contains("result=refused"), r.output());
        if (r.output().contains("result=refused")) {
            assertTrue(r.output().contains("OPENBLAS_CORETYPE"), r.output());
        }
    }
}
