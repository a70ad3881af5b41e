package org.nabla4j.optim;

import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * The method of multipliers (augmented Lagrangian) for {@link ConstrainedProblem}s: the Lagrange-multiplier method of
 * the calculus view made robust by a quadratic penalty, with the Powell–Hestenes–Rockafellar (PHR) form for
 * inequalities.
 *
 * <p><b>Subproblem.</b> For multipliers {@code λ}, {@code μ ≥ 0} and penalty {@code ρ > 0}, each outer iteration
 * minimizes over {@code x}, with {@link Lbfgs} and gradients from autodiff,
 *
 * <pre>
 * L_ρ(x; λ, μ) = f(x) + Σ_i [λ_i h_i(x) + ρ/2 h_i(x)²] + Σ_j ψ(g_j(x), μ_j, ρ),
 * ψ(g, μ, ρ)   = (max(0, μ + ρ g)² − μ²) / (2ρ)
 * </pre>
 *
 * <p><b>Bounds</b> {@code l ≤ x ≤ u} are not penalized: the starting point is projected onto the box, and when any
 * bound is finite the subproblems are solved over the box by a projected L-BFGS (Bertsekas's two-metric projection
 * with a limited-memory metric and an Armijo search along the projected path), so every point at which {@code f},
 * {@code h} and {@code g} are evaluated lies in the closed box, and the functions need only be defined there (for
 * {@code log x}, give a positive lower bound such as {@code 1e-12}, not 0). The bound multipliers follow from the gradient of the Lagrangian {@code ∇ℒ = ∇f + Σ λ_i ∇h_i +
 * Σ μ_j ∇g_j} at the returned point: {@code z_L,i = max(0, ∂ℒ/∂x_i)} where {@code x_i = l_i}, {@code z_U,i =
 * max(0, −∂ℒ/∂x_i)} where {@code x_i = u_i}, and zero elsewhere, so bound complementarity holds exactly and the
 * stationarity residual {@code ∇ℒ − z_L + z_U} is the projected gradient. Without finite bounds the subproblems are
 * solved by {@link Lbfgs} with its strong-Wolfe line search.
 *
 * <p><b>Updates</b> after each subproblem, at its solution {@code x}:
 *
 * <pre>
 * λ_i ← λ_i + ρ h_i(x)          μ_j ← max(0, μ_j + ρ g_j(x))
 * V   = max(‖h(x)‖∞, max_j |max(g_j(x), −μ_j/ρ)|)                  (with the old μ)
 * ρ   ← min(γ ρ, ρ_max)   if V > τ V_prev and V > feasibilityTolerance   (γ = penaltyGrowth, τ = feasibilityDecrease)
 * </pre>
 *
 * <p>The penalty is not raised once the measure is within the feasibility tolerance: from there on only
 * stationarity is missing, and a larger penalty would only make the subproblems harder.
 *
 * <p>Because {@code ∇_x L_ρ = ∇f + Σ (λ_i + ρ h_i) ∇h_i + Σ max(0, μ_j + ρ g_j) ∇g_j}, the subproblem's gradient
 * is the gradient of the Lagrangian at the updated multipliers: the inner tolerance controls stationarity directly.
 * It starts at {@code 1e-2} and shrinks tenfold per outer iteration down to a tenth of the optimality tolerance.
 * The initial penalty, unless given, is {@code ρ_0 = clamp(10 max(1, |f(x_0)|) / max(1, ½‖c(x_0)‖²), 1e-8, 1e8)}
 * where {@code c} collects all constraint violations (Birgin and Martínez's choice).
 *
 * <p><b>Termination</b> ({@link ConstrainedStatus}):
 * <ul>
 *   <li>{@code CONVERGED} when the {@link KktResiduals} at the current point and multipliers are all within their
 *       tolerances (so never at an infeasible point);
 *   <li>{@code INFEASIBLE} when {@code ρ ≥ infeasibilityPenalty}, the violation has improved by less than 1% in
 *       each of the last three outer iterations, and the point is stationary for the violation measure
 *       {@code Φ = ½‖h‖² + ½‖max(0, g)‖²} over the box: {@code ‖x − P(x − ∇Φ)‖∞ ≤ 1e-6 max(1, ‖c‖∞)};
 *   <li>{@code UNBOUNDED} when a subproblem's value falls below {@code −unboundedThreshold · max(1, |f(x_0)|)} at a
 *       point that satisfies the constraints to the feasibility tolerance (if it does not, the penalty is increased
 *       and the subproblem is solved again; at {@code ρ_max} the problem is reported unbounded);
 *   <li>{@code NON_FINITE} when a function or gradient is NaN or infinite at the start or at an accepted point;
 *   <li>{@code MAX_ITERATIONS} / {@code MAX_EVALUATIONS} otherwise.
 * </ul>
 *
 * <p>The returned multipliers and {@link KktResiduals} are those at the returned point. This is a local method:
 * for non-convex problems it finds a KKT point near the path from {@code x0}, and {@code INFEASIBLE} means locally
 * infeasible.
 */
public final class AugmentedLagrangian {
    private static final double INNER_START_TOLERANCE = 1e-2;
    private static final int STALL_ITERATIONS = 3;

    private final double feasibilityTolerance;
    private final double optimalityTolerance;
    private final double complementarityTolerance;
    private final int maxOuterIterations;
    private final int maxEvaluations;
    private final double initialPenalty;
    private final double penaltyGrowth;
    private final double feasibilityDecrease;
    private final double maxPenalty;
    private final double infeasibilityPenalty;
    private final double unboundedThreshold;
    private final Lbfgs inner;
    private final ProjectedLbfgs boxedInner;
    private final int innerMaxIterations;

    private AugmentedLagrangian(Builder b) {
        this.feasibilityTolerance = b.feasibilityTolerance;
        this.optimalityTolerance = b.optimalityTolerance;
        this.complementarityTolerance = b.complementarityTolerance;
        this.maxOuterIterations = b.maxOuterIterations;
        this.maxEvaluations = b.maxEvaluations;
        this.initialPenalty = b.initialPenalty;
        this.penaltyGrowth = b.penaltyGrowth;
        this.feasibilityDecrease = b.feasibilityDecrease;
        this.maxPenalty = b.maxPenalty;
        this.infeasibilityPenalty = b.infeasibilityPenalty;
        this.unboundedThreshold = b.unboundedThreshold;
        this.innerMaxIterations = b.innerMaxIterations;
        this.inner = Lbfgs.builder()
                .historySize(b.historySize)
                .maxEvaluations(Math.max(1, 20 * b.innerMaxIterations))
                .recordHistory(false)
                .build();
        this.boxedInner = new ProjectedLbfgs(b.historySize, 1e-4, 0.9, 50, 0);
    }

    /**
     * A builder with the defaults: feasibility, optimality and complementarity tolerances 1e-8; 100 outer
     * iterations; 1000000 evaluations; automatic initial penalty; penalty growth 10 when the violation measure does
     * not fall below 0.5 of its previous value; maximum penalty 1e12; infeasibility declared only once
     * {@code ρ ≥ 1e6}; unboundedness threshold 1e20; inner L-BFGS with history 10 and 2000 iterations per
     * subproblem.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Solves {@code problem} from {@code x0} (not modified).
     *
     * @throws InvalidArgumentException if an argument is null, {@code x0} is empty, the bounds do not have
     *     {@code x0}'s size, or the objective does not return one element
     */
    public ConstrainedResult solve(ConstrainedProblem problem, Tensor x0) {
        String op = "AugmentedLagrangian.solve";
        ProblemEvaluator ev = new ProblemEvaluator(problem, x0, op);
        return new Run(ev, x0.toDoubleArray()).solve();
    }

    /** The state of one solve. */
    private final class Run {
        final ProblemEvaluator ev;
        final int n;
        final int mE;
        final int mI;
        final double[] lower;
        final double[] upper;
        double[] x;
        final double[] lambda;
        final double[] mu;
        final double[] zL;
        final double[] zU;
        final boolean boxed;
        double rho;
        int outer;
        int innerIterations;

        Run(ProblemEvaluator ev, double[] start) {
            this.ev = ev;
            this.n = ev.n;
            this.mE = ev.equalityCount;
            this.mI = ev.inequalityCount;
            this.lower = ev.lower;
            this.upper = ev.upper;
            this.x = ProjectedLbfgs.project(start.clone(), lower, upper);
            boolean anyBound = false;
            for (int i = 0; i < n; i++) {
                anyBound |= lower[i] != Double.NEGATIVE_INFINITY || upper[i] != Double.POSITIVE_INFINITY;
            }
            this.boxed = anyBound;
            this.lambda = new double[mE];
            this.mu = new double[mI];
            this.zL = new double[n];
            this.zU = new double[n];
        }

        ConstrainedResult solve() {
            ProblemEvaluator.Values v = ev.values(x);
            if (!v.finite()) {
                return result(v, ConstrainedStatus.NON_FINITE, null);
            }
            double f0 = v.f();
            double violation0 = violation(v, x);
            double sq = 0;
            for (double c : v.h()) {
                sq += c * c;
            }
            for (double c : v.g()) {
                sq += c > 0 ? c * c : 0;
            }
            rho = Double.isNaN(initialPenalty)
                    ? Math.max(1e-8, Math.min(10 * Math.max(1, Math.abs(f0)) / Math.max(1, 0.5 * sq), 1e8))
                    : initialPenalty;
            double limit = -unboundedThreshold * Math.max(1, Math.abs(f0));
            double innerTolerance = Math.max(0.1 * optimalityTolerance, INNER_START_TOLERANCE);
            double previousMeasure = Double.POSITIVE_INFINITY;
            double previousViolation = violation0;
            int stalled = 0;
            while (true) {
                if (outer >= maxOuterIterations) {
                    return result(ev.values(x), ConstrainedStatus.MAX_ITERATIONS, null);
                }
                if (ev.evaluations >= maxEvaluations) {
                    return result(ev.values(x), ConstrainedStatus.MAX_EVALUATIONS, null);
                }
                StoppingRules innerRules = inner.rules().forInnerSolve(innerTolerance, innerMaxIterations, limit);
                MinimizationRun sub = boxed
                        ? boxedInner.run(this::augmentedLagrangian, x, lower, upper, innerRules)
                        : inner.run(this::augmentedLagrangian, x, innerRules);
                innerIterations += sub.iterations();
                outer++;
                if (sub.status() == OptimizationStatus.NON_FINITE) {
                    return result(ev.values(x), ConstrainedStatus.NON_FINITE, null);
                }
                if (sub.status() == OptimizationStatus.UNBOUNDED) {
                    ProblemEvaluator.Values at = ev.values(sub.x());
                    if ((at.finite() && violation(at, sub.x()) <= feasibilityTolerance) || rho >= maxPenalty) {
                        x = sub.x();
                        return result(at, ConstrainedStatus.UNBOUNDED, null);
                    }
                    rho = Math.min(rho * penaltyGrowth, maxPenalty);
                    continue;
                }
                x = sub.x();
                v = ev.values(x);
                if (!v.finite()) {
                    return result(v, ConstrainedStatus.NON_FINITE, null);
                }
                double measure = updateMultipliers(v);
                KktResiduals kkt = kkt(v);
                if (kkt.primalFeasibility() <= feasibilityTolerance
                        && kkt.stationarity() <= optimalityTolerance
                        && kkt.complementarity() <= complementarityTolerance) {
                    return result(v, ConstrainedStatus.CONVERGED, kkt);
                }
                double violation = kkt.primalFeasibility();
                if (violation > feasibilityTolerance
                        && rho >= infeasibilityPenalty
                        && violation >= 0.99 * previousViolation) {
                    stalled++;
                } else {
                    stalled = 0;
                }
                if (stalled >= STALL_ITERATIONS && violationStationary(x, violation)) {
                    return result(v, ConstrainedStatus.INFEASIBLE, kkt);
                }
                previousViolation = violation;
                if (measure > feasibilityDecrease * previousMeasure && measure > feasibilityTolerance) {
                    rho = Math.min(rho * penaltyGrowth, maxPenalty);
                }
                previousMeasure = measure;
                innerTolerance = Math.max(0.1 * optimalityTolerance, 0.1 * innerTolerance);
            }
        }

        /** The largest violation of {@code h = 0} and {@code g ≤ 0}; iterates never leave the box. */
        double violation(ProblemEvaluator.Values v, double[] at) {
            double p = 0;
            for (double c : v.h()) {
                p = Math.max(p, Math.abs(c));
            }
            for (double c : v.g()) {
                p = Math.max(p, c);
            }
            return p;
        }

        /** {@code L_ρ(x; λ, μ)} and its gradient by autodiff; the bounds are kept by the inner solver. */
        double augmentedLagrangian(double[] at, double[] gradient) {
            double r = rho;
            double muSquares = Vectors.dot(mu, mu);
            Function<Var, Var> program = xv -> {
                Var total = ev.objective(xv);
                Var h = ev.equalities(xv);
                if (h != null) {
                    total = total.add(ev.weightedSum(h, lambda))
                            .add(h.square().sum().mul(r / 2));
                }
                Var g = ev.inequalities(xv);
                if (g != null) {
                    Var shifted = g.mul(r).add(g.tape().constant(ev.vector(mu))).relu();
                    total = total.add(shifted.square().sum().sub(muSquares).mul(1 / (2 * r)));
                }
                return total;
            };
            return ev.valueAndGradient(program, at, gradient);
        }

        /** First-order multiplier updates; returns the progress measure {@code V} (with the old multipliers). */
        double updateMultipliers(ProblemEvaluator.Values v) {
            double measure = 0;
            for (int i = 0; i < mE; i++) {
                measure = Math.max(measure, Math.abs(v.h()[i]));
                lambda[i] += rho * v.h()[i];
            }
            for (int j = 0; j < mI; j++) {
                measure = Math.max(measure, Math.abs(Math.max(v.g()[j], -mu[j] / rho)));
                mu[j] = Math.max(0, mu[j] + rho * v.g()[j]);
            }
            return measure;
        }

        /**
         * The KKT residuals at {@code x} with the current {@code λ, μ} (one gradient evaluation); sets the bound
         * multipliers {@code z_L, z_U} from the gradient of the Lagrangian at the bounds {@code x} sits on.
         */
        KktResiduals kkt(ProblemEvaluator.Values v) {
            double[] grad = new double[n];
            Function<Var, Var> lagrangian = xv -> {
                Var total = ev.objective(xv);
                Var h = ev.equalities(xv);
                if (h != null) {
                    total = total.add(ev.weightedSum(h, lambda));
                }
                Var g = ev.inequalities(xv);
                if (g != null) {
                    total = total.add(ev.weightedSum(g, mu));
                }
                return total;
            };
            ev.valueAndGradient(lagrangian, x, grad);
            double stationarity = 0;
            double complementarity = 0;
            for (int i = 0; i < n; i++) {
                zL[i] = x[i] == lower[i] ? Math.max(0, grad[i]) : 0;
                zU[i] = x[i] == upper[i] ? Math.max(0, -grad[i]) : 0;
                double gi = grad[i] - zL[i] + zU[i];
                stationarity = Math.max(stationarity, Math.abs(gi));
                if (lower[i] != Double.NEGATIVE_INFINITY) {
                    complementarity = Math.max(complementarity, Math.abs(zL[i] * (x[i] - lower[i])));
                }
                if (upper[i] != Double.POSITIVE_INFINITY) {
                    complementarity = Math.max(complementarity, Math.abs(zU[i] * (upper[i] - x[i])));
                }
            }
            for (int j = 0; j < mI; j++) {
                complementarity = Math.max(complementarity, Math.abs(mu[j] * v.g()[j]));
            }
            return new KktResiduals(stationarity, violation(v, x), complementarity);
        }

        /** Whether {@code x} is a stationary point of {@code Φ = ½‖h‖² + ½‖max(0, g)‖²} over the box. */
        boolean violationStationary(double[] at, double violation) {
            double[] grad = new double[n];
            Function<Var, Var> phi = xv -> {
                Var total = xv.sum().mul(0);
                Var h = ev.equalities(xv);
                if (h != null) {
                    total = total.add(h.square().sum().mul(0.5));
                }
                Var g = ev.inequalities(xv);
                if (g != null) {
                    total = total.add(g.relu().square().sum().mul(0.5));
                }
                return total;
            };
            ev.valueAndGradient(phi, at, grad);
            double norm = ProjectedLbfgs.projectedGradientNorm(at, grad, lower, upper);
            return norm <= 1e-6 * Math.max(1, violation);
        }

        ConstrainedResult result(ProblemEvaluator.Values v, ConstrainedStatus status, KktResiduals known) {
            KktResiduals kkt = known;
            if (kkt == null) {
                kkt = v.finite() ? kkt(v) : new KktResiduals(Double.NaN, Double.NaN, Double.NaN);
            }
            return new ConstrainedResult(
                    ev.tensor(x),
                    v.f(),
                    lambda.clone(),
                    mu.clone(),
                    zL.clone(),
                    zU.clone(),
                    v.h().clone(),
                    v.g().clone(),
                    kkt,
                    outer,
                    innerIterations,
                    ev.evaluations,
                    rho,
                    status);
        }
    }

    /** Builder of {@link AugmentedLagrangian}; settings are validated by {@link #build}. */
    public static final class Builder {
        private double feasibilityTolerance = 1e-8;
        private double optimalityTolerance = 1e-8;
        private double complementarityTolerance = 1e-8;
        private int maxOuterIterations = 100;
        private int maxEvaluations = 1_000_000;
        private double initialPenalty = Double.NaN;
        private double penaltyGrowth = 10;
        private double feasibilityDecrease = 0.5;
        private double maxPenalty = 1e12;
        private double infeasibilityPenalty = 1e6;
        private double unboundedThreshold = 1e20;
        private int historySize = 10;
        private int innerMaxIterations = 2000;

        private Builder() {}

        /** Absolute tolerance on the primal feasibility residual, {@code > 0} (default 1e-8). */
        public Builder feasibilityTolerance(double tolerance) {
            this.feasibilityTolerance = tolerance;
            return this;
        }

        /** Absolute tolerance on the stationarity residual {@code ‖∇_x L‖∞}, {@code > 0} (default 1e-8). */
        public Builder optimalityTolerance(double tolerance) {
            this.optimalityTolerance = tolerance;
            return this;
        }

        /** Absolute tolerance on the complementarity residual, {@code > 0} (default 1e-8). */
        public Builder complementarityTolerance(double tolerance) {
            this.complementarityTolerance = tolerance;
            return this;
        }

        /** Maximum number of outer iterations (multiplier updates), {@code >= 1} (default 100). */
        public Builder maxOuterIterations(int max) {
            this.maxOuterIterations = max;
            return this;
        }

        /** Soft limit on the number of evaluations, checked between subproblems, {@code >= 1} (default 1000000). */
        public Builder maxEvaluations(int max) {
            this.maxEvaluations = max;
            return this;
        }

        /** The initial penalty {@code ρ_0 > 0} (default: automatic, see the class documentation). */
        public Builder initialPenalty(double rho) {
            this.initialPenalty = rho;
            return this;
        }

        /**
         * The penalty is multiplied by {@code growth > 1} whenever the violation measure has not fallen below
         * {@code decrease} (in {@code (0, 1)}) times its previous value (defaults 10 and 0.5).
         */
        public Builder penaltyUpdate(double growth, double decrease) {
            this.penaltyGrowth = growth;
            this.feasibilityDecrease = decrease;
            return this;
        }

        /** Upper limit of the penalty, {@code > 0} (default 1e12). */
        public Builder maxPenalty(double max) {
            this.maxPenalty = max;
            return this;
        }

        /** The penalty from which a stalled violation may be reported as {@code INFEASIBLE}, {@code > 0} (1e6). */
        public Builder infeasibilityPenalty(double rho) {
            this.infeasibilityPenalty = rho;
            return this;
        }

        /** Subproblem values below {@code −threshold · max(1, |f(x0)|)} count as unbounded, {@code > 0} (1e20). */
        public Builder unboundedThreshold(double threshold) {
            this.unboundedThreshold = threshold;
            return this;
        }

        /** L-BFGS history size {@code m >= 1} of the inner solver (default 10). */
        public Builder historySize(int m) {
            this.historySize = m;
            return this;
        }

        /** Maximum L-BFGS iterations per subproblem, {@code >= 1} (default 2000). */
        public Builder innerMaxIterations(int max) {
            this.innerMaxIterations = max;
            return this;
        }

        /**
         * Creates the solver.
         *
         * @throws InvalidArgumentException naming the setting if a tolerance, penalty or threshold is not
         *     {@code > 0} and finite, {@code growth <= 1}, {@code decrease} is outside {@code (0, 1)}, or a count is
         *     below 1
         */
        public AugmentedLagrangian build() {
            String op = "AugmentedLagrangian";
            Checks.positive(feasibilityTolerance, op, "feasibilityTolerance");
            Checks.positive(optimalityTolerance, op, "optimalityTolerance");
            Checks.positive(complementarityTolerance, op, "complementarityTolerance");
            Checks.atLeast(maxOuterIterations, 1, op, "maxOuterIterations");
            Checks.atLeast(maxEvaluations, 1, op, "maxEvaluations");
            Checks.atLeast(historySize, 1, op, "historySize");
            Checks.atLeast(innerMaxIterations, 1, op, "innerMaxIterations");
            if (!Double.isNaN(initialPenalty)) {
                Checks.positive(initialPenalty, op, "initialPenalty");
            }
            Checks.positive(maxPenalty, op, "maxPenalty");
            Checks.positive(infeasibilityPenalty, op, "infeasibilityPenalty");
            Checks.positive(unboundedThreshold, op, "unboundedThreshold");
            if (!(penaltyGrowth > 1) || !Double.isFinite(penaltyGrowth)) {
                throw new InvalidArgumentException(op + ": penaltyGrowth must be > 1 and finite, got " + penaltyGrowth);
            }
            if (!(feasibilityDecrease > 0 && feasibilityDecrease < 1)) {
                throw new InvalidArgumentException(
                        op + ": feasibilityDecrease must be in (0, 1), got " + feasibilityDecrease);
            }
            return new AugmentedLagrangian(this);
        }
    }
}
