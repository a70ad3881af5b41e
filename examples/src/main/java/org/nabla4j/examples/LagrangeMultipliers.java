package org.nabla4j.examples;

import java.io.PrintStream;
import org.nabla4j.core.Backend;
import org.nabla4j.core.TensorScope;
import org.nabla4j.optim.AugmentedLagrangian;
import org.nabla4j.optim.ConstrainedProblem;
import org.nabla4j.optim.ConstrainedResult;
import org.nabla4j.optim.ConstrainedStatus;
import org.nabla4j.optim.KktResiduals;

/**
 * Tour section 5: constrained optimization with Lagrange multipliers (the seed article's FAQ Q1), solved by the
 * augmented Lagrangian method.
 *
 * <p><b>Equality constraint.</b> Maximize {@code xy} subject to {@code x + y = 10}, i.e. minimize {@code f = −xy}
 * with {@code h = x + y − 10 = 0}. The Lagrangian {@code L = f + λ h} is stationary where {@code ∇f + λ ∇h = 0}:
 * {@code −y + λ = 0} and {@code −x + λ = 0}, so {@code x = y = λ}, and the constraint gives {@code x = y = 5},
 * {@code λ = 5}, {@code xy = 25}. The multiplier is the sensitivity of the optimum to the constraint: with
 * {@code x + y = c} the best product is {@code c²/4}, whose derivative at {@code c = 10} is {@code 5 = λ}.
 *
 * <p><b>Inequality constraint.</b> Minimize {@code x² + y²} subject to {@code x + y ≥ 1}, written {@code g = 1 − x − y
 * ≤ 0}. The unconstrained minimum {@code (0, 0)} violates it, so the constraint is active: {@code 2x − μ = 0},
 * {@code 2y − μ = 0}, {@code x + y = 1} give {@code x = y = ½}, {@code μ = 1 ≥ 0}, {@code f = ½}, and complementarity
 * {@code μ g = 0} holds.
 */
public final class LagrangeMultipliers {
    private LagrangeMultipliers() {}

    /**
     * One solved problem.
     *
     * @param name the problem
     * @param x the solution found
     * @param value {@code f(x)}
     * @param multiplier the multiplier of the single constraint
     * @param analyticX the hand solution
     * @param analyticValue {@code f} at the hand solution
     * @param analyticMultiplier the hand multiplier
     * @param kkt the KKT residuals reported by the solver
     * @param status the solver's status
     * @param outerIterations the multiplier updates
     * @param evaluations the function evaluations
     */
    public record Solved(
            String name,
            double[] x,
            double value,
            double multiplier,
            double[] analyticX,
            double analyticValue,
            double analyticMultiplier,
            KktResiduals kkt,
            ConstrainedStatus status,
            int outerIterations,
            int evaluations) {

        /** {@code |multiplier − analyticMultiplier|}. */
        public double multiplierError() {
            return Math.abs(multiplier - analyticMultiplier);
        }

        /** {@code max_i |x_i − analyticX_i|}. */
        public double xError() {
            return Report.maxAbsDiff(x, analyticX);
        }
    }

    /**
     * The key numbers of the section.
     *
     * @param equality maximize {@code xy} s.t. {@code x + y = 10}
     * @param inequality minimize {@code x² + y²} s.t. {@code x + y ≥ 1}
     */
    public record Result(Solved equality, Solved inequality) {}

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the problems are evaluated on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 5, "Lagrange multipliers: constrained optimization by the augmented Lagrangian");
        AugmentedLagrangian solver = AugmentedLagrangian.builder().build();
        Solved equality;
        Solved inequality;
        try (TensorScope scope = TensorScope.open()) {
            ConstrainedProblem maxProduct = ConstrainedProblem.builder()
                    .objective(v -> v.select(0, 0).mul(v.select(0, 1)).neg())
                    .equality(v -> v.sum().sub(10))
                    .build();
            ConstrainedResult r1 = solver.solve(maxProduct, backend.of(new double[] {1.0, 2.0}));
            equality = new Solved(
                    "maximize xy s.t. x + y = 10  (as min f = -xy, h = x + y - 10)",
                    r1.x().toDoubleArray(),
                    r1.value(),
                    r1.equalityMultipliers()[0],
                    new double[] {5, 5},
                    -25,
                    5,
                    r1.kkt(),
                    r1.status(),
                    r1.outerIterations(),
                    r1.evaluations());

            ConstrainedProblem minNorm = ConstrainedProblem.builder()
                    .objective(v -> v.square().sum())
                    .inequality(v -> v.sum().rsub(1))
                    .build();
            ConstrainedResult r2 = solver.solve(minNorm, backend.of(new double[] {2.0, -1.0}));
            inequality = new Solved(
                    "minimize x^2 + y^2 s.t. x + y >= 1  (g = 1 - x - y <= 0)",
                    r2.x().toDoubleArray(),
                    r2.value(),
                    r2.inequalityMultipliers()[0],
                    new double[] {0.5, 0.5},
                    0.5,
                    1,
                    r2.kkt(),
                    r2.status(),
                    r2.outerIterations(),
                    r2.evaluations());
        }
        print(out, equality, "lambda");
        out.println("  lambda = 5 is also d(max xy)/dc for x + y = c: the optimum c^2/4 grows by about 5 per unit"
                + " of c.");
        print(out, inequality, "mu");
        out.println("  the constraint is active (g = 0) and mu > 0; complementarity mu * g = 0.");
        return new Result(equality, inequality);
    }

    private static void print(PrintStream out, Solved s, String symbol) {
        Report.subheading(out, s.name());
        Report.printf(
                out,
                "  status %s after %d multiplier updates, %d evaluations%n",
                s.status(),
                s.outerIterations(),
                s.evaluations());
        Report.printf(
                out,
                "  x = %s   f = %.12f   %s = %.12f%n",
                Report.vector(s.x(), 10),
                s.value(),
                symbol,
                s.multiplier());
        Report.printf(
                out,
                "  by hand: x = %s   f = %.1f   %s = %.1f%n",
                Report.vector(s.analyticX(), 1),
                s.analyticValue(),
                symbol,
                s.analyticMultiplier());
        Report.printf(
                out,
                "  |x - x*| = %s   |%s - %s*| = %s%n",
                Report.sci(s.xError()),
                symbol,
                symbol,
                Report.sci(s.multiplierError()));
        Report.printf(
                out,
                "  KKT residuals: stationarity %s, primal feasibility %s, complementarity %s%n",
                Report.sci(s.kkt().stationarity()),
                Report.sci(s.kkt().primalFeasibility()),
                Report.sci(s.kkt().complementarity()));
    }
}
