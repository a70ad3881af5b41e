package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.autodiff.GradientTape;
import org.nabla4j.autodiff.TapeException;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.integrate.gauss.GaussKronrodRule;

/** Gradients of integrals with respect to parameters on a tape, against closed forms. */
class DifferentiableQuadratureTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Tolerance requested of the value in these tests. */
    private static final double REQUESTED = 1e-12;
    /** Accuracy required of values and gradients: smooth θ-derivatives are integrated as accurately as the value. */
    private static final double REQUIRED_F64 = 1e-10;
    /** The same for FLOAT32 nodes, parameters and values. */
    private static final double REQUIRED_F32 = 1e-5;

    private static final double[] THETAS = {0.5, 1.0, 2.0, -1.5};

    /** A method under test: integrates f over [a, b] on the tape. */
    @FunctionalInterface
    private interface Method {
        DifferentiableIntegral integrate(GradientTape tape, Function<Var, Var> f, double a, double b);
    }

    private static final List<Method> METHODS = List.of(
            (tape, f, a, b) -> DifferentiableQuadrature.integrate(tape, f, a, b, 0, REQUESTED),
            (tape, f, a, b) -> DifferentiableQuadrature.integrate(
                    tape,
                    f,
                    a,
                    b,
                    GaussKronrodIntegrator.create()
                            .withRule(GaussKronrodRule.G15_K31)
                            .withExtrapolation(false)
                            .withTolerance(0, REQUESTED),
                    EJML,
                    DType.FLOAT64),
            (tape, f, a, b) -> DifferentiableQuadrature.integrate(
                    tape, f, a, b, TanhSinhIntegrator.create().withTolerance(0, REQUESTED), EJML, DType.FLOAT64),
            (tape, f, a, b) -> DifferentiableQuadrature.gaussLegendre(tape, f, a, b, 30, EJML, DType.FLOAT64));

    private static void assertRelative(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected), what);
    }

    /** The value Var, the diagnostics' value and the closed form agree. */
    private static void assertValue(double expected, DifferentiableIntegral r, String what) {
        assertTrue(r.isConverged() || r.diagnostics().status() == QuadratureStatus.FIXED_RULE, () -> what + ": " + r);
        assertEquals(0, r.value().rank());
        assertRelative(expected, r.value().item(), REQUIRED_F64, what + ": value");
        assertRelative(r.diagnostics().value(), r.value().item(), 1e-14, what + ": Var value vs diagnostics");
    }

    @Test
    void derivativeOfTheExponentialIntegralMatchesTheClosedForm() {
        for (int m = 0; m < METHODS.size(); m++) {
            for (double theta : THETAS) {
                String what = "method " + m + ", theta = " + theta;
                try (GradientTape tape = new GradientTape()) {
                    Var t = tape.watch(EJML.scalar(theta));
                    DifferentiableIntegral r =
                            METHODS.get(m).integrate(tape, x -> x.mul(t).exp(), 0, 1);
                    // ∫_0^1 e^{θx} dx = (e^θ - 1)/θ and its derivative ((θ - 1) e^θ + 1)/θ²
                    assertValue(Math.expm1(theta) / theta, r, what);
                    double gradient = tape.gradient(r.value(), t).item();
                    assertRelative(
                            ((theta - 1) * Math.exp(theta) + 1) / (theta * theta),
                            gradient,
                            REQUIRED_F64,
                            what + ": gradient");
                }
            }
        }
    }

    @Test
    void twoParametersOfADampedSine() {
        double a = 1.3;
        double b = 0.7;
        // I(a, b) = ∫_0^1 sin(ax) e^{-bx} dx = N/D with N = a - e^{-b}(b sin a + a cos a), D = a² + b²
        double eb = Math.exp(-b);
        double n = a - eb * (b * Math.sin(a) + a * Math.cos(a));
        double d = a * a + b * b;
        double dnda = 1 - eb * (b * Math.cos(a) + Math.cos(a) - a * Math.sin(a));
        double dndb = eb * ((b - 1) * Math.sin(a) + a * Math.cos(a));
        double expected = n / d;
        double expectedDa = (dnda * d - 2 * a * n) / (d * d);
        double expectedDb = (dndb * d - 2 * b * n) / (d * d);
        for (int m = 0; m < METHODS.size(); m++) {
            try (GradientTape tape = new GradientTape()) {
                Var av = tape.watch(EJML.scalar(a));
                Var bv = tape.watch(EJML.scalar(b));
                DifferentiableIntegral r = METHODS.get(m)
                        .integrate(
                                tape, x -> x.mul(av).sin().mul(x.mul(bv).neg().exp()), 0, 1);
                assertValue(expected, r, "method " + m);
                Tensor[] g = tape.gradient(r.value(), av, bv);
                assertRelative(expectedDa, g[0].item(), REQUIRED_F64, "method " + m + ": dI/da");
                assertRelative(expectedDb, g[1].item(), REQUIRED_F64, "method " + m + ": dI/db");
            }
        }
    }

    @Test
    void infiniteRangesByTheVariableTransformations() {
        double theta = 0.8;
        List<Method> adaptive = METHODS.subList(0, 3);
        for (int m = 0; m < adaptive.size(); m++) {
            try (GradientTape tape = GradientTape.persistent()) {
                Var t = tape.watch(EJML.scalar(theta));
                // ∫_0^∞ e^{-θx} dx = 1/θ
                DifferentiableIntegral half =
                        adaptive.get(m).integrate(tape, x -> x.mul(t).neg().exp(), 0, INF);
                assertValue(1 / theta, half, "method " + m + ", half line");
                assertRelative(
                        -1 / (theta * theta),
                        tape.gradient(half.value(), t).item(),
                        REQUIRED_F64,
                        "method " + m + ": d/dθ over the half line");
                // ∫_{-∞}^{∞} e^{-θx²} dx = √(π/θ)
                DifferentiableIntegral line = adaptive.get(m)
                        .integrate(tape, x -> x.square().mul(t).neg().exp(), -INF, INF);
                assertValue(Math.sqrt(Math.PI / theta), line, "method " + m + ", whole line");
                assertRelative(
                        -0.5 * Math.sqrt(Math.PI) * Math.pow(theta, -1.5),
                        tape.gradient(line.value(), t).item(),
                        REQUIRED_F64,
                        "method " + m + ": d/dθ over the line");
                // Reversed: ∫_0^{-∞} e^{θx} dx = -1/θ
                DifferentiableIntegral reversed =
                        adaptive.get(m).integrate(tape, x -> x.mul(t).exp(), 0, -INF);
                assertValue(-1 / theta, reversed, "method " + m + ", reversed lower half line");
                assertRelative(
                        1 / (theta * theta),
                        tape.gradient(reversed.value(), t).item(),
                        REQUIRED_F64,
                        "method " + m + ": d/dθ, reversed");
            }
        }
    }

    @Test
    void endpointSingularityWithDoubleExponentialQuadrature() {
        // ∫_0^1 x^θ dx = 1/(θ + 1); the θ-derivative x^θ ln x is singular at 0 as well, and integrable.
        double theta = -0.5;
        try (GradientTape tape = new GradientTape()) {
            Var t = tape.watch(EJML.scalar(theta));
            DifferentiableIntegral r = DifferentiableQuadrature.integrate(
                    tape,
                    x -> x.pow(t),
                    0,
                    1,
                    TanhSinhIntegrator.create().withTolerance(0, REQUESTED),
                    EJML,
                    DType.FLOAT64);
            assertValue(1 / (theta + 1), r, "x^θ");
            assertRelative(
                    -1 / ((theta + 1) * (theta + 1)),
                    tape.gradient(r.value(), t).item(),
                    REQUIRED_F64,
                    "d/dθ x^θ");
        }
    }

    @Test
    void reversedLimitsAndEmptyRange() {
        double theta = 2.0;
        try (GradientTape tape = GradientTape.persistent()) {
            Var t = tape.watch(EJML.scalar(theta));
            for (int m = 0; m < METHODS.size(); m++) {
                DifferentiableIntegral r =
                        METHODS.get(m).integrate(tape, x -> x.mul(t).exp(), 1, 0);
                assertValue(-Math.expm1(theta) / theta, r, "method " + m + ", reversed");
                assertRelative(
                        -((theta - 1) * Math.exp(theta) + 1) / (theta * theta),
                        tape.gradient(r.value(), t).item(),
                        REQUIRED_F64,
                        "method " + m + ", reversed gradient");
                DifferentiableIntegral empty = METHODS.get(m)
                        .integrate(
                                tape,
                                x -> {
                                    throw new AssertionError("an empty range needs no evaluation");
                                },
                                0.5,
                                0.5);
                assertEquals(0.0, empty.value().item());
                assertEquals(0, empty.diagnostics().evaluations());
            }
        }
    }

    @Test
    void theIntegrandIsAppliedOncePerRuleApplicationAndOnceOnTheFinalNodes() {
        List<Integer> sizes = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            Var t = tape.watch(EJML.scalar(30.0));
            // A peaked integrand needs bisections.
            DifferentiableIntegral r = DifferentiableQuadrature.integrate(
                    tape,
                    x -> {
                        sizes.add(x.size());
                        return x.sub(0.5).square().mul(t).neg().exp();
                    },
                    0,
                    1,
                    0,
                    1e-10);
            assertTrue(r.isConverged(), r::toString);
            int rule = GaussKronrodRule.G7_K15.size();
            long evaluations = r.diagnostics().evaluations();
            long bisections = (evaluations - rule) / (2L * rule);
            assertTrue(bisections > 0, r::toString);
            assertEquals(1 + bisections + 1, sizes.size(), sizes::toString);
            assertEquals(rule * r.diagnostics().subintervals(), sizes.get(sizes.size() - 1));
            // ∫_0^1 e^{-θ(x - 1/2)²} dx = √(π/θ) erf(√θ / 2); d/dθ = -∫ (x - 1/2)² e^{-θ(x - 1/2)²} dx < 0
            assertTrue(tape.gradient(r.value(), t).item() < 0);
        }
    }

    @Test
    void gaussLegendreIsExactForPolynomialsAndReportsNonFiniteValues() {
        try (GradientTape tape = GradientTape.persistent()) {
            Var t = tape.watch(EJML.scalar(3.0));
            // ∫_{-1}^{2} θ x^5 + θ² x dx = θ (64 - 1)/6 + θ² (4 - 1)/2: exact with 3 nodes
            DifferentiableIntegral r = DifferentiableQuadrature.gaussLegendre(
                    tape, x -> x.pow(5).mul(t).add(x.mul(t.square())), -1, 2, 3);
            assertEquals(QuadratureStatus.FIXED_RULE, r.diagnostics().status());
            assertEquals(3, r.diagnostics().evaluations());
            assertRelative(3.0 * 63 / 6 + 9.0 * 3 / 2, r.value().item(), 1e-14, "value");
            assertRelative(
                    63.0 / 6 + 2 * 3.0 * 3 / 2, tape.gradient(r.value(), t).item(), 1e-14, "gradient");
            DifferentiableIntegral nan =
                    DifferentiableQuadrature.gaussLegendre(tape, x -> x.log().mul(t), -1, 1, 4);
            assertEquals(
                    QuadratureStatus.NON_FINITE_INTEGRAND, nan.diagnostics().status());
            assertTrue(
                    nan.diagnostics().message().contains("NaN at x = -0.86"),
                    nan.diagnostics().message());
            assertTrue(Double.isNaN(nan.value().item()));
        }
    }

    @Test
    void nonFiniteValuesDuringTheSearchAreReported() {
        try (GradientTape tape = new GradientTape()) {
            Var t = tape.watch(EJML.scalar(1.0));
            DifferentiableIntegral r = DifferentiableQuadrature.integrate(
                    tape, x -> x.sub(0.5).log().mul(t), 0, 1);
            assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, r.diagnostics().status());
            assertTrue(
                    r.diagnostics().message().contains("integrand returned -Infinity at x = 0.5"),
                    r.diagnostics().message());
            // The nodes that produced the non-finite value are the ones on the tape: value and gradient say so.
            assertTrue(Double.isNaN(r.value().item()));
            assertTrue(Double.isNaN(tape.gradient(r.value(), t).item()));
        }
    }

    @Test
    void float32ParametersAndNodes() {
        double theta = 1.5;
        try (GradientTape tape = GradientTape.persistent()) {
            Var t = tape.watch(EJML.scalar(DType.FLOAT32, theta));
            Function<Var, Var> f = x -> x.mul(t).exp();
            DifferentiableIntegral gl = DifferentiableQuadrature.gaussLegendre(tape, f, 0, 1, 8, EJML, DType.FLOAT32);
            DifferentiableIntegral gk = DifferentiableQuadrature.integrate(
                    tape,
                    f,
                    0,
                    1,
                    GaussKronrodIntegrator.create().withExtrapolation(false).withTolerance(0, 1e-5),
                    EJML,
                    DType.FLOAT32);
            for (DifferentiableIntegral r : List.of(gl, gk)) {
                assertEquals(DType.FLOAT32, r.value().dtype());
                assertRelative(Math.expm1(theta) / theta, r.value().item(), REQUIRED_F32, "value");
                assertRelative(
                        ((theta - 1) * Math.exp(theta) + 1) / (theta * theta),
                        tape.gradient(r.value(), t).item(),
                        REQUIRED_F32,
                        "gradient");
            }
        }
    }

    @Test
    void theTapeOwnsWhatTheIntegralCreated() {
        Var value;
        Tensor parameter = EJML.scalar(1.0);
        try (GradientTape tape = new GradientTape()) {
            Var t = tape.watch(parameter);
            value = DifferentiableQuadrature.integrate(tape, x -> x.mul(t).exp(), 0, 1)
                    .value();
            assertFalse(value.value().isClosed());
        }
        assertTrue(value.value().isClosed(), "closing the tape releases the integral's tensors");
        assertFalse(parameter.isClosed(), "the caller's tensors stay the caller's");
    }

    /** A method with differentiable limits: integrates f from a to b (rank-0 Vars) on the tape. */
    @FunctionalInterface
    private interface VarLimitsMethod {
        DifferentiableIntegral integrate(GradientTape tape, Function<Var, Var> f, Var a, Var b);
    }

    private static final List<VarLimitsMethod> VAR_LIMITS_METHODS = List.of(
            (tape, f, a, b) -> DifferentiableQuadrature.integrate(tape, f, a, b, 0, REQUESTED),
            (tape, f, a, b) -> DifferentiableQuadrature.integrate(tape, f, a, b),
            (tape, f, a, b) -> DifferentiableQuadrature.gaussLegendre(tape, f, a, b, 30));

    @Test
    void gradientsWithRespectToTheLimitsFollowLeibnizsRule() {
        // I(a, b, θ) = ∫_a^b e^{θx} dx = (e^{θb} − e^{θa})/θ: ∂I/∂b = e^{θb}, ∂I/∂a = −e^{θa},
        // ∂I/∂θ = (b e^{θb} − a e^{θa})/θ − I/θ, and ∂²I/∂b² = θ e^{θb}, ∂²I/∂a∂b = 0.
        double[][] ranges = {{0.3, 1.7}, {-1.0, 2.0}, {2.0, -0.5}};
        for (int m = 0; m < VAR_LIMITS_METHODS.size(); m++) {
            for (double[] range : ranges) {
                double a = range[0];
                double b = range[1];
                double theta = 0.8;
                String what = "method " + m + ", [" + a + ", " + b + "]";
                try (GradientTape tape = GradientTape.persistent()) {
                    Var av = tape.watch(EJML.scalar(a));
                    Var bv = tape.watch(EJML.scalar(b));
                    Var t = tape.watch(EJML.scalar(theta));
                    DifferentiableIntegral r = VAR_LIMITS_METHODS
                            .get(m)
                            .integrate(tape, x -> x.mul(t).exp(), av, bv);
                    double ea = Math.exp(theta * a);
                    double eb = Math.exp(theta * b);
                    double value = (eb - ea) / theta;
                    assertRelative(value, r.value().item(), REQUIRED_F64, what + ": value");
                    Var[] g = tape.gradientVars(r.value(), av, bv, t);
                    assertRelative(-ea, g[0].item(), REQUIRED_F64, what + ": dI/da");
                    assertRelative(eb, g[1].item(), REQUIRED_F64, what + ": dI/db");
                    assertRelative(
                            (b * eb - a * ea) / theta - value / theta, g[2].item(), REQUIRED_F64, what + ": dI/dθ");
                    Tensor[] second = tape.gradient(g[1], av, bv);
                    assertEquals(0.0, second[0].item(), 1e-9, what + ": d²I/da db");
                    assertRelative(theta * eb, second[1].item(), 1e-9, what + ": d²I/db²");
                }
            }
        }
    }

    @Test
    void limitGradientsOnAnEmptyRangeAreTheIntegrandAtThePoint() {
        for (int m = 0; m < VAR_LIMITS_METHODS.size(); m++) {
            try (GradientTape tape = GradientTape.persistent()) {
                Var a = tape.watch(EJML.scalar(0.7));
                Var b = tape.watch(EJML.scalar(0.7));
                DifferentiableIntegral r = VAR_LIMITS_METHODS.get(m).integrate(tape, Var::sin, a, b);
                assertEquals(0.0, r.value().item(), 0.0);
                Var[] g = tape.gradientVars(r.value(), a, b);
                assertEquals(-Math.sin(0.7), g[0].item(), 1e-15, "method " + m + ": dI/da");
                assertEquals(Math.sin(0.7), g[1].item(), 1e-15, "method " + m + ": dI/db");
                assertEquals(Math.cos(0.7), tape.gradient(g[1], b).item(), 1e-15, "method " + m + ": d²I/db²");
            }
        }
    }

    @Test
    void limitVarsAreValidated() {
        try (GradientTape tape = new GradientTape();
                GradientTape other = new GradientTape()) {
            Var one = tape.watch(EJML.scalar(1.0));
            Var zero = tape.watch(EJML.scalar(0.0));
            Var vector = tape.watch(EJML.of(new double[] {0, 1}));
            InvalidArgumentException shape = assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.integrate(tape, x -> x, vector, one));
            assertTrue(
                    shape.getMessage().contains("limit a") && shape.getMessage().contains("[2]"), shape.getMessage());
            Var inf = tape.watch(EJML.scalar(Double.POSITIVE_INFINITY));
            InvalidArgumentException infinite = assertThrows(
                    InvalidArgumentException.class, () -> DifferentiableQuadrature.integrate(tape, x -> x, zero, inf));
            assertTrue(infinite.getMessage().contains("limit b"), infinite.getMessage());
            Var foreign = other.watch(EJML.scalar(1.0));
            assertThrows(TapeException.class, () -> DifferentiableQuadrature.integrate(tape, x -> x, zero, foreign));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.integrate(tape, x -> x, (Var) null, one));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.gaussLegendre(tape, x -> x, zero, one, 0));
        }
    }

    @Test
    void badInputThrowsNamedExceptions() {
        try (GradientTape tape = new GradientTape();
                GradientTape other = new GradientTape()) {
            Var t = tape.watch(EJML.scalar(1.0));
            InvalidArgumentException extrapolating = assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.integrate(
                            tape, x -> x.mul(t), 0, 1, GaussKronrodIntegrator.create(), EJML, DType.FLOAT64));
            assertTrue(extrapolating.getMessage().contains("withExtrapolation(false)"), extrapolating.getMessage());
            ShapeMismatchException shape = assertThrows(
                    ShapeMismatchException.class,
                    () -> DifferentiableQuadrature.integrate(tape, x -> x.mul(t).reshape(x.size(), 1), 0, 1));
            assertTrue(shape.getMessage().contains("expected shape [15], got [15, 1]"), shape.getMessage());
            ShapeMismatchException reduced = assertThrows(
                    ShapeMismatchException.class,
                    () -> DifferentiableQuadrature.gaussLegendre(
                            tape, x -> x.mul(t).sum(), 0, 1, 4));
            assertTrue(reduced.getMessage().contains("expected shape [4], got []"), reduced.getMessage());
            Var foreign = other.watch(EJML.scalar(1.0));
            assertThrows(TapeException.class, () -> DifferentiableQuadrature.integrate(tape, x -> foreign, 0, 1));
            assertThrows(InvalidArgumentException.class, () -> DifferentiableQuadrature.integrate(null, x -> x, 0, 1));
            assertThrows(InvalidArgumentException.class, () -> DifferentiableQuadrature.integrate(tape, null, 0, 1));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.gaussLegendre(tape, x -> x, 0, INF, 4));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.gaussLegendre(tape, x -> x, 0, 1, 0));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.integrate(tape, x -> x, Double.NaN, 1));
            assertThrows(
                    InvalidArgumentException.class,
                    () -> DifferentiableQuadrature.integrate(tape, x -> x, 0, 1, -1, 1e-8));
        }
    }
}
