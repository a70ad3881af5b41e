package org.nabla4j.core;

/**
 * A tensor backend: the implementation that owns tensors' storage and runs their kernels. Backends are found with
 * {@link java.util.ServiceLoader} (a backend artifact lists its implementation in
 * {@code META-INF/services/org.nabla4j.core.Backend}) and obtained through {@link Backends}; users do not implement
 * this interface unless they write a backend.
 *
 * <p>The factory methods here create tensors owned by this backend. Factories that take no {@link DType} create
 * {@link DType#FLOAT64} tensors. Random factories are seeded and produce the same numbers on every backend (the
 * numbers are generated in core), so the same seed gives the same tensor on EJML and ND4J.
 *
 * <p>An implementation must be thread-safe and have a public no-argument constructor; {@link Backends} creates one
 * instance per class loader.
 */
public interface Backend {

    /** Short lower-case name, e.g. {@code "ejml"}, used by {@link Backends#get(String)}. */
    String name();

    /** Priority for {@link Backends#defaultBackend()}: the highest available wins. EJML is 10, ND4J 20. */
    int priority();

    /** The kernels (SPI; called by {@link Tensor} after validation). */
    TensorKernels kernels();

    /** Dense linear algebra on this backend's tensors. */
    Linalg linalg();

    /** Tensor of zeros, FLOAT64. */
    default Tensor zeros(int... shape) {
        return full(DType.FLOAT64, 0.0, shape);
    }

    /** Tensor of zeros of the given dtype. */
    default Tensor zeros(DType dtype, int... shape) {
        return full(dtype, 0.0, shape);
    }

    /** Tensor of ones, FLOAT64. */
    default Tensor ones(int... shape) {
        return full(DType.FLOAT64, 1.0, shape);
    }

    /** Tensor of ones of the given dtype. */
    default Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * Tensor with every element {@code value} (rounded to {@code dtype}).
     *
     * @throws InvalidArgumentException if {@code dtype} is null or the shape is invalid
     */
    default Tensor full(DType dtype, double value, int... shape) {
        Checks.notNull(dtype, "full", "dtype");
        return kernels().full(Shape.of(shape), dtype, value);
    }

    /**
     * Tensor holding a copy of {@code data} in row-major order, FLOAT64. With no shape, a 1-D tensor of
     * {@code data.length} elements.
     *
     * @throws ShapeMismatchException if {@code data.length} differs from the shape's size
     */
    default Tensor of(double[] data, int... shape) {
        return of(DType.FLOAT64, data, shape);
    }

    /** Like {@link #of(double[], int...)} with the given dtype (values rounded to it). */
    default Tensor of(DType dtype, double[] data, int... shape) {
        Checks.notNull(dtype, "of", "dtype");
        Checks.notNull(data, "of", "data");
        Shape s = shape.length == 0 ? Shape.of(data.length) : Shape.of(shape);
        if (s.size() != data.length) {
            throw new ShapeMismatchException(
                    "of: data has " + data.length + " elements but shape " + s + " needs " + s.size());
        }
        return kernels().fromArray(data.clone(), s, dtype);
    }

    /** Rank-0 tensor holding {@code value}, FLOAT64. */
    default Tensor scalar(double value) {
        return scalar(DType.FLOAT64, value);
    }

    /** Rank-0 tensor holding {@code value} of the given dtype. */
    default Tensor scalar(DType dtype, double value) {
        Checks.notNull(dtype, "scalar", "dtype");
        return kernels().full(Shape.scalar(), dtype, value);
    }

    /**
     * 1-D tensor {@code start, start + step, ...} of the values below {@code end} (above it for a negative step),
     * FLOAT64; element {@code i} is computed as {@code start + i * step}, not by repeated addition.
     *
     * @throws InvalidArgumentException if {@code step} is zero or any argument is not finite
     */
    default Tensor arange(double start, double end, double step) {
        return arange(DType.FLOAT64, start, end, step);
    }

    /** Like {@link #arange(double, double, double)} with the given dtype. */
    default Tensor arange(DType dtype, double start, double end, double step) {
        Checks.notNull(dtype, "arange", "dtype");
        Checks.finite(start, "arange", "start");
        Checks.finite(end, "arange", "end");
        Checks.finite(step, "arange", "step");
        if (step == 0) {
            throw new InvalidArgumentException("arange: step must be non-zero");
        }
        double count = Math.ceil((end - start) / step);
        int n = count > 0 ? (int) Math.min(count, Integer.MAX_VALUE) : 0;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return kernels().fromArray(d, Shape.of(n), dtype);
    }

    /**
     * 1-D tensor of {@code n} evenly spaced values from {@code start} to {@code end} inclusive, FLOAT64. The last
     * element is exactly {@code end}.
     *
     * @throws InvalidArgumentException if {@code n < 0} or an end point is not finite
     */
    default Tensor linspace(double start, double end, int n) {
        return linspace(DType.FLOAT64, start, end, n);
    }

    /** Like {@link #linspace(double, double, int)} with the given dtype. */
    default Tensor linspace(DType dtype, double start, double end, int n) {
        Checks.notNull(dtype, "linspace", "dtype");
        Checks.finite(start, "linspace", "start");
        Checks.finite(end, "linspace", "end");
        if (n < 0) {
            throw new InvalidArgumentException("linspace: n must be >= 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = end;
        }
        return kernels().fromArray(d, Shape.of(n), dtype);
    }

    /** The {@code n x n} identity, FLOAT64. */
    default Tensor eye(int n) {
        return eye(DType.FLOAT64, n);
    }

    /**
     * The {@code n x n} identity of the given dtype.
     *
     * @throws InvalidArgumentException if {@code n < 0}
     */
    default Tensor eye(DType dtype, int n) {
        Checks.notNull(dtype, "eye", "dtype");
        if (n < 0) {
            throw new InvalidArgumentException("eye: n must be >= 0, got " + n);
        }
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return kernels().fromArray(d, Shape.of(n, n), dtype);
    }

    /** Uniform random values in {@code [low, high)} from a seeded generator, FLOAT64. */
    default Tensor randUniform(long seed, double low, double high, int... shape) {
        return randUniform(DType.FLOAT64, seed, low, high, shape);
    }

    /**
     * Uniform random values in {@code [low, high)} from {@link java.util.SplittableRandom}{@code (seed)}; the same
     * seed gives the same values on every backend.
     *
     * @throws InvalidArgumentException if {@code low >= high} or either is not finite
     */
    default Tensor randUniform(DType dtype, long seed, double low, double high, int... shape) {
        Checks.notNull(dtype, "randUniform", "dtype");
        Checks.finite(low, "randUniform", "low");
        Checks.finite(high, "randUniform", "high");
        if (!(low < high)) {
            throw new InvalidArgumentException("randUniform: need low < high, got low=" + low + ", high=" + high);
        }
        Shape s = Shape.of(shape);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * r.nextDouble();
        }
        return kernels().fromArray(d, s, dtype);
    }

    /** Normal random values with the given mean and standard deviation, FLOAT64. */
    default Tensor randNormal(long seed, double mean, double std, int... shape) {
        return randNormal(DType.FLOAT64, seed, mean, std, shape);
    }

    /**
     * Normal random values (Box–Muller from {@link java.util.SplittableRandom}{@code (seed)}); the same seed gives
     * the same values on every backend.
     *
     * @throws InvalidArgumentException if {@code std < 0} or an argument is not finite
     */
    default Tensor randNormal(DType dtype, long seed, double mean, double std, int... shape) {
        Checks.notNull(dtype, "randNormal", "dtype");
        Checks.finite(mean, "randNormal", "mean");
        Checks.finite(std, "randNormal", "std");
        if (std < 0) {
            throw new InvalidArgumentException("randNormal: std must be >= 0, got " + std);
        }
        Shape s = Shape.of(shape);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i += 2) {
            double u1 = 1.0 - r.nextDouble(); // (0, 1]: log never sees 0
            double u2 = r.nextDouble();
            double rad = Math.sqrt(-2.0 * Math.log(u1));
            d[i] = mean + std * rad * Math.cos(2 * Math.PI * u2);
            if (i + 1 < d.length) {
                d[i + 1] = mean + std * rad * Math.sin(2 * Math.PI * u2);
            }
        }
        return kernels().fromArray(d, s, dtype);
    }
}
