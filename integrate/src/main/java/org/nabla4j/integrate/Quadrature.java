package org.nabla4j.integrate;

import java.util.function.DoubleUnaryOperator;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.integrate.gauss.GaussHermite;
import org.nabla4j.integrate.gauss.GaussKronrodRule;
import org.nabla4j.integrate.gauss.GaussLaguerre;
import org.nabla4j.integrate.gauss.GaussLegendre;
import org.nabla4j.integrate.gauss.QuadratureRule;

/**
 * Entry point for one-dimensional integration: {@code Quadrature.integrate(f, a, b)} for a default that works on
 * smooth integrands, endpoint singularities and infinite ranges alike, and fixed Gauss rules for when the number of
 * evaluations is decided in advance.
 *
 * <p>The default method was chosen by measurement on a classic test set ({@code x⁵ - 2x³ + x}, {@code eˣ},
 * {@code 1/(1 + 25x²)}, {@code x^{-1/2}}, {@code e^{-x²}} on the whole line, {@code sin²(50x)},
 * {@code x^{2.6} ln(1/x)}) at relative tolerance 1e-10, where it needs 819 evaluations against 1230 for QUADPACK's
 * QAGS/QAGI, and fewer on every single case:
 *
 * <ul>
 *   <li>finite range: {@link GaussKronrodIntegrator} with the G7–K15 pair and Wynn-epsilon extrapolation, the
 *       strategy of QUADPACK's QAGS. A smooth integrand usually converges after 15 evaluations, and endpoint
 *       singularities are handled by extrapolation;
 *   <li>infinite or semi-infinite range: {@link TanhSinhIntegrator} (sinh-sinh or exp-sinh), which integrates
 *       decaying integrands in few evaluations, with at most {@value #INFINITE_RANGE_FIRST_TRY} evaluations (or half
 *       the limit); if it does not converge, the G7–K15 integrator on the mapped range (QUADPACK's QAGI strategy)
 *       takes over with the remaining evaluations. The reported count includes both attempts.
 * </ul>
 *
 * <p>Oscillatory integrands on {@code [a, ∞)} such as {@code sin(x)/x}, which are not absolutely integrable, defeat
 * any method that treats the range as a whole; {@link #fourier} takes the oscillation {@code sin(ωx)} or
 * {@code cos(ωx)} apart from the factor and integrates half-period by half-period with extrapolation.
 *
 * <p>Integrands may also be batched ({@link #integrateBatched}, {@link #gaussLegendreBatched}: a {@link BatchIntegrand}
 * maps a tensor of nodes to a tensor of values, evaluated once per rule application), or differentiable with respect
 * to parameters on a gradient tape ({@link DifferentiableQuadrature}).
 */
public final class Quadrature {
    /** Absolute tolerance used when none is given. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-12;
    /** Relative tolerance used when none is given. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;
    /** Evaluation limit used when none is given. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100_000;
    /** Most evaluations the default method spends on double-exponential quadrature over an infinite range. */
    public static final int INFINITE_RANGE_FIRST_TRY = 600;

    private static final double[] NO_BREAK_POINTS = {};

    private Quadrature() {}

    /**
     * Integrates {@code f} from {@code a} to {@code b} with the default tolerances
     * ({@link #DEFAULT_ABSOLUTE_TOLERANCE}, {@link #DEFAULT_RELATIVE_TOLERANCE}).
     *
     * @param f the integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult integrate(DoubleUnaryOperator f, double a, double b) {
        return integrate(f, a, b, DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b} until the estimated error is at most
     * {@code max(absTol, relTol · |I|)}, with at most {@link #DEFAULT_MAX_EVALUATIONS} evaluations.
     *
     * @param f the integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if a limit is NaN or the tolerances are invalid
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult integrate(DoubleUnaryOperator f, double a, double b, double absTol, double relTol) {
        return integrate(f, a, b, absTol, relTol, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b} with the given tolerances and evaluation limit.
     *
     * @param f the integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least 15; never exceeded
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if a limit is NaN, the tolerances are invalid or the limit is below 15
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult integrate(
            DoubleUnaryOperator f, double a, double b, double absTol, double relTol, int maxEvaluations) {
        String method = "Quadrature.integrate";
        QuadratureArguments.requireFunction(method, f);
        return integrate(method, Integrand.of(f), a, b, absTol, relTol, maxEvaluations);
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with the default method, tolerances and evaluation
     * limit, and nodes of {@link DType#FLOAT64} on {@link Backends#defaultBackend()}. Value, error estimate, status and
     * evaluation count are those of {@link #integrate(DoubleUnaryOperator, double, double)} for the same integrand;
     * {@code f} is called once per rule application (Gauss–Kronrod) or level (double-exponential quadrature).
     *
     * @param f the batched integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult integrateBatched(BatchIntegrand f, double a, double b) {
        String method = "Quadrature.integrateBatched";
        return integrate(
                method,
                TensorIntegrand.ofDefault(method, f),
                a,
                b,
                DEFAULT_ABSOLUTE_TOLERANCE,
                DEFAULT_RELATIVE_TOLERANCE,
                DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with the default method, the given tolerances and
     * evaluation limit, and node tensors on the given backend and dtype; see
     * {@link #integrateBatched(BatchIntegrand, double, double)} and
     * {@link #integrate(DoubleUnaryOperator, double, double, double, double, int)}. With {@link DType#FLOAT32} ask for
     * tolerances that single precision can meet (relative {@code 1e-5}, say).
     *
     * @param f the batched integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least 15; never exceeded
     * @param backend the backend that creates the node tensors
     * @param dtype the dtype of the node tensors
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if a limit is NaN, the tolerances are invalid, the limit is below 15, or
     *     {@code backend} or {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult integrateBatched(
            BatchIntegrand f,
            double a,
            double b,
            double absTol,
            double relTol,
            int maxEvaluations,
            Backend backend,
            DType dtype) {
        String method = "Quadrature.integrateBatched";
        return integrate(method, TensorIntegrand.of(method, f, backend, dtype), a, b, absTol, relTol, maxEvaluations);
    }

    private static QuadratureResult integrate(
            String method, Integrand f, double a, double b, double absTol, double relTol, int maxEvaluations) {
        QuadratureArguments.requireLimits(method, a, b);
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        Checks.atLeast(maxEvaluations, GaussKronrodRule.G7_K15.size(), method, "maxEvaluations");
        GaussKronrodIntegrator gaussKronrod =
                defaultIntegrator().withTolerance(absTol, relTol).withMaxEvaluations(maxEvaluations);
        boolean infinite = Double.isInfinite(a) || Double.isInfinite(b);
        int firstTry = Math.min(INFINITE_RANGE_FIRST_TRY, maxEvaluations / 2);
        if (!infinite || a == b || firstTry < TanhSinhIntegrator.MIN_EVALUATIONS) {
            return gaussKronrod.integrate(method, f, a, b, NO_BREAK_POINTS);
        }
        QuadratureResult doubleExponential = TanhSinhIntegrator.create()
                .withTolerance(absTol, relTol)
                .withMaxEvaluations(firstTry)
                .integrate(method, f, a, b);
        // A non-finite value or terms that do not decay at infinity would defeat the fallback as well.
        if (doubleExponential.isConverged()
                || doubleExponential.status() == QuadratureStatus.NON_FINITE_INTEGRAND
                || doubleExponential.status() == QuadratureStatus.DIVERGENCE_SUSPECTED) {
            return doubleExponential;
        }
        int remaining = (int) (maxEvaluations - doubleExponential.evaluations());
        if (remaining < GaussKronrodRule.G7_K15.size()) {
            return doubleExponential;
        }
        QuadratureResult fallback =
                gaussKronrod.withMaxEvaluations(remaining).integrate(method, f, a, b, NO_BREAK_POINTS);
        long total = doubleExponential.evaluations() + fallback.evaluations();
        QuadratureResult better =
                fallback.isConverged() || !(doubleExponential.errorEstimate() < fallback.errorEstimate())
                        ? fallback
                        : doubleExponential;
        return new QuadratureResult(
                better.value(),
                better.errorEstimate(),
                total,
                better.subintervals(),
                better.status(),
                "double-exponential quadrature ended with " + doubleExponential.status()
                        + " after " + doubleExponential.evaluations() + " evaluations; "
                        + (better == fallback
                                ? "Gauss-Kronrod: "
                                : "kept it; Gauss-Kronrod ended with " + fallback.status() + ": ")
                        + better.message());
    }

    /**
     * The Fourier integral {@code ∫_a^∞ f(x) sin(ωx) dx} or {@code ∫_a^∞ f(x) cos(ωx) dx} with the default
     * tolerances and evaluation limit; see {@link #fourier(DoubleUnaryOperator, double, double, Oscillation, double,
     * double, int)}.
     *
     * @param f the non-oscillating factor, decaying to 0 as {@code x → ∞}; never called at {@code a}
     * @param a lower limit, finite
     * @param omega angular frequency {@code ω}, finite; negative values are allowed
     * @param weight {@link Oscillation#SIN} or {@link Oscillation#COS}
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if {@code a} or {@code omega} is NaN or infinite, or an argument is null
     */
    public static QuadratureResult fourier(DoubleUnaryOperator f, double a, double omega, Oscillation weight) {
        return fourier(
                f, a, omega, weight, DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * The Fourier integral {@code ∫_a^∞ f(x) w(ωx) dx} with {@code w = sin} or {@code cos}, for a factor {@code f}
     * that decays to 0, however slowly: {@code ∫_0^∞ sin(x)/x dx = π/2} converges although {@code sin(x)/x} is not
     * absolutely integrable, and {@link #integrate} (which treats the range as a whole) reports
     * {@link QuadratureStatus#DIVERGENCE_SUSPECTED} on it.
     *
     * <p>The method is that of QUADPACK's QAWF. The range is cut at the zeros of {@code w(ωx)} beyond {@code a}, into
     * half-periods of length {@code π/|ω|}; the integral over each is computed by adaptive G7–K15 Gauss–Kronrod
     * quadrature with extrapolation (so an integrable singularity of {@code f} at {@code a} is fine); the absolute
     * tolerance of the {@code k}-th piece shrinks like {@code 0.9^k}. The partial sums alternate around the limit
     * and are extrapolated by Wynn's epsilon algorithm. The result is converged when the extrapolation's error
     * estimate plus the pieces' error estimates is at most {@code max(absTol, relTol · |I|)}; after
     * {@value FourierIntegral#MAX_CYCLES} half-periods without that the status is
     * {@link QuadratureStatus#DIVERGENCE_SUSPECTED}, and the best estimate found is returned. The subinterval count
     * of the result is the number of half-periods used.
     *
     * <p>With {@code ω = 0} the sine integral is 0 and the cosine integral is {@code ∫_a^∞ f}, computed by
     * {@link #integrate}.
     *
     * @param f the non-oscillating factor, decaying to 0 as {@code x → ∞}; never called at {@code a}
     * @param a lower limit, finite
     * @param omega angular frequency {@code ω}, finite; negative values are allowed
     * @param weight {@link Oscillation#SIN} or {@link Oscillation#COS}
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @param maxEvaluations evaluation limit, at least 15; never exceeded
     * @return the value with its error estimate; check {@link QuadratureResult#isConverged()}
     * @throws InvalidArgumentException if {@code a} or {@code omega} is NaN or infinite, an argument is null, the
     *     tolerances are invalid or the limit is below 15
     */
    public static QuadratureResult fourier(
            DoubleUnaryOperator f,
            double a,
            double omega,
            Oscillation weight,
            double absTol,
            double relTol,
            int maxEvaluations) {
        String method = "Quadrature.fourier";
        QuadratureArguments.requireFunction(method, f);
        Checks.notNull(weight, method, "weight");
        if (!Double.isFinite(a)) {
            throw new InvalidArgumentException(method + ": lower limit a must be finite, got " + a);
        }
        if (!Double.isFinite(omega)) {
            throw new InvalidArgumentException(method + ": frequency omega must be finite, got " + omega);
        }
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        Checks.atLeast(maxEvaluations, GaussKronrodRule.G7_K15.size(), method, "maxEvaluations");
        return FourierIntegral.integrate(method, f, a, omega, weight, absTol, relTol, maxEvaluations);
    }

    /**
     * Returns the integrator that {@link #integrate} uses on finite ranges (and as the fallback on infinite ones):
     * G7–K15 adaptive Gauss–Kronrod with extrapolation, default tolerances and evaluation limit. Configure a copy with
     * its {@code with...} methods.
     *
     * @return the default integrator
     */
    public static GaussKronrodIntegrator defaultIntegrator() {
        return DefaultHolder.INSTANCE;
    }

    private static final class DefaultHolder {
        static final GaussKronrodIntegrator INSTANCE =
                GaussKronrodIntegrator.create().withRule(GaussKronrodRule.G7_K15);
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule on {@code [a, b]}: {@code n} evaluations, exact for
     * polynomials of degree at most {@code 2n - 1}. The status is {@link QuadratureStatus#FIXED_RULE} and the error
     * estimate NaN, since a single rule offers none; use {@link #integrate} for a guaranteed tolerance.
     *
     * @param f the integrand
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @return the result
     * @throws InvalidArgumentException if a limit is NaN or infinite, or {@code n < 1}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLegendre(DoubleUnaryOperator f, double a, double b, int n) {
        String method = "Quadrature.gaussLegendre";
        QuadratureArguments.requireFunction(method, f);
        return gaussLegendre(method, Integrand.of(f), a, b, n);
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule on {@code [a, b]} to a batched integrand, with one call of
     * {@code f} on all {@code n} nodes, as a 1-D tensor of {@link DType#FLOAT64} on {@link Backends#defaultBackend()}.
     * The result is that of {@link #gaussLegendre(DoubleUnaryOperator, double, double, int)} for the same values.
     *
     * @param f the batched integrand
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if a limit is NaN or infinite, or {@code n < 1}
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from {@code [n]}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLegendreBatched(BatchIntegrand f, double a, double b, int n) {
        String method = "Quadrature.gaussLegendreBatched";
        return gaussLegendre(method, TensorIntegrand.ofDefault(method, f), a, b, n);
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule on {@code [a, b]} to a batched integrand, with one call of
     * {@code f} on all {@code n} nodes as a 1-D tensor on the given backend and dtype; see
     * {@link #gaussLegendreBatched(BatchIntegrand, double, double, int)}. FLOAT32 nodes are the double-precision
     * nodes rounded to {@code float}; the weights stay in double precision.
     *
     * @param f the batched integrand
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @param backend the backend that creates the node tensor
     * @param dtype the dtype of the node tensor
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if a limit is NaN or infinite, {@code n < 1}, or {@code backend} or
     *     {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from {@code [n]}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLegendreBatched(
            BatchIntegrand f, double a, double b, int n, Backend backend, DType dtype) {
        String method = "Quadrature.gaussLegendreBatched";
        return gaussLegendre(method, TensorIntegrand.of(method, f, backend, dtype), a, b, n);
    }

    private static QuadratureResult gaussLegendre(String method, Integrand f, double a, double b, int n) {
        QuadratureArguments.requireFiniteLimits(method, a, b);
        Checks.atLeast(n, 1, method, "n");
        if (a == b) {
            return QuadratureResult.empty();
        }
        QuadratureRule rule = GaussLegendre.rule(n);
        double centre = 0.5 * a + 0.5 * b;
        double half = 0.5 * b - 0.5 * a;
        return sum(rule, f, half, "Gauss-Legendre rule, n = " + n, centre, half);
    }

    /**
     * Applies the {@code n}-point Gauss–Hermite rule: approximates {@code ∫_{-∞}^{∞} e^{-x²} f(x) dx} (the weight is
     * not part of {@code f}), exactly when {@code f} is a polynomial of degree at most {@code 2n - 1}.
     *
     * @param f the integrand without the weight {@code e^{-x²}}
     * @param n number of nodes, at least 1
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if {@code n < 1}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussHermite(DoubleUnaryOperator f, int n) {
        String method = "Quadrature.gaussHermite";
        QuadratureArguments.requireFunction(method, f);
        Checks.atLeast(n, 1, method, "n");
        return sum(GaussHermite.rule(n), Integrand.of(f), 1.0, "Gauss-Hermite rule, n = " + n, 0.0, 1.0);
    }

    /**
     * Applies the {@code n}-point Gauss–Laguerre rule: approximates {@code ∫_0^∞ e^{-x} f(x) dx}, exactly when
     * {@code f} is a polynomial of degree at most {@code 2n - 1}.
     *
     * @param f the integrand without the weight {@code e^{-x}}
     * @param n number of nodes, at least 1
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if {@code n < 1}
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLaguerre(DoubleUnaryOperator f, int n) {
        return gaussLaguerre(f, n, 0.0);
    }

    /**
     * Applies the {@code n}-point generalized Gauss–Laguerre rule: approximates {@code ∫_0^∞ x^α e^{-x} f(x) dx},
     * exactly when {@code f} is a polynomial of degree at most {@code 2n - 1}.
     *
     * @param f the integrand without the weight {@code x^α e^{-x}}
     * @param n number of nodes, at least 1
     * @param alpha exponent of the weight, finite and greater than -1
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if {@code n < 1} or {@code alpha} is invalid
     * @throws InvalidArgumentException if {@code f} is null
     */
    public static QuadratureResult gaussLaguerre(DoubleUnaryOperator f, int n, double alpha) {
        String method = "Quadrature.gaussLaguerre";
        QuadratureArguments.requireFunction(method, f);
        Checks.atLeast(n, 1, method, "n");
        return sum(
                GaussLaguerre.rule(n, alpha),
                Integrand.of(f),
                1.0,
                "Gauss-Laguerre rule, n = " + n + ", alpha = " + alpha,
                0.0,
                1.0);
    }

    /**
     * Applies a rule as it is: {@code Σ w_i f(x_i)} over its nodes, with compensated summation.
     *
     * @param rule the rule
     * @param f the integrand, evaluated at the rule's nodes
     * @return the result, status {@link QuadratureStatus#FIXED_RULE}, error estimate NaN
     * @throws InvalidArgumentException if an argument is null
     */
    public static QuadratureResult apply(QuadratureRule rule, DoubleUnaryOperator f) {
        Checks.notNull(rule, "Quadrature", "rule");
        QuadratureArguments.requireFunction("Quadrature.apply", f);
        return sum(rule, Integrand.of(f), 1.0, "rule with " + rule.size() + " nodes", 0.0, 1.0);
    }

    /**
     * scale · Σ w_i f(centre + half · x_i) over the rule's nodes x_i, with one evaluation of f on all points and
     * compensated summation; the first non-finite value, in node order, is reported with its point.
     */
    private static QuadratureResult sum(
            QuadratureRule rule, Integrand f, double scale, String description, double centre, double half) {
        int n = rule.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = centre + half * rule.node(i);
        }
        double[] y = new double[n];
        f.evaluate(x, n, y);
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                return new QuadratureResult(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        n,
                        1,
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        "integrand returned " + y[i] + " at x = " + x[i] + "; no finite estimate was formed");
            }
            double term = rule.weight(i) * y[i];
            double t = s + term;
            c += Math.abs(s) >= Math.abs(term) ? (s - t) + term : (term - t) + s;
            s = t;
        }
        return new QuadratureResult(scale * (s + c), Double.NaN, n, 1, QuadratureStatus.FIXED_RULE, description);
    }
}
