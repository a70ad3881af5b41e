package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;

class QuadratureResultTest {
    @Test
    void onlyConvergedCountsAsConverged() {
        for (QuadratureStatus s : QuadratureStatus.values()) {
            QuadratureResult r = new QuadratureResult(1.0, 1e-3, 10, 1, s, "m");
            assertEquals(s == QuadratureStatus.CONVERGED, r.isConverged(), s.name());
        }
    }

    @Test
    void componentsAreValidated() {
        assertThrows(InvalidArgumentException.class, () -> new QuadratureResult(1, 0, 1, 1, null, "m"));
        assertThrows(
                InvalidArgumentException.class,
                () -> new QuadratureResult(1, 0, 1, 1, QuadratureStatus.CONVERGED, null));
        assertThrows(
                InvalidArgumentException.class,
                () -> new QuadratureResult(1, 0, -1, 1, QuadratureStatus.CONVERGED, "m"));
        assertThrows(
                InvalidArgumentException.class,
                () -> new QuadratureResult(1, 0, 1, -1, QuadratureStatus.CONVERGED, "m"));
    }

    @Test
    void negationKeepsEverythingButTheSign() {
        QuadratureResult r = new QuadratureResult(2.5, 1e-9, 21, 1, QuadratureStatus.EVALUATION_LIMIT, "limit");
        QuadratureResult n = r.negate();
        assertEquals(-2.5, n.value());
        assertEquals(r.errorEstimate(), n.errorEstimate());
        assertEquals(r.status(), n.status());
        assertFalse(n.isConverged());
        assertTrue(QuadratureResult.empty().isConverged());
    }
}
