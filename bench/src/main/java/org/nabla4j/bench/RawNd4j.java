package org.nabla4j.bench;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Operands for the raw ND4J baselines: the numbers of {@link Fixtures#uniform}, copied into plain INDArrays. */
final class RawNd4j {
    private RawNd4j() {}

    /** The ND4J data type of a Nabla4j dtype. */
    static DataType dataType(DType dtype) {
        return dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** The same values as {@code Fixtures.uniform(backend, dtype, seed, shape)} on any backend, as an INDArray. */
    static INDArray uniform(DType dtype, long seed, int... shape) {
        Backend ejml = Backends.get("ejml");
        double[] data;
        try (Tensor t = Fixtures.uniform(ejml, DType.FLOAT64, seed, shape)) {
            data = t.toDoubleArray();
        }
        long[] longShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            longShape[i] = shape[i];
        }
        return Nd4j.create(data, longShape, dataType(dtype));
    }
}
