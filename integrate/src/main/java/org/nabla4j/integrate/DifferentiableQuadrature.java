package org.nabla4j.integrate;

import java.util.function.Function;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.TapeException;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.integrate.gauss.GaussLegendre;
import org.nabla4j.integrate.gauss.QuadratureRule;

/**
 * Integrals of integrands that depend on parameters recorded on a {@link GradientTape}, so that the gradient of
 * {@code I(θ) = ∫_a^b f(x; θ) dx} with respect to {@code θ} comes from the tape:
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     Var theta = tape.watch(backend.scalar(2.0));
 *     DifferentiableIntegral integral =
 *             DifferentiableQuadrature.integrate(tape, x -> x.mul(theta).exp(), 0.0, 1.0);   // ∫_0^1 e^{θx} dx
 *     Tensor dIdTheta = tape.gradient(integral.value(), theta);
 * }
 * }</pre>
 *
 * <p><b>The integrand.</b> {@code f} receives a 1-D {@code Var} of shape {@code [n]} holding nodes (a tape constant)
 * and returns a {@code Var} of the same shape with the integrand values, computed with {@code Var} operations from
 * the nodes and from watched parameters (or results of recorded operations on them) of the same tape. Any other shape
 * throws {@link ShapeMismatchException} naming both shapes; a {@code Var} of another tape throws
 * {@link TapeException}. The nodes are created on the backend and in the dtype given (by default
 * {@link DType#FLOAT64} on {@link Backends#defaultBackend()}), which must be those of the parameters.
 *
 * <p><b>Method.</b> The adaptive methods first integrate on detached values, exactly as
 * {@link GaussKronrodIntegrator#integrateBatched} or {@link TanhSinhIntegrator#integrateBatched} would, to choose the
 * nodes {@code x_i} and weights {@code w_i} of the final quadrature formula (the Kronrod nodes of the final partition,
 * or the nodes of the completed levels of the trapezoidal sum), and then apply {@code f} once more, on the tape, to
 * all these nodes and return {@code Σ w_i f(x_i; θ)} as a recorded dot product with a constant weight vector. The
 * choice of nodes is a non-differentiable, piecewise constant function of {@code θ}; for fixed nodes the formula is
 * differentiable. With {@code double} limits there is no gradient with respect to them; the overloads that take
 * the limits as rank-0 {@code Var}s (finite ranges, Gauss–Kronrod or Gauss–Legendre) differentiate them too, see
 * {@link #integrate(GradientTape, Function, Var, Var, double, double)}.
 * On an infinite range the nodes come from the variable transformation of the integrator, whose Jacobian does not
 * depend on {@code θ} and is folded into the constant weights.
 *
 * <p><b>Accuracy.</b> The {@linkplain DifferentiableIntegral#diagnostics() diagnostics} describe the value: the
 * error estimate and the tolerances refer to {@code I(θ)}, not to its gradient. The gradient is the exact derivative
 * of the discretized integral, {@code Σ w_i ∂f(x_i; θ)/∂θ}: the same quadrature formula applied to {@code ∂f/∂θ}. It
 * therefore converges to {@code dI/dθ} as the formula is refined, and is about as accurate as the value when
 * {@code ∂f/∂θ} is as smooth as {@code f} (it usually is: {@code ∂/∂θ e^{θx} = x e^{θx}}). When the derivative is
 * rougher than the integrand (it grows a singularity at an endpoint, for instance {@code ∂/∂θ x^θ = x^θ ln x}),
 * request a tighter tolerance than the gradient needs, or check it against a second tolerance.
 *
 * <p><b>Cost and memory.</b> The adaptive methods apply {@code f} on the tape once per rule application (Gauss–Kronrod)
 * or level (double-exponential) while searching, and once on all final nodes. The searching applications are recorded
 * too but take no part in the result's graph; the tensors created during each of them are closed as soon as its
 * values are read, so {@code f} must not keep tensors it creates. The final nodes, weights and values are owned by the
 * tape and closed with it.
 *
 * <p><b>Why Gauss–Kronrod without extrapolation.</b> With Wynn-epsilon extrapolation the value of
 * {@link GaussKronrodIntegrator} is extrapolated from a sequence of partitions and is not a quadrature formula, so
 * the Gauss–Kronrod methods here require extrapolation to be disabled (QUADPACK's QAG). For endpoint singularities use
 * the double-exponential method, whose value is a quadrature formula.
 */
public final class DifferentiableQuadrature {
    private DifferentiableQuadrature() {}

    /**
     * Integrates {@code f} from {@code a} to {@code b} on the tape with the default tolerances
     * ({@link Quadrature#DEFAULT_ABSOLUTE_TOLERANCE}, {@link Quadrature#DEFAULT_RELATIVE_TOLERANCE}); see
     * {@link #integrate(GradientTape, Function, double, double, double, double)}.
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @return the integral as a differentiable {@code Var} with the diagnostics of the integration
     * @throws InvalidArgumentException if a limit is NaN
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape} or {@code f} is null
     */
    public static DifferentiableIntegral integrate(GradientTape tape, Function<Var, Var> f, double a, double b) {
        return integrate(tape, f, a, b, Quadrature.DEFAULT_ABSOLUTE_TOLERANCE, Quadrature.DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b} on the tape until the estimated error of the value is at most
     * {@code max(absTol, relTol · |I|)}, with nodes of {@link DType#FLOAT64} on {@link Backends#defaultBackend()}
     * and at most {@link Quadrature#DEFAULT_MAX_EVALUATIONS} evaluations in the search. A finite range uses adaptive
     * G7–K15 Gauss–Kronrod integration without extrapolation; an infinite or semi-infinite one uses double-exponential
     * quadrature (sinh-sinh or exp-sinh), which needs an integrand that decays smoothly; for one that does not (a
     * kink, slowly decaying oscillations) the status says so, and
     * {@link #integrate(GradientTape, Function, double, double, GaussKronrodIntegrator, Backend, DType)} applies
     * Gauss–Kronrod to the mapped range instead.
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit, may be {@code -∞}
     * @param b upper limit, may be {@code +∞}; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance for the value, at least 0
     * @param relTol relative tolerance for the value, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the integral as a differentiable {@code Var} with the diagnostics of the integration
     * @throws InvalidArgumentException if a limit is NaN or the tolerances are invalid
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape} or {@code f} is null
     */
    public static DifferentiableIntegral integrate(
            GradientTape tape, Function<Var, Var> f, double a, double b, double absTol, double relTol) {
        String method = "DifferentiableQuadrature.integrate";
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        Backend backend = Backends.defaultBackend();
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            TanhSinhIntegrator integrator = TanhSinhIntegrator.create().withTolerance(absTol, relTol);
            return integrate(
                    method,
                    tape,
                    f,
                    a,
                    b,
                    backend,
                    DType.FLOAT64,
                    integrand -> integrator.discretize(method, integrand, a, b));
        }
        GaussKronrodIntegrator integrator =
                Quadrature.defaultIntegrator().withExtrapolation(false).withTolerance(absTol, relTol);
        return integrate(
                method,
                tape,
                f,
                a,
                b,
                backend,
                DType.FLOAT64,
                integrand -> integrator.discretize(method, integrand, a, b));
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b} on the tape with a configured Gauss–Kronrod integrator (rule,
     * tolerances, evaluation limit), whose extrapolation must be disabled; either limit may be infinite (the range is
     * mapped as in {@link GaussKronrodIntegrator}).
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit, may be infinite
     * @param b upper limit, may be infinite; {@code a > b} gives {@code -∫_b^a f}
     * @param integrator the integrator that chooses the partition, with {@code withExtrapolation(false)}
     * @param backend the backend of the nodes, that of the parameters
     * @param dtype the dtype of the nodes, that of the parameters
     * @return the integral as a differentiable {@code Var} with the diagnostics of the integration
     * @throws InvalidArgumentException if a limit is NaN, the integrator extrapolates, or {@code backend} or
     *     {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape}, {@code f} or {@code integrator} is null
     */
    public static DifferentiableIntegral integrate(
            GradientTape tape,
            Function<Var, Var> f,
            double a,
            double b,
            GaussKronrodIntegrator integrator,
            Backend backend,
            DType dtype) {
        String method = "DifferentiableQuadrature.integrate";
        Checks.notNull(integrator, method, "integrator");
        if (integrator.extrapolation()) {
            throw new InvalidArgumentException(method + ": the Gauss-Kronrod integrator must not extrapolate, since an "
                    + "extrapolated value is not a quadrature formula that can be differentiated; configure it with "
                    + "withExtrapolation(false), or use a TanhSinhIntegrator for endpoint singularities");
        }
        return integrate(
                method, tape, f, a, b, backend, dtype, integrand -> integrator.discretize(method, integrand, a, b));
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b} on the tape with a configured double-exponential integrator
     * (tolerances, evaluation limit); either limit may be infinite. This is the method for integrable endpoint
     * singularities; the gradient is accurate when {@code ∂f/∂θ} is integrable with a similar singularity (see the
     * class comment).
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}; never called at a finite
     *     endpoint
     * @param a lower limit, may be infinite
     * @param b upper limit, may be infinite; {@code a > b} gives {@code -∫_b^a f}
     * @param integrator the integrator that chooses the nodes
     * @param backend the backend of the nodes, that of the parameters
     * @param dtype the dtype of the nodes, that of the parameters
     * @return the integral as a differentiable {@code Var} with the diagnostics of the integration
     * @throws InvalidArgumentException if a limit is NaN, or {@code backend} or {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape}, {@code f} or {@code integrator} is null
     */
    public static DifferentiableIntegral integrate(
            GradientTape tape,
            Function<Var, Var> f,
            double a,
            double b,
            TanhSinhIntegrator integrator,
            Backend backend,
            DType dtype) {
        String method = "DifferentiableQuadrature.integrate";
        Checks.notNull(integrator, method, "integrator");
        return integrate(
                method, tape, f, a, b, backend, dtype, integrand -> integrator.discretize(method, integrand, a, b));
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule on {@code [a, b]} on the tape, with nodes of
     * {@link DType#FLOAT64} on {@link Backends#defaultBackend()}: {@code f} is applied once, to all {@code n} nodes.
     * The diagnostics have status {@link QuadratureStatus#FIXED_RULE} and error estimate NaN, or
     * {@link QuadratureStatus#NON_FINITE_INTEGRAND} naming the first node with a non-finite value.
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @return the integral as a differentiable {@code Var} with the diagnostics
     * @throws InvalidArgumentException if a limit is NaN or infinite, or {@code n < 1}
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape} or {@code f} is null
     */
    public static DifferentiableIntegral gaussLegendre(
            GradientTape tape, Function<Var, Var> f, double a, double b, int n) {
        return gaussLegendre(tape, f, a, b, n, Backends.defaultBackend(), DType.FLOAT64);
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule on {@code [a, b]} on the tape, with nodes on the given backend
     * and dtype; see {@link #gaussLegendre(GradientTape, Function, double, double, int)}.
     *
     * @param tape the tape that records the integral
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit, finite
     * @param b upper limit, finite; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @param backend the backend of the nodes, that of the parameters
     * @param dtype the dtype of the nodes, that of the parameters
     * @return the integral as a differentiable {@code Var} with the diagnostics
     * @throws InvalidArgumentException if a limit is NaN or infinite, {@code n < 1}, or {@code backend} or
     *     {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed or {@code f} returns a {@code Var} of another tape
     * @throws InvalidArgumentException if {@code tape} or {@code f} is null
     */
    public static DifferentiableIntegral gaussLegendre(
            GradientTape tape, Function<Var, Var> f, double a, double b, int n, Backend backend, DType dtype) {
        String method = "DifferentiableQuadrature.gaussLegendre";
        requireTapeAndFunction(method, tape, f);
        QuadratureArguments.requireFiniteLimits(method, a, b);
        Checks.atLeast(n, 1, method, "n");
        Checks.notNull(backend, method, "backend");
        Checks.notNull(dtype, method, "dtype");
        String description = "Gauss-Legendre rule, n = " + n;
        if (a == b) {
            return new DifferentiableIntegral(zero(tape, backend, dtype), QuadratureResult.empty());
        }
        QuadratureRule rule = GaussLegendre.rule(n);
        double centre = 0.5 * a + 0.5 * b;
        double half = 0.5 * b - 0.5 * a;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = centre + half * rule.node(i);
            w[i] = half * rule.weight(i);
        }
        Var nodes = ownedConstant(tape, backend.of(dtype, x, n));
        Var values = apply(method, tape, f, nodes);
        Var value = ownedConstant(tape, backend.of(dtype, w, n)).matmul(values);
        double[] y = values.value().toDoubleArray();
        double[] evaluated = nodes.value().toDoubleArray();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                return new DifferentiableIntegral(
                        value,
                        new QuadratureResult(
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                n,
                                1,
                                QuadratureStatus.NON_FINITE_INTEGRAND,
                                "integrand returned " + y[i] + " at x = " + evaluated[i]
                                        + "; no finite estimate was formed"));
            }
        }
        return new DifferentiableIntegral(
                value, new QuadratureResult(value.item(), Double.NaN, n, 1, QuadratureStatus.FIXED_RULE, description));
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b}, where the limits are rank-0 {@code Var}s of the tape, with the
     * default tolerances; see {@link #integrate(GradientTape, Function, Var, Var, double, double)}.
     *
     * @param tape the tape that records the integral and holds {@code a} and {@code b}
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit: a rank-0 (or one-element) {@code Var} with a finite value
     * @param b upper limit: likewise; {@code a > b} gives {@code -∫_b^a f}
     * @return the integral as a {@code Var} differentiable in the parameters of {@code f} and in both limits
     * @throws InvalidArgumentException if a limit is null, has more than one element, or is not finite
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed, or a limit or {@code f}'s result is a {@code Var} of another tape
     */
    public static DifferentiableIntegral integrate(GradientTape tape, Function<Var, Var> f, Var a, Var b) {
        return integrate(tape, f, a, b, Quadrature.DEFAULT_ABSOLUTE_TOLERANCE, Quadrature.DEFAULT_RELATIVE_TOLERANCE);
    }

    /**
     * Integrates {@code f} over the finite range from {@code a} to {@code b}, where the limits are rank-0
     * {@code Var}s of the tape, so that the integral is differentiable in the limits as well as in the parameters of
     * {@code f}. The nodes and weights are chosen as in
     * {@link #integrate(GradientTape, Function, double, double, double, double)} (adaptive G7–K15 without
     * extrapolation, on the limits' values) and then written relative to the range, {@code x_i = a + (b − a) t_i}
     * and {@code w_i = (b − a) ω_i} with constant {@code t_i, ω_i}; the recorded value is
     * {@code (b − a) Σ ω_i f(a + (b − a) t_i; θ)}. Its derivative in {@code b} is the exact derivative of that
     * formula, {@code Σ ω_i [f(x_i) + (b − a) t_i f'(x_i)]}, which is the same rule applied to
     * {@code d/db [(b − a) f(a + (b − a) t)]} and converges to Leibniz's {@code f(b; θ)} as the rule does (likewise
     * {@code −f(a; θ)} for {@code a}); second derivatives come the same way. At {@code a = b} the one-point rule at
     * the midpoint is used: value 0, with first and second derivatives exact. The derivative in a limit needs
     * {@code f} smooth up to that endpoint: for an endpoint singularity use the {@code double} overloads.
     *
     * <p>The nodes are created on the limits' backend and in their dtype.
     *
     * @param tape the tape that records the integral and holds {@code a} and {@code b}
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit: a rank-0 (or one-element) {@code Var} with a finite value
     * @param b upper limit: likewise; {@code a > b} gives {@code -∫_b^a f}
     * @param absTol absolute tolerance for the value, at least 0
     * @param relTol relative tolerance for the value, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the integral as a {@code Var} differentiable in the parameters of {@code f} and in both limits
     * @throws InvalidArgumentException if a limit is null, has more than one element, or is not finite, or the
     *     tolerances are invalid
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed, or a limit or {@code f}'s result is a {@code Var} of another tape
     */
    public static DifferentiableIntegral integrate(
            GradientTape tape, Function<Var, Var> f, Var a, Var b, double absTol, double relTol) {
        String method = "DifferentiableQuadrature.integrate";
        QuadratureArguments.requireTolerances(method, absTol, relTol);
        double lo = limitValue(method, tape, a, "a");
        double hi = limitValue(method, tape, b, "b");
        requireTapeAndFunction(method, tape, f);
        Backend backend = a.value().backend();
        DType dtype = a.value().dtype();
        GaussKronrodIntegrator integrator =
                Quadrature.defaultIntegrator().withExtrapolation(false).withTolerance(absTol, relTol);
        Discretization formula = chooseFormula(
                method, tape, f, backend, dtype, integrand -> integrator.discretize(method, integrand, lo, hi));
        return relativeToLimits(method, tape, f, a, b, lo, hi, formula);
    }

    /**
     * Applies the {@code n}-point Gauss–Legendre rule from {@code a} to {@code b}, where the limits are rank-0
     * {@code Var}s of the tape, so that the integral is differentiable in the limits as well as in the parameters of
     * {@code f}: the recorded value is {@code (b − a)/2 Σ w_i f((a + b)/2 + (b − a)/2 ξ_i; θ)} for the rule's nodes
     * {@code ξ_i} and weights {@code w_i} on {@code [−1, 1]}. See
     * {@link #integrate(GradientTape, Function, Var, Var, double, double)} for the meaning of the limits' gradients.
     * The nodes are created on the limits' backend and in their dtype.
     *
     * @param tape the tape that records the integral and holds {@code a} and {@code b}
     * @param f the integrand: nodes of shape {@code [n]} to values of shape {@code [n]}
     * @param a lower limit: a rank-0 (or one-element) {@code Var} with a finite value
     * @param b upper limit: likewise; {@code a > b} gives {@code -∫_b^a f}
     * @param n number of nodes, at least 1
     * @return the integral as a {@code Var} differentiable in the parameters of {@code f} and in both limits
     * @throws InvalidArgumentException if a limit is null, has more than one element, or is not finite, or
     *     {@code n < 1}
     * @throws ShapeMismatchException if {@code f} returns values of another shape than the nodes
     * @throws TapeException if the tape is closed, or a limit or {@code f}'s result is a {@code Var} of another tape
     */
    public static DifferentiableIntegral gaussLegendre(GradientTape tape, Function<Var, Var> f, Var a, Var b, int n) {
        String method = "DifferentiableQuadrature.gaussLegendre";
        double lo = limitValue(method, tape, a, "a");
        double hi = limitValue(method, tape, b, "b");
        requireTapeAndFunction(method, tape, f);
        Checks.atLeast(n, 1, method, "n");
        QuadratureRule rule = GaussLegendre.rule(n);
        double[] t = new double[n];
        double[] omega = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.5 + 0.5 * rule.node(i);
            omega[i] = 0.5 * rule.weight(i);
        }
        Var integral = onReferenceRule(method, tape, f, a, b, t, omega);
        double value = integral.item();
        QuadratureResult diagnostics = Double.isFinite(value)
                ? new QuadratureResult(
                        value, Double.NaN, n, 1, QuadratureStatus.FIXED_RULE, "Gauss-Legendre rule, n = " + n)
                : new QuadratureResult(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        n,
                        1,
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        "integrand returned a non-finite value on [" + lo + ", " + hi
                                + "]; no finite estimate was formed");
        return new DifferentiableIntegral(integral, diagnostics);
    }

    /** The finite value of a rank-0 limit {@code Var} of {@code tape}. */
    private static double limitValue(String method, GradientTape tape, Var limit, String name) {
        Checks.notNull(limit, method, name);
        Checks.notNull(tape, method, "tape");
        if (limit.tape() != tape) {
            throw new TapeException(method + ": limit " + name + " belongs to another GradientTape (" + limit + ")");
        }
        if (limit.size() != 1) {
            throw new InvalidArgumentException(
                    method + ": limit " + name + " must be a rank-0 Var (one element), got shape " + limit.shape());
        }
        double v = limit.item();
        if (!Double.isFinite(v)) {
            throw new InvalidArgumentException(method + ": limit " + name + " must be finite to be differentiated, got "
                    + v + "; use the overloads with double limits for infinite ranges");
        }
        return v;
    }

    /**
     * Rewrites a formula on {@code [lo, hi]} relative to the range ({@code t_i = (x_i − lo)/(hi − lo)},
     * {@code ω_i = w_i/(hi − lo)}) and records it with the limit {@code Var}s.
     */
    private static DifferentiableIntegral relativeToLimits(
            String method,
            GradientTape tape,
            Function<Var, Var> f,
            Var a,
            Var b,
            double lo,
            double hi,
            Discretization formula) {
        double[] x = formula.nodes();
        double[] w = formula.weights();
        double[] t;
        double[] omega;
        if (lo == hi || x.length == 0) {
            // the midpoint rule: value 0, and d/db (b − a) f((a + b)/2) = f(a) at a = b, second derivative f'(a)
            t = new double[] {0.5};
            omega = new double[] {1.0};
        } else {
            double width = hi - lo;
            t = new double[x.length];
            omega = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                t[i] = (x[i] - lo) / width;
                omega[i] = w[i] / width;
            }
        }
        return new DifferentiableIntegral(onReferenceRule(method, tape, f, a, b, t, omega), formula.result());
    }

    /** Records {@code (b − a) Σ ω_i f(a + (b − a) t_i)}. */
    private static Var onReferenceRule(
            String method, GradientTape tape, Function<Var, Var> f, Var a, Var b, double[] t, double[] omega) {
        Backend backend = a.value().backend();
        DType dtype = a.value().dtype();
        int n = t.length;
        Var lo = a.reshape();
        Var width = b.reshape().sub(lo);
        Var nodes = lo.add(width.mul(ownedConstant(tape, backend.of(dtype, t, n))));
        Var values = apply(method, tape, f, nodes);
        return ownedConstant(tape, backend.of(dtype, omega, n)).matmul(values).mul(width);
    }

    /** Chooses a quadrature formula for an integrand, by running an adaptive integrator on detached values. */
    @FunctionalInterface
    private interface Discretizer {
        Discretization discretize(Integrand integrand);
    }

    private static DifferentiableIntegral integrate(
            String method,
            GradientTape tape,
            Function<Var, Var> f,
            double a,
            double b,
            Backend backend,
            DType dtype,
            Discretizer discretizer) {
        requireTapeAndFunction(method, tape, f);
        Discretization formula = chooseFormula(method, tape, f, backend, dtype, discretizer);
        double[] x = formula.nodes();
        int n = x.length;
        if (n == 0) {
            return new DifferentiableIntegral(zero(tape, backend, dtype), formula.result());
        }
        Var nodes = ownedConstant(tape, backend.of(dtype, x, n));
        Var weights = ownedConstant(tape, backend.of(dtype, formula.weights(), n));
        Var value = weights.matmul(apply(method, tape, f, nodes));
        return new DifferentiableIntegral(value, formula.result());
    }

    /** Runs {@code discretizer} on {@code f} applied to detached nodes, to choose the final quadrature formula. */
    private static Discretization chooseFormula(
            String method,
            GradientTape tape,
            Function<Var, Var> f,
            Backend backend,
            DType dtype,
            Discretizer discretizer) {
        BatchIntegrand detached =
                nodes -> apply(method, tape, f, tape.constant(nodes)).value();
        return discretizer.discretize(TensorIntegrand.of(method, detached, backend, dtype));
    }

    private static void requireTapeAndFunction(String method, GradientTape tape, Function<Var, Var> f) {
        Checks.notNull(tape, method, "tape");
        QuadratureArguments.requireFunction(method, f);
    }

    /** Applies f to the nodes and checks that the result is one value per node, on the same tape. */
    private static Var apply(String method, GradientTape tape, Function<Var, Var> f, Var nodes) {
        Var values = f.apply(nodes);
        if (values == null) {
            throw new InvalidArgumentException(
                    method + ": the integrand returned null for nodes of shape " + nodes.shape());
        }
        if (values.tape() != tape) {
            throw new TapeException(method + ": the integrand returned a Var of another GradientTape (" + values
                    + "); build the values from the nodes and parameters of the tape passed in");
        }
        if (!values.shape().equals(nodes.shape())) {
            throw new ShapeMismatchException(method + ": the integrand must return one value per node: expected shape "
                    + nodes.shape() + ", got " + values.shape());
        }
        return values;
    }

    /**
     * A constant holding a copy of {@code raw}, owned by the tape so that it is closed with it; {@code raw} is closed
     * now. (Constants made from the caller's tensors are never closed by the tape.)
     */
    private static Var ownedConstant(GradientTape tape, Tensor raw) {
        try (raw) {
            return tape.constant(raw).mul(1.0);
        }
    }

    /** The integral over an empty range: a constant 0, which no parameter influences. */
    private static Var zero(GradientTape tape, Backend backend, DType dtype) {
        return ownedConstant(tape, backend.scalar(dtype, 0.0));
    }
}
