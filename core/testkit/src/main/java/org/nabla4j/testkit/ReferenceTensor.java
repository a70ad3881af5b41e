package org.nabla4j.testkit;

import org.nabla4j.core.DType;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;

/** Storage of {@link ReferenceBackend}: a row-major {@code double[]} holding values already rounded to the dtype. */
final class ReferenceTensor extends Tensor {
    double[] data;

    ReferenceTensor(ReferenceBackend backend, Shape shape, DType dtype, double[] data) {
        super(backend, shape, dtype);
        this.data = data;
    }

    @Override
    protected void release() {
        data = null;
    }
}
