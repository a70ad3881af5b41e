package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;
import org.nabla4j.core.TensorScope;
import org.nabla4j.integrate.DifferentiableIntegral;
import org.nabla4j.integrate.DifferentiableQuadrature;
import org.nabla4j.integrate.GaussKronrodIntegrator;
import org.nabla4j.integrate.Quadrature;
import org.nabla4j.integrate.QuadratureResult;
import org.nabla4j.integrate.Simpson;

/**
 * Tour section 6: definite integrals, the area under a curve (the seed article's section 2.3), by Simpson's rule and
 * Gauss–Legendre quadrature, compared with exact values.
 *
 * <p>Composite Simpson with {@code m} panels uses {@code 2m + 1} equally spaced points and has error {@code O(h⁴)};
 * the {@code n}-point Gauss–Legendre rule places its nodes at the roots of the Legendre polynomial {@code P_n} and is
 * exact for polynomials up to degree {@code 2n − 1}, so for smooth integrands it converges faster than any power of
 * {@code n}. Adaptive integrators refine where the error estimate is large and stop at a tolerance; the default one
 * ({@link Quadrature#integrate}) also handles infinite ranges and endpoint singularities, where fixed rules converge
 * slowly or fail.
 *
 * <p>Finally an integral of a parameter is differentiated ({@link DifferentiableQuadrature}): the integrand is a
 * tensor program evaluated on all nodes of the quadrature formula at once on the backend and recorded on a tape, so
 * autodiff gives the derivative of {@code I(a) = ∫_0^1 e^{−a x²} dx}, {@code I'(a) = −∫_0^1 x² e^{−a x²} dx}, which
 * at {@code a = 1} is {@code 1/(2e) − (√π/4) erf(1)}; once with a fixed Gauss–Legendre rule and once with adaptive
 * Gauss–Kronrod nodes.
 */
public final class DefiniteIntegrals {
    /** {@code erf(1)}, to double precision. */
    public static final double ERF_1 = 0.8427007929497149;
    /** {@code ∫_0^1 e^{−x²} dx = (√π/2) erf(1)}. */
    public static final double GAUSSIAN_ON_UNIT = 0.5 * Math.sqrt(Math.PI) * ERF_1;
    /** The tolerance of the adaptive methods (absolute and relative). */
    public static final double TOLERANCE = 1e-10;
    /** The order of the differentiated Gauss–Legendre rule. */
    public static final int DIFFERENTIATED_ORDER = 20;

    /** The integral of {@code sin} over {@code [0, π]}. */
    public static final String SINE = "int_0^pi sin x dx = 2";
    /** The integral of {@code e^{−x²}} over {@code [0, 1]}. */
    public static final String GAUSSIAN = "int_0^1 exp(-x^2) dx = sqrt(pi)/2 erf(1)";
    /** The integral of the unnormalized normal density over the real line. */
    public static final String NORMAL = "int_-inf^inf exp(-x^2/2) dx = sqrt(2 pi)";
    /** The integral of {@code 1/√x} over {@code [0, 1]}: a singularity at 0. */
    public static final String SINGULAR = "int_0^1 1/sqrt(x) dx = 2";

    /** Composite Simpson with 10 panels. */
    public static final String SIMPSON_10 = "Simpson, 10 panels";
    /** Composite Simpson with 100 panels. */
    public static final String SIMPSON_100 = "Simpson, 100 panels";
    /** Adaptive Simpson to {@link #TOLERANCE}. */
    public static final String SIMPSON_ADAPTIVE = "adaptive Simpson, tol 1e-10";
    /** Gauss–Legendre with 5 nodes. */
    public static final String GAUSS_5 = "Gauss-Legendre n = 5";
    /** Gauss–Legendre with 10 nodes. */
    public static final String GAUSS_10 = "Gauss-Legendre n = 10";
    /** Gauss–Legendre with 100 nodes. */
    public static final String GAUSS_100 = "Gauss-Legendre n = 100";
    /** Gauss–Legendre with {@link #DIFFERENTIATED_ORDER} nodes, differentiated. */
    public static final String GAUSS_20 = "Gauss-Legendre n = 20";
    /** Adaptive Gauss–Kronrod without extrapolation to {@link #TOLERANCE}, differentiated. */
    public static final String GAUSS_KRONROD = "adaptive Gauss-Kronrod, tol 1e-10";
    /** The default adaptive integrator to {@link #TOLERANCE}. */
    public static final String ADAPTIVE = "Quadrature.integrate, tol 1e-10";

    private DefiniteIntegrals() {}

    /**
     * One integral computed by one method.
     *
     * @param integral the integral, e.g. {@code "∫_0^π sin x dx"}
     * @param method the method
     * @param exact the exact value
     * @param result what the integrator returned
     */
    public record Row(String integral, String method, double exact, QuadratureResult result) {
        /** {@code |value − exact|}. */
        public double trueError() {
            return Math.abs(result.value() - exact);
        }
    }

    /**
     * A differentiated integral {@code I(a) = ∫_0^1 e^{−a x²} dx} at {@code a = 1}.
     *
     * @param method the method that chose the nodes
     * @param value {@code I(1)}
     * @param derivative {@code I'(1)} from the tape
     * @param diagnostics the integration that chose the nodes
     */
    public record Derivative(String method, double value, double derivative, QuadratureResult diagnostics) {}

    /**
     * The key numbers of the section.
     *
     * @param rows every integral by every method, in printing order
     * @param parametric {@code I(1)} and {@code I'(1)} by the Gauss–Legendre rule and by adaptive Gauss–Kronrod
     * @param exactDerivative {@code I'(1)} in closed form
     */
    public record Result(List<Row> rows, List<Derivative> parametric, double exactDerivative) {
        /** The row of the given integral and method. */
        public Row row(String integral, String method) {
            for (Row r : rows) {
                if (r.integral().equals(integral) && r.method().equals(method)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no row for " + integral + " by " + method);
        }
    }

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend of the differentiated integrals
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 6, "Definite integrals: Simpson and Gauss-Legendre vs exact values");
        List<Row> rows = new ArrayList<>();
        smooth(rows, SINE, Math::sin, 0, Math.PI, 2.0);
        smooth(rows, GAUSSIAN, x -> Math.exp(-x * x), 0, 1, GAUSSIAN_ON_UNIT);
        rows.add(new Row(
                NORMAL,
                ADAPTIVE,
                Math.sqrt(2 * Math.PI),
                Quadrature.integrate(
                        x -> Math.exp(-0.5 * x * x),
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        TOLERANCE,
                        TOLERANCE)));
        DoubleUnaryOperator rsqrt = x -> 1 / Math.sqrt(x);
        rows.add(new Row(SINGULAR, SIMPSON_100, 2, Simpson.composite(rsqrt, 0, 1, 100)));
        rows.add(new Row(SINGULAR, GAUSS_10, 2, Quadrature.gaussLegendre(rsqrt, 0, 1, 10)));
        rows.add(new Row(SINGULAR, GAUSS_100, 2, Quadrature.gaussLegendre(rsqrt, 0, 1, 100)));
        rows.add(new Row(SINGULAR, ADAPTIVE, 2, Quadrature.integrate(rsqrt, 0, 1, TOLERANCE, TOLERANCE)));

        String current = null;
        for (Row r : rows) {
            if (!r.integral().equals(current)) {
                current = r.integral();
                Report.subheading(out, current + Report.format(" = %.16f", r.exact()));
                out.println("    method                               value         est. error   true error   evals"
                        + "  status");
            }
            QuadratureResult q = r.result();
            String estimate = Double.isNaN(q.errorEstimate()) ? "       n/a" : Report.sci(q.errorEstimate());
            String value = Double.isNaN(q.value()) ? "               NaN" : Report.format("%18.15f", q.value());
            Report.printf(
                    out,
                    "    %-31s %s  %10s  %10s  %6d  %s%n",
                    r.method(),
                    value,
                    estimate,
                    Double.isNaN(q.value()) ? "       n/a" : Report.sci(r.trueError()),
                    q.evaluations(),
                    q.status());
        }
        out.println("  Gauss-Legendre rules give no error estimate (n/a); a singular endpoint defeats fixed rules,"
                + " while the");
        out.println("  adaptive integrator extrapolates its way to the tolerance. Simpson cannot even start at a"
                + " point where f is infinite.");

        Report.subheading(out, "differentiating an integral of a parameter: I(a) = int_0^1 exp(-a x^2) dx");
        double exactDerivative = 1 / (2 * Math.E) - 0.5 * GAUSSIAN_ON_UNIT;
        GaussKronrodIntegrator gaussKronrod =
                Quadrature.defaultIntegrator().withExtrapolation(false).withTolerance(TOLERANCE, TOLERANCE);
        List<Derivative> parametric = List.of(
                differentiate(
                        backend,
                        GAUSS_20,
                        (tape, f) -> DifferentiableQuadrature.gaussLegendre(
                                tape, f, 0, 1, DIFFERENTIATED_ORDER, backend, DType.FLOAT64)),
                differentiate(
                        backend,
                        GAUSS_KRONROD,
                        (tape, f) -> DifferentiableQuadrature.integrate(
                                tape, f, 0, 1, gaussKronrod, backend, DType.FLOAT64)));
        Report.printf(
                out,
                "    exact: I(1) = %.16f   I'(1) = 1/(2e) - sqrt(pi)/4 erf(1) = %.16f%n",
                GAUSSIAN_ON_UNIT,
                exactDerivative);
        for (Derivative d : parametric) {
            Report.printf(
                    out,
                    "    %-34s I(1) |err| %s   I'(1) = %.16f |err| %s   %d evals, %s%n",
                    d.method(),
                    Report.sci(Math.abs(d.value() - GAUSSIAN_ON_UNIT)),
                    d.derivative(),
                    Report.sci(Math.abs(d.derivative() - exactDerivative)),
                    d.diagnostics().evaluations(),
                    d.diagnostics().status());
        }
        Report.printf(
                out,
                "  the integrand runs as one tensor program over all nodes on %s; the tape differentiates"
                        + " the formula sum_i w_i f(x_i; a).%n",
                backend.name());
        return new Result(List.copyOf(rows), parametric, exactDerivative);
    }

    /**
     * Integrates {@code e^{−a x²}} with a watched {@code a = 1} on a fresh tape and differentiates the result.
     *
     * @param integrate applies a differentiable integrator to the tape and the integrand
     */
    private static Derivative differentiate(
            Backend backend,
            String method,
            BiFunction<GradientTape, Function<Var, Var>, DifferentiableIntegral> integrate) {
        try (TensorScope scope = TensorScope.open();
                GradientTape tape = new GradientTape()) {
            Var a = tape.watch(backend.scalar(1.0));
            DifferentiableIntegral integral =
                    integrate.apply(tape, x -> x.square().mul(a).neg().exp());
            double value = integral.value().item();
            double derivative = tape.gradient(integral.value(), a).item();
            return new Derivative(method, value, derivative, integral.diagnostics());
        }
    }

    private static void smooth(List<Row> rows, String name, DoubleUnaryOperator f, double a, double b, double exact) {
        rows.add(new Row(name, SIMPSON_10, exact, Simpson.composite(f, a, b, 10)));
        rows.add(new Row(name, SIMPSON_100, exact, Simpson.composite(f, a, b, 100)));
        rows.add(new Row(name, SIMPSON_ADAPTIVE, exact, Simpson.adaptive(f, a, b, TOLERANCE, TOLERANCE)));
        rows.add(new Row(name, GAUSS_5, exact, Quadrature.gaussLegendre(f, a, b, 5)));
        rows.add(new Row(name, GAUSS_10, exact, Quadrature.gaussLegendre(f, a, b, 10)));
        rows.add(new Row(name, ADAPTIVE, exact, Quadrature.integrate(f, a, b, TOLERANCE, TOLERANCE)));
    }
}
