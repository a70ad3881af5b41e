package org.nabla4j.testkit;

import java.util.function.UnaryOperator;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.TensorKernels;

/**
 * A deliberately simple backend for tests: tensors are plain {@code double[]} arrays (rounded to float on every write
 * for {@code FLOAT32}), and every kernel is a straightforward loop. It is not registered as a service, so
 * {@code Backends} never returns it; the conformance suite creates instances directly to test mixing backends and
 * {@code toBackend} round trips, and the testkit's own tests run the whole suite on it.
 *
 * <p>Every instance is a distinct backend: tensors of two instances do not mix.
 */
final class ReferenceBackend implements Backend {
    private final ReferenceKernels reference = new ReferenceKernels(this);
    private final ReferenceLinalg linalg = new ReferenceLinalg(this);
    private final TensorKernels kernels;

    ReferenceBackend() {
        this(UnaryOperator.identity());
    }

    /**
     * A backend whose kernels are {@code decorate} applied to the reference kernels: the testkit's own tests use it to
     * plant a bug and check that the suite finds it.
     */
    ReferenceBackend(UnaryOperator<TensorKernels> decorate) {
        this.kernels = decorate.apply(reference);
    }

    ReferenceKernels referenceKernels() {
        return reference;
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public TensorKernels kernels() {
        return kernels;
    }

    @Override
    public Linalg linalg() {
        return linalg;
    }

    @Override
    public String toString() {
        return "ReferenceBackend@" + Integer.toHexString(System.identityHashCode(this));
    }
}
