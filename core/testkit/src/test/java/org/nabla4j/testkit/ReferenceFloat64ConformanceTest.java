package org.nabla4j.testkit;

import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;

/**
 * Runs the conformance suite on the testkit's own reference backend in FLOAT64: a check of the suite itself (its
 * references and expectations) that needs no real backend.
 */
class ReferenceFloat64ConformanceTest extends TensorConformanceSuite {
    private static final Backend BACKEND = new ReferenceBackend();

    @Override
    protected Backend backend() {
        return BACKEND;
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
