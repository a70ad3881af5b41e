package org.nabla4j.backend.ejml;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Linalg;
import org.nabla4j.core.TensorKernels;

/**
 * The pure-Java backend, built on EJML: tensors are row-major {@code double[]} (FLOAT64) or {@code float[]}
 * (FLOAT32) arrays on the Java heap, element-wise and reduction kernels are plain loops, and matrix products and
 * decompositions are EJML's dense row-major algorithms (multi-threaded for large products).
 *
 * <p>It is found with {@link java.util.ServiceLoader} under the name {@code "ejml"} with priority 10, so it is the
 * default unless a higher-priority backend (ND4J) is on the class path or {@code nabla4j.backend} names another.
 * Users obtain it with {@code Backends.get("ejml")} rather than by constructing it.
 *
 * <p>Thread-safe: the backend and its kernels hold no mutable state.
 */
public final class EjmlBackend implements Backend {
    /** The name under which this backend registers. */
    public static final String NAME = "ejml";

    private final EjmlKernels kernels;
    private final EjmlLinalg linalg;

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public EjmlBackend() {
        this.kernels = new EjmlKernels(this);
        this.linalg = new EjmlLinalg(kernels);
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** Returns 10, below ND4J's 20, so that the native backend wins when both are present. */
    @Override
    public int priority() {
        return 10;
    }

    /** The kernels over heap arrays. */
    @Override
    public TensorKernels kernels() {
        return kernels;
    }

    /**
     * Linear algebra computed in double precision with EJML (FLOAT32 inputs are widened and results rounded);
     * singular matrices are detected from the LU pivots relative to the dtype's unit roundoff.
     */
    @Override
    public Linalg linalg() {
        return linalg;
    }

    /** Returns {@code "EjmlBackend[ejml]"}. */
    @Override
    public String toString() {
        return "EjmlBackend[" + NAME + "]";
    }
}
