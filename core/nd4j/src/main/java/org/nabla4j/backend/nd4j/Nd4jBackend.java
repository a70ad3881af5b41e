package org.nabla4j.backend.nd4j;

import org.bytedeco.javacpp.Loader;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The native backend, built on ND4J ({@code nd4j-native}, libnd4j with OpenBLAS): tensors live in native memory,
 * element-wise operations and reductions run as libnd4j kernels (vectorized, multi-threaded with OpenMP for large
 * arrays), matrix products as BLAS {@code gemm} and decompositions as LAPACK routines.
 *
 * <p>It registers with {@link java.util.ServiceLoader} under the name {@value #NAME} with priority 20, above EJML's
 * 10, so it is the default backend when its artifact is on the class path unless system property
 * {@code nabla4j.backend} or environment variable {@code NABLA4J_BACKEND} names another. Users obtain it with
 * {@code Backends.get("nd4j")} rather than by constructing it.
 *
 * <p><b>Dtypes.</b> Every tensor carries its own dtype ({@link DType#FLOAT64} as ND4J {@code DOUBLE},
 * {@link DType#FLOAT32} as {@code FLOAT}); the backend never reads or changes ND4J's global default data type.
 *
 * <p><b>Memory.</b> Closing a tensor (directly or through a {@link org.nabla4j.core.TensorScope}) frees its native
 * buffer at once; kernels free their temporaries before they return. Tensors that are never closed are freed by
 * ND4J's deallocator after garbage collection, as plain ND4J arrays are.
 *
 * <p><b>Threads.</b> The backend holds no mutable state and may be used from several threads. The number of threads
 * of libnd4j (OpenMP) and OpenBLAS is ND4J's choice (one per physical core) unless the environment variable
 * {@code OMP_NUM_THREADS} is set before the JVM starts; see the package documentation for the OpenBLAS settings that
 * matter for matrix products.
 *
 * <p><b>Interop.</b> {@link #fromINDArray} and {@link #toINDArray} copy between tensors and ND4J arrays; no storage
 * is ever shared.
 */
public final class Nd4jBackend implements Backend {
    /** The name under which this backend registers. */
    public static final String NAME = "nd4j";

    private final Nd4jKernels kernels;
    private final Nd4jLinalg linalg;

    /**
     * Creates the backend; called by {@link java.util.ServiceLoader}. ND4J itself (and its native libraries) is
     * loaded lazily by the first tensor operation; the constructor only checks that ND4J's native libraries for this
     * platform are on the class path, so that on a platform without them {@link org.nabla4j.core.Backends} skips
     * this backend (and names the missing artifact) instead of failing at the first operation.
     *
     * @throws IllegalStateException if the class path has no ND4J native libraries for this platform
     */
    public Nd4jBackend() {
        String platform = Loader.getPlatform();
        String natives = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "/";
        ClassLoader cl = Nd4jBackend.class.getClassLoader();
        if ((cl == null ? ClassLoader.getSystemResource(natives) : cl.getResource(natives)) == null) {
            throw new IllegalStateException(
                    "nd4j backend: ND4J's native libraries for platform " + platform + " are not on the class "
                            + "path; add org.nd4j:nd4j-native:1.0.0-M2.1 with classifier " + platform
                            + " where ND4J publishes one, or org.nd4j:nd4j-native-platform:1.0.0-M2.1 (see the "
                            + "package documentation of org.nabla4j.backend.nd4j)");
        }
        this.kernels = new Nd4jKernels(this);
        this.linalg = new Nd4jLinalg(kernels);
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** Returns 20, above EJML's 10, so that the native backend is the default when both are present. */
    @Override
    public int priority() {
        return 20;
    }

    /** The kernels over native ND4J arrays. */
    @Override
    public TensorKernels kernels() {
        return kernels;
    }

    /**
     * Linear algebra through LAPACK in double precision (FLOAT32 inputs are widened and results rounded once); QR
     * factors have a non-negative {@code R} diagonal; singular matrices are detected from the LU pivots relative to
     * the dtype's unit roundoff.
     */
    @Override
    public Linalg linalg() {
        return linalg;
    }

    /**
     * A tensor of this backend holding a copy of an ND4J array's values (any order or view; rank at most
     * {@value Shape#MAX_RANK}). {@code DOUBLE} arrays become {@link DType#FLOAT64} tensors and {@code FLOAT} arrays
     * {@link DType#FLOAT32} ones.
     *
     * @throws InvalidArgumentException if {@code array} is null, closed, of another data type, larger than
     *     {@link Integer#MAX_VALUE} elements per axis or of rank above {@value Shape#MAX_RANK}
     */
    public Tensor fromINDArray(INDArray array) {
        Checks.notNull(array, "fromINDArray", "array");
        if (array.wasClosed()) {
            throw new InvalidArgumentException("fromINDArray: the array has been closed");
        }
        DType dtype;
        if (array.dataType() == DataType.DOUBLE) {
            dtype = DType.FLOAT64;
        } else if (array.dataType() == DataType.FLOAT) {
            dtype = DType.FLOAT32;
        } else {
            throw new InvalidArgumentException(
                    "fromINDArray: expected an array of data type DOUBLE or FLOAT, got " + array.dataType());
        }
        long[] ls = array.shape();
        if (ls.length > Shape.MAX_RANK) {
            throw new InvalidArgumentException(
                    "fromINDArray: rank " + ls.length + " exceeds the maximum rank " + Shape.MAX_RANK);
        }
        int[] d = new int[ls.length];
        for (int i = 0; i < ls.length; i++) {
            if (ls[i] > Integer.MAX_VALUE) {
                throw new InvalidArgumentException(
                        "fromINDArray: extent " + ls[i] + " of axis " + i + " exceeds " + Integer.MAX_VALUE);
            }
            d[i] = (int) ls[i];
        }
        Shape shape = Shape.of(d);
        if (array.isEmpty()) {
            return kernels.full(shape, dtype, 0.0);
        }
        return kernels.wrap(array.dup('c'), shape, dtype);
    }

    /**
     * A new ND4J array (row-major, {@code DOUBLE} for FLOAT64 and {@code FLOAT} for FLOAT32) holding a copy of an
     * ND4J-backend tensor's values. The caller owns the array and may close it.
     *
     * @throws InvalidArgumentException if {@code tensor} is null or belongs to another backend
     * @throws org.nabla4j.core.TensorClosedException if {@code tensor} has been closed
     */
    public INDArray toINDArray(Tensor tensor) {
        Checks.notNull(tensor, "toINDArray", "tensor");
        tensor.ensureOpen();
        if (tensor.backend() != this) {
            throw new InvalidArgumentException("toINDArray: " + tensor.describe()
                    + " does not belong to this backend; convert it with " + "toBackend(...) first");
        }
        return Nd4jKernels.arr(tensor).dup('c');
    }

    /** Returns {@code "Nd4jBackend[nd4j]"}. */
    @Override
    public String toString() {
        return "Nd4jBackend[" + NAME + "]";
    }
}
