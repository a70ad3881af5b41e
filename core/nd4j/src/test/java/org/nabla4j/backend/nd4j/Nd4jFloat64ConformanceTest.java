package org.nabla4j.backend.nd4j;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.testkit.TensorConformanceSuite;

/** Runs the backend conformance suite of {@code nabla4j-testkit} on the ND4J backend in FLOAT64. */
class Nd4jFloat64ConformanceTest extends TensorConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
