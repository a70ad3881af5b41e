package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Tensor;

/**
 * Hock–Schittkowski test problems (W. Hock, K. Schittkowski, Test Examples for Nonlinear Programming Codes, 1981)
 * from their standard starting points, solved with {@link AugmentedLagrangian}. Optimal values and points are the
 * published ones; the multipliers are derived below from the KKT conditions at the known optimum, with this
 * library's sign convention {@code ∇f + Σ λ_i ∇h_i + Σ μ_j ∇g_j − z_L + z_U = 0}, {@code g ≤ 0}, {@code μ, z ≥ 0}.
 */
class HockSchittkowskiTest {
    /** Required accuracy of the optimal value, {@code |f − f*|}. */
    static final double VALUE_TOL = 1e-6;
    /** Required size of each KKT residual. */
    static final double KKT_TOL = 1e-6;
    /** Accuracy expected of the point and the multipliers. */
    static final double POINT_TOL = 1e-6;

    static final AugmentedLagrangian SOLVER = AugmentedLagrangian.builder().build();

    static Var x(Var v, int i) {
        return v.select(0, i - 1);
    }

    static void report(String name, ConstrainedResult r, double fStar, double[] xStar) {
        double dx = 0;
        double[] x = r.x().toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            dx += (x[i] - xStar[i]) * (x[i] - xStar[i]);
        }
        System.out.printf(
                "%s: status=%s f=%.12f |f-f*|=%.2e |x-x*|=%.2e lambda=%s mu=%s zL=%s zU=%s kkt=(stat %.1e, feas %.1e,"
                        + " compl %.1e) outer=%d inner=%d evals=%d rho=%.1e%n",
                name,
                r.status(),
                r.value(),
                Math.abs(r.value() - fStar),
                Math.sqrt(dx),
                Arrays.toString(r.equalityMultipliers()),
                Arrays.toString(r.inequalityMultipliers()),
                Arrays.toString(r.lowerBoundMultipliers()),
                Arrays.toString(r.upperBoundMultipliers()),
                r.kkt().stationarity(),
                r.kkt().primalFeasibility(),
                r.kkt().complementarity(),
                r.outerIterations(),
                r.innerIterations(),
                r.evaluations(),
                r.penalty());
    }

    static void assertSolved(ConstrainedResult r, double fStar, double[] xStar) {
        assertEquals(ConstrainedStatus.CONVERGED, r.status());
        assertEquals(fStar, r.value(), VALUE_TOL);
        assertArrayEquals(xStar, r.x().toDoubleArray(), POINT_TOL);
        assertTrue(r.kkt().stationarity() < KKT_TOL, "stationarity " + r.kkt().stationarity());
        assertTrue(
                r.kkt().primalFeasibility() < KKT_TOL, "feasibility " + r.kkt().primalFeasibility());
        assertTrue(
                r.kkt().complementarity() < KKT_TOL,
                "complementarity " + r.kkt().complementarity());
    }

    /**
     * HS006: min (1 − x1)² s.t. h = 10 (x2 − x1²) = 0, x0 = (−1.2, 1); x* = (1, 1), f* = 0.
     *
     * <p>Multiplier: ∇f(x*) = (−2(1 − x1), 0) = (0, 0) and ∇h(x*) = (−20 x1, 10) = (−20, 10) ≠ 0, so
     * {@code 0 + λ (−20, 10) = 0} gives λ = 0.
     */
    @Test
    void hs006() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v -> x(v, 1).rsub(1).square())
                .equality(v -> x(v, 2).sub(x(v, 1).square()).mul(10))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {-1.2, 1}));
        report("HS006", r, 0, new double[] {1, 1});
        assertSolved(r, 0, new double[] {1, 1});
        assertEquals(0, r.equalityMultipliers()[0], POINT_TOL);
    }

    /**
     * HS028: min (x1 + x2)² + (x2 + x3)² s.t. h = x1 + 2 x2 + 3 x3 − 1 = 0, x0 = (−4, 1, 1); x* = (½, −½, ½),
     * f* = 0.
     *
     * <p>Multiplier: ∇f = (2(x1 + x2), 2(x1 + x2) + 2(x2 + x3), 2(x2 + x3)) vanishes at x* (x1 + x2 = x2 + x3 = 0),
     * and ∇h = (1, 2, 3) ≠ 0, so λ = 0.
     */
    @Test
    void hs028() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v ->
                        x(v, 1).add(x(v, 2)).square().add(x(v, 2).add(x(v, 3)).square()))
                .equality(v -> x(v, 1).add(x(v, 2).mul(2)).add(x(v, 3).mul(3)).sub(1))
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {-4, 1, 1}));
        report("HS028", r, 0, new double[] {0.5, -0.5, 0.5});
        assertSolved(r, 0, new double[] {0.5, -0.5, 0.5});
        assertEquals(0, r.equalityMultipliers()[0], POINT_TOL);
    }

    /**
     * HS035: min 9 − 8x1 − 6x2 − 4x3 + 2x1² + 2x2² + x3² + 2x1x2 + 2x1x3 s.t. x1 + x2 + 2x3 ≤ 3, x ≥ 0,
     * x0 = (½, ½, ½); x* = (4/3, 7/9, 4/9), f* = 1/9.
     *
     * <p>Multipliers: ∇f = (−8 + 4x1 + 2x2 + 2x3, −6 + 2x1 + 4x2, −4 + 2x1 + 2x3). At x*:
     * ∂1 = −8 + 16/3 + 14/9 + 8/9 = −2/9, ∂2 = −6 + 8/3 + 28/9 = −2/9, ∂3 = −4 + 8/3 + 8/9 = −4/9. The constraint is
     * active (4/3 + 7/9 + 8/9 = 3) with ∇g = (1, 1, 2); all x_i > 0, so z_L = 0. Stationarity ∇f + μ∇g = 0 gives
     * μ = 2/9 from each component (−4/9 + 2·2/9 = 0 checks the third).
     */
    @Test
    void hs035() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v -> {
                    Var x1 = x(v, 1);
                    Var x2 = x(v, 2);
                    Var x3 = x(v, 3);
                    return x1.mul(-8)
                            .sub(x2.mul(6))
                            .sub(x3.mul(4))
                            .add(9)
                            .add(x1.square().mul(2))
                            .add(x2.square().mul(2))
                            .add(x3.square())
                            .add(x1.mul(x2).mul(2))
                            .add(x1.mul(x3).mul(2));
                })
                .inequality(v -> x(v, 1).add(x(v, 2)).add(x(v, 3).mul(2)).sub(3))
                .lowerBounds(0, 0, 0)
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {0.5, 0.5, 0.5}));
        double[] xStar = {4.0 / 3, 7.0 / 9, 4.0 / 9};
        report("HS035", r, 1.0 / 9, xStar);
        assertSolved(r, 1.0 / 9, xStar);
        assertEquals(2.0 / 9, r.inequalityMultipliers()[0], POINT_TOL);
        assertArrayEquals(new double[3], r.lowerBoundMultipliers(), POINT_TOL);
        assertArrayEquals(new double[3], r.upperBoundMultipliers(), 0.0);
    }

    /**
     * HS071: min x1 x4 (x1 + x2 + x3) + x3 s.t. x1 x2 x3 x4 ≥ 25, Σ x_i² = 40, 1 ≤ x ≤ 5, x0 = (1, 5, 5, 1);
     * published f* = 17.0140173 at x* ≈ (1, 4.743, 3.82115, 1.37941).
     *
     * <p>Multipliers. Write g = 25 − x1x2x3x4 ≤ 0 and h = Σx² − 40 = 0. At x*, x1 = 1 is at its lower bound and
     * x2, x3, x4 are strictly inside (1, 5), so z_L2 = z_L3 = z_L4 = 0 and z_U = 0; g and h are active. With
     * ∇f = (x4(x1 + x2 + x3) + x1x4, x1x4, x1x4 + 1, x1(x1 + x2 + x3)), ∇g = −(x2x3x4, x1x3x4, x1x2x4, x1x2x3) and
     * ∇h = 2x, the KKT conditions are the six equations in (x2, x3, x4, μ, λ, z_L1)
     *
     * <pre>
     * x4(1 + x2 + x3) + x4 − μ x2x3x4 + 2λ − z_L1 = 0
     * x4 − μ x3x4 + 2λ x2 = 0
     * x4 + 1 − μ x2x4 + 2λ x3 = 0
     * 1 + x2 + x3 − μ x2x3 + 2λ x4 = 0
     * x2x3x4 = 25
     * 1 + x2² + x3² + x4² = 40
     * </pre>
     *
     * Solved by Newton's method in 40-digit arithmetic from the published point (residual 1e-39): x2 =
     * 4.7429996372644, x3 = 3.8211499841849, x4 = 1.3794082931727, μ = 0.55229366012073, λ = 0.16146856677051,
     * z_L1 = 1.0878712286669, f* = 17.014017289156. (These agree with the multipliers Ipopt reports for its HS071
     * example, after its sign convention: −0.552294 and 0.161469 for the constraints, 1.087871 for the bound.)
     */
    @Test
    void hs071() {
        ConstrainedProblem p = ConstrainedProblem.builder()
                .objective(v -> x(v, 1).mul(x(v, 4))
                        .mul(x(v, 1).add(x(v, 2)).add(x(v, 3)))
                        .add(x(v, 3)))
                .inequality(v -> x(v, 1).mul(x(v, 2)).mul(x(v, 3)).mul(x(v, 4)).rsub(25))
                .equality(v -> v.square().sum().sub(40))
                .bounds(new double[] {1, 1, 1, 1}, new double[] {5, 5, 5, 5})
                .build();
        ConstrainedResult r = SOLVER.solve(p, Tensor.of(new double[] {1, 5, 5, 1}));
        double[] xStar = {1, 4.7429996372644, 3.8211499841849, 1.3794082931727};
        double fStar = 17.014017289156;
        report("HS071", r, fStar, xStar);
        assertSolved(r, fStar, xStar);
        assertEquals(17.0140173, r.value(), 1e-7); // the published value, to its 7 decimals
        assertEquals(0.16146856677051, r.equalityMultipliers()[0], POINT_TOL);
        assertEquals(0.55229366012073, r.inequalityMultipliers()[0], POINT_TOL);
        assertArrayEquals(new double[] {1.0878712286669, 0, 0, 0}, r.lowerBoundMultipliers(), POINT_TOL);
        assertArrayEquals(new double[4], r.upperBoundMultipliers(), POINT_TOL);
    }
}
