package org.nabla4j.backend.ejml;

import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;

/**
 * A tensor of the EJML backend: a contiguous row-major primitive array, {@code double[]} for {@link DType#FLOAT64}
 * and {@code float[]} for {@link DType#FLOAT32}. Exactly one of {@link #d} and {@link #f} is non-null while the
 * tensor is open; {@link #release()} drops the reference so the array can be collected even while the tensor object
 * itself is still reachable (held by a tape or a scope).
 */
final class EjmlTensor extends Tensor {
    /** FLOAT64 storage, or null. */
    double[] d;
    /** FLOAT32 storage, or null. */
    float[] f;

    EjmlTensor(Backend backend, Shape shape, double[] data) {
        super(backend, shape, DType.FLOAT64);
        this.d = data;
    }

    EjmlTensor(Backend backend, Shape shape, float[] data) {
        super(backend, shape, DType.FLOAT32);
        this.f = data;
    }

    /** The storage array ({@code double[]} or {@code float[]}), for dtype-agnostic data movement. */
    Object data() {
        return d != null ? d : f;
    }

    @Override
    protected void release() {
        d = null;
        f = null;
    }
}
