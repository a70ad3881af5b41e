package org.nabla4j.backend.ejml;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.testkit.TensorConformanceSuite;

/** Runs the backend conformance suite of {@code nabla4j-testkit} on the EJML backend in FLOAT32. */
class EjmlFloat32ConformanceTest extends TensorConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT32;
    }
}
