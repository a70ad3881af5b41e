package org.nabla4j.backend.nd4j;

import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor of the ND4J backend: one ND4J array in native memory that this tensor owns alone. The array is always
 * row-major ('c' order), contiguous, not a view of another array, not attached to an ND4J workspace, of ND4J type
 * {@code DOUBLE} for {@link DType#FLOAT64} or {@code FLOAT} for {@link DType#FLOAT32}, with exactly this tensor's
 * shape. {@link Nd4jKernels#wrap} establishes these invariants; every kernel relies on them.
 *
 * <p>{@link #release()} frees the native buffer at once and drops the reference, so a use after close can never
 * reach freed memory: {@link #array()} throws {@link TensorClosedException} naming the tensor.
 */
final class Nd4jTensor extends Tensor {
    private volatile INDArray array;

    Nd4jTensor(Backend backend, Shape shape, DType dtype, INDArray array) {
        super(backend, shape, dtype);
        this.array = array;
    }

    /**
     * The native array.
     *
     * @throws TensorClosedException if the tensor has been closed
     */
    INDArray array() {
        INDArray a = array;
        if (a == null) {
            throw new TensorClosedException(describe() + " was used after it was closed");
        }
        return a;
    }

    @Override
    protected void release() {
        INDArray a = array;
        array = null;
        if (a != null) {
            Nd4jKernels.free(a);
        }
    }
}
