package org.nabla4j.integrate;

import java.util.Arrays;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Adapts a {@link BatchIntegrand}: each batch of points becomes one 1-D node tensor on the chosen backend and dtype,
 * one call of the function, and one read of the values; every tensor created meanwhile is closed before returning.
 */
final class TensorIntegrand implements Integrand {
    private final BatchIntegrand f;
    private final Backend backend;
    private final DType dtype;
    private final String method;

    private TensorIntegrand(BatchIntegrand f, Backend backend, DType dtype, String method) {
        this.f = f;
        this.backend = backend;
        this.dtype = dtype;
        this.method = method;
    }

    /**
     * Validates the arguments of a batched integration and builds the adapter.
     *
     * @param method the public method, for messages
     * @param f the batched integrand
     * @param backend the backend of the node tensors, null for {@link Backends#defaultBackend()}
     * @param dtype the dtype of the node tensors, null for FLOAT64
     * @return the adapter
     */
    static TensorIntegrand of(String method, BatchIntegrand f, Backend backend, DType dtype) {
        QuadratureArguments.requireFunction(method, f);
        Checks.notNull(backend, method, "backend");
        Checks.notNull(dtype, method, "dtype");
        return new TensorIntegrand(f, backend, dtype, method);
    }

    /**
     * Builds the adapter for {@link DType#FLOAT64} nodes on the default backend.
     *
     * @param method the public method, for messages
     * @param f the batched integrand
     * @return the adapter
     */
    static TensorIntegrand ofDefault(String method, BatchIntegrand f) {
        QuadratureArguments.requireFunction(method, f);
        return of(method, f, Backends.defaultBackend(), DType.FLOAT64);
    }

    @Override
    public boolean singlePrecision() {
        return dtype == DType.FLOAT32;
    }

    @Override
    public void evaluate(double[] x, int count, double[] values) {
        if (singlePrecision()) {
            for (int i = 0; i < count; i++) {
                x[i] = (float) x[i];
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            // Backend.of copies the data, so the array itself can be passed when it holds exactly the points.
            Tensor nodes = backend.of(dtype, x.length == count ? x : Arrays.copyOf(x, count), count);
            Tensor out = f.apply(nodes);
            if (out == null) {
                throw new InvalidArgumentException(
                        method + ": the batch integrand returned null for nodes of shape " + nodes.shape());
            }
            if (!out.shape().equals(nodes.shape())) {
                throw new ShapeMismatchException(method + ": the batch integrand must return one value per node: "
                        + "expected shape " + nodes.shape() + ", got " + out.shape());
            }
            double[] v = out.toDoubleArray();
            System.arraycopy(v, 0, values, 0, count);
        }
    }
}
