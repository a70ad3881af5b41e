package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.nabla4j.integrate.Quadrature;
import org.nabla4j.integrate.QuadratureResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default adaptive integrator ({@link Quadrature#integrate(DoubleUnaryOperator, double, double)}, default
 * tolerances) on integrands of increasing difficulty. Scalar integrands do not touch a tensor backend, so there is no
 * backend parameter.
 *
 * <ul>
 *   <li>{@code gaussian}: {@code ∫_{-3}^{3} exp(-x²) dx}, smooth;
 *   <li>{@code oscillatory}: {@code ∫_0^{π} cos(50 x)² dx}, fifty periods;
 *   <li>{@code sqrtSingular}: {@code ∫_0^1 1/√x dx = 2}, an endpoint singularity (extrapolation);
 *   <li>{@code logSingular}: {@code ∫_0^1 log(x) dx = -1}, a logarithmic endpoint singularity;
 *   <li>{@code infiniteRange}: {@code ∫_{-∞}^{∞} 1/(1 + x²) dx = π}, slowly decaying tails.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class QuadratureBenchmark {
    /** The integrand; see the class documentation. */
    @Param({"gaussian", "oscillatory", "sqrtSingular", "logSingular", "infiniteRange"})
    public String integrand;

    private DoubleUnaryOperator f;
    private double a;
    private double b;

    /**
     * Selects the integrand and its range.
     *
     * @throws IllegalArgumentException for an unknown integrand name
     */
    @Setup(Level.Trial)
    public void setUp() {
        switch (integrand) {
            case "gaussian":
                f = x -> Math.exp(-x * x);
                a = -3;
                b = 3;
                break;
            case "oscillatory":
                f = x -> {
                    double c = Math.cos(50 * x);
                    return c * c;
                };
                a = 0;
                b = Math.PI;
                break;
            case "sqrtSingular":
                f = x -> 1 / Math.sqrt(x);
                a = 0;
                b = 1;
                break;
            case "logSingular":
                f = Math::log;
                a = 0;
                b = 1;
                break;
            case "infiniteRange":
                f = x -> 1 / (1 + x * x);
                a = Double.NEGATIVE_INFINITY;
                b = Double.POSITIVE_INFINITY;
                break;
            default:
                throw new IllegalArgumentException("unknown integrand '" + integrand + "'");
        }
    }

    /**
     * Integrates with the default method.
     *
     * @throws IllegalStateException if the integrator does not converge (the benchmark would time a failure)
     */
    @Benchmark
    public double integrate() {
        QuadratureResult r = Quadrature.integrate(f, a, b);
        if (!r.isConverged()) {
            throw new IllegalStateException(integrand + ": " + r);
        }
        return r.value();
    }
}
