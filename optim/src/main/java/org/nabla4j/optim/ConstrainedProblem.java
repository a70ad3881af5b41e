package org.nabla4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;

/**
 * A smooth nonlinear program
 *
 * <pre>
 * minimize    f(x)
 * subject to  h_i(x) = 0      (equality constraints)
 *             g_j(x) ≤ 0      (inequality constraints)
 *             l ≤ x ≤ u       (bounds, element-wise, ±∞ allowed)
 * </pre>
 *
 * <p>Every function is an autodiff program {@code Function<Var, Var>} of {@code x}; all derivatives are computed by
 * reverse-mode automatic differentiation, never by finite differences. The objective must return one element. A
 * constraint function may return a scalar (one constraint) or a tensor of any shape (one constraint per element,
 * flattened row-major); constraints are numbered in the order the functions were added, so the multipliers in
 * {@link ConstrainedResult} line up with that order. Bounds are given per element of {@code x} (flattened
 * row-major); their length must equal {@code x}'s size when the problem is solved.
 *
 * <pre>{@code
 * // HS071: min x1 x4 (x1 + x2 + x3) + x3  s.t.  x1 x2 x3 x4 >= 25,  Σ x_i² = 40,  1 <= x <= 5
 * ConstrainedProblem hs071 = ConstrainedProblem.builder()
 *         .objective(x -> x.select(0, 0).mul(x.select(0, 3)).mul(x.slice(0, 0, 3).sum()).add(x.select(0, 2)))
 *         .inequality(x -> x.select(0, 0).mul(x.select(0, 1)).mul(x.select(0, 2)).mul(x.select(0, 3)).rsub(25))
 *         .equality(x -> x.square().sum().sub(40))
 *         .bounds(new double[] {1, 1, 1, 1}, new double[] {5, 5, 5, 5})
 *         .build();
 * }</pre>
 */
public final class ConstrainedProblem {
    private final Function<Var, Var> objective;
    private final List<Function<Var, Var>> equalities;
    private final List<Function<Var, Var>> inequalities;
    private final double[] lower;
    private final double[] upper;

    private ConstrainedProblem(Builder b) {
        this.objective = b.objective;
        this.equalities = List.copyOf(b.equalities);
        this.inequalities = List.copyOf(b.inequalities);
        this.lower = b.lower == null ? null : b.lower.clone();
        this.upper = b.upper == null ? null : b.upper.clone();
    }

    /** A builder for a problem; only the objective is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The objective {@code f}. */
    public Function<Var, Var> objective() {
        return objective;
    }

    /** The equality-constraint functions {@code h}, in order (unmodifiable). */
    public List<Function<Var, Var>> equalities() {
        return equalities;
    }

    /** The inequality-constraint functions {@code g}, in order (unmodifiable). */
    public List<Function<Var, Var>> inequalities() {
        return inequalities;
    }

    /** A copy of the lower bounds, or null when none were given. */
    public double[] lowerBounds() {
        return lower == null ? null : lower.clone();
    }

    /** A copy of the upper bounds, or null when none were given. */
    public double[] upperBounds() {
        return upper == null ? null : upper.clone();
    }

    /** Builder of {@link ConstrainedProblem}. */
    public static final class Builder {
        private Function<Var, Var> objective;
        private final List<Function<Var, Var>> equalities = new ArrayList<>();
        private final List<Function<Var, Var>> inequalities = new ArrayList<>();
        private double[] lower;
        private double[] upper;

        private Builder() {}

        /** The objective {@code f(x)}, returning one element. */
        public Builder objective(Function<Var, Var> f) {
            this.objective = Checks.notNull(f, "ConstrainedProblem", "objective");
            return this;
        }

        /** Adds equality constraints {@code h(x) = 0}, one per element of {@code h}'s result. */
        public Builder equality(Function<Var, Var> h) {
            equalities.add(Checks.notNull(h, "ConstrainedProblem", "equality"));
            return this;
        }

        /** Adds inequality constraints {@code g(x) ≤ 0}, one per element of {@code g}'s result. */
        public Builder inequality(Function<Var, Var> g) {
            inequalities.add(Checks.notNull(g, "ConstrainedProblem", "inequality"));
            return this;
        }

        /** Lower bounds {@code l} (use {@code −∞} for none), one per element of {@code x}. */
        public Builder lowerBounds(double... lower) {
            this.lower =
                    Checks.notNull(lower, "ConstrainedProblem", "lowerBounds").clone();
            return this;
        }

        /** Upper bounds {@code u} (use {@code +∞} for none), one per element of {@code x}. */
        public Builder upperBounds(double... upper) {
            this.upper =
                    Checks.notNull(upper, "ConstrainedProblem", "upperBounds").clone();
            return this;
        }

        /** Both bounds at once; see {@link #lowerBounds} and {@link #upperBounds}. */
        public Builder bounds(double[] lower, double[] upper) {
            return lowerBounds(lower).upperBounds(upper);
        }

        /**
         * Creates the problem.
         *
         * @throws InvalidArgumentException if the objective is missing, a bound is NaN, a lower bound is
         *     {@code +∞}, an upper bound is {@code −∞}, the two bound arrays differ in length, or
         *     {@code lower[i] > upper[i]}
         */
        public ConstrainedProblem build() {
            String op = "ConstrainedProblem";
            if (objective == null) {
                throw new InvalidArgumentException(op + ": objective must be set");
            }
            Bounds.validate(op, lower, upper);
            return new ConstrainedProblem(this);
        }
    }
}
