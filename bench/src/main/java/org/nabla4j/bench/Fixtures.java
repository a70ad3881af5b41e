package org.nabla4j.bench;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/** Input data shared by the benchmarks: the same seeded numbers on every backend, so both do the same work. */
final class Fixtures {
    /** Seed of the first operand of every benchmark. */
    static final long SEED_A = 42L;

    /** Seed of the second operand of every benchmark. */
    static final long SEED_B = 4242L;

    private Fixtures() {}

    /** The backend a benchmark's {@code backend} parameter names. */
    static Backend backend(String name) {
        return Backends.get(name);
    }

    /** Uniform values in {@code [-1, 1)}: exp, tanh and logSumExp stay far from overflow. */
    static Tensor uniform(Backend backend, DType dtype, long seed, int... shape) {
        return backend.randUniform(dtype, seed, -1.0, 1.0, shape);
    }

    /**
     * A well-conditioned symmetric positive-definite {@code n x n} matrix {@code (M Mᵀ + (M Mᵀ)ᵀ) / (2n) + I} with
     * {@code M} uniform in {@code [-1, 1)}; its condition number stays small for every {@code n}, so solve and
     * Cholesky do the same work on every backend and never fail. It is computed once on EJML in FLOAT64, so both
     * backends get the same numbers.
     */
    @SuppressWarnings("try") // the scope is used only for its close()
    static Tensor spd(Backend backend, DType dtype, int n) {
        Backend ejml = Backends.get("ejml");
        double[] a;
        try (TensorScope scope = TensorScope.open()) {
            Tensor m = ejml.randUniform(DType.FLOAT64, SEED_A, -1.0, 1.0, n, n);
            Tensor mmt = m.matmul(m.transpose());
            a = mmt.add(mmt.transpose()).div(2.0 * n).add(ejml.eye(n)).toDoubleArray();
        }
        return backend.of(dtype, a, n, n);
    }
}
