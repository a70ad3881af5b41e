package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.integrate.gauss.GaussKronrodRule;

/**
 * Batched integrands against their scalar counterparts: the same algorithm must give the same value, status and
 * evaluation count, while calling the batched function once per rule application (or tanh-sinh level).
 */
class BatchedQuadratureTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Batched and scalar runs perform the same arithmetic: any difference is a few roundings of the final sum. */
    private static final double SAME_VALUE_F64 = 1e-15;
    /** Relative tolerance asked of FLOAT32 runs: what single-precision nodes and values can deliver. */
    private static final double REQUESTED_F32 = 1e-5;
    /**
     * The same for tanh-sinh: its estimate of the tail cut off one float ulp from a regular endpoint (the last term,
     * not its integral) is some 30 times the true tail, about 5e-5 relative for x^5 on [0, 2].
     */
    private static final double REQUESTED_F32_TANH_SINH = 1e-4;

    /**
     * The classic set of {@link IntegrationCase#CLASSIC} written with tensor operations in the same order as the
     * scalar lambdas, so that the backend (which evaluates element-wise with {@code Math}) returns the same values.
     */
    private static final Map<String, BatchIntegrand> TENSOR_FORMS = Map.of(
            "x^5 - 2x^3 + x on [0, 2]",
                    x -> x.mul(x)
                            .mul(x)
                            .mul(x)
                            .mul(x)
                            .sub(x.mul(2.0).mul(x).mul(x))
                            .add(x),
            "e^x on [0, 1]", Tensor::exp,
            "1/(1 + 25x^2) on [-1, 1]", x -> x.mul(25.0).mul(x).add(1.0).rdiv(1.0),
            "x^(-1/2) on [0, 1]", x -> x.sqrt().rdiv(1.0),
            "e^(-x^2) on (-inf, inf)", x -> x.neg().mul(x).exp(),
            "sin^2(50x) on [0, pi]",
                    x -> {
                        Tensor s = x.mul(50.0).sin();
                        return s.mul(s);
                    },
            "x^2.6 ln(1/x) on [0, 1]", x -> x.pow(2.6).mul(x.rdiv(1.0).log()));

    /** Counts the calls of a batched integrand and the nodes it received, and checks the node tensors. */
    private static final class Recorder implements BatchIntegrand {
        final BatchIntegrand f;
        final DType dtype;
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Tensor> nodeTensors = new ArrayList<>();

        Recorder(BatchIntegrand f, DType dtype) {
            this.f = f;
            this.dtype = dtype;
        }

        @Override
        public Tensor apply(Tensor nodes) {
            assertEquals(1, nodes.rank(), "nodes must be 1-D");
            assertEquals(dtype, nodes.dtype());
            assertEquals(EJML, nodes.backend());
            batchSizes.add(nodes.size());
            nodeTensors.add(nodes);
            return f.apply(nodes);
        }

        long nodes() {
            return batchSizes.stream().mapToLong(Integer::longValue).sum();
        }

        void assertAllClosed() {
            for (Tensor t : nodeTensors) {
                assertTrue(t.isClosed(), "node tensor left open: " + t.describe());
            }
        }
    }

    static Stream<Arguments> rulesAndCases() {
        List<GaussKronrodRule> rules =
                List.of(GaussKronrodRule.G7_K15, GaussKronrodRule.G10_K21, GaussKronrodRule.G15_K31);
        return rules.stream().flatMap(r -> IntegrationCase.CLASSIC.stream().map(c -> Arguments.of(r, c)));
    }

    static Stream<IntegrationCase> classic() {
        return IntegrationCase.CLASSIC.stream();
    }

    private static Recorder recorder(IntegrationCase c) {
        BatchIntegrand f = TENSOR_FORMS.get(c.name());
        assertNotNull(f, c.name());
        return new Recorder(f, DType.FLOAT64);
    }

    private static void assertSameResult(QuadratureResult scalar, QuadratureResult batched, String name) {
        assertEquals(scalar.status(), batched.status(), () -> name + ": " + scalar + " vs " + batched);
        assertEquals(scalar.evaluations(), batched.evaluations(), () -> name + ": " + scalar + " vs " + batched);
        assertEquals(scalar.subintervals(), batched.subintervals(), () -> name + ": " + scalar + " vs " + batched);
        assertEquals(
                scalar.value(),
                batched.value(),
                SAME_VALUE_F64 * Math.abs(scalar.value()),
                () -> name + ": " + scalar + " vs " + batched);
        assertEquals(
                scalar.errorEstimate(),
                batched.errorEstimate(),
                1e-6 * scalar.errorEstimate(),
                () -> name + ": " + scalar + " vs " + batched);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rulesAndCases")
    void gaussKronrodBatchedEqualsScalarWithOneCallPerBisection(GaussKronrodRule rule, IntegrationCase c) {
        GaussKronrodIntegrator gk =
                GaussKronrodIntegrator.create().withRule(rule).withTolerance(0, IntegrationCase.REQUESTED_RELATIVE);
        QuadratureResult scalar = gk.integrate(c.f(), c.a(), c.b());
        Recorder f = recorder(c);
        QuadratureResult batched = gk.integrateBatched(f, c.a(), c.b(), EJML, DType.FLOAT64);
        assertSameResult(scalar, batched, c.name());
        c.assertAccurateAndHonest(batched, IntegrationCase.REQUIRED_RELATIVE);
        // First call: one rule application; every further call: both halves of one bisection.
        int size = rule.size();
        assertEquals(size, f.batchSizes.get(0));
        for (int i = 1; i < f.batchSizes.size(); i++) {
            assertEquals(2 * size, f.batchSizes.get(i), "call " + i);
        }
        long bisections = (batched.evaluations() - size) / (2L * size);
        assertEquals(1 + bisections, f.batchSizes.size());
        assertEquals(batched.evaluations(), f.nodes());
        f.assertAllClosed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classic")
    void tanhSinhBatchedEqualsScalarWithOneCallPerLevel(IntegrationCase c) {
        TanhSinhIntegrator ts = TanhSinhIntegrator.create().withTolerance(0, IntegrationCase.REQUESTED_RELATIVE);
        QuadratureResult scalar = ts.integrate(c.f(), c.a(), c.b());
        Recorder f = recorder(c);
        QuadratureResult batched = ts.integrateBatched(f, c.a(), c.b(), EJML, DType.FLOAT64);
        assertSameResult(scalar, batched, c.name());
        assertEquals(batched.evaluations(), f.nodes());
        if (batched.isConverged()) {
            Matcher m = Pattern.compile("after (\\d+) levels").matcher(batched.message());
            assertTrue(m.find(), batched.message());
            // Level 0 plus one call per refinement.
            assertEquals(Integer.parseInt(m.group(1)) + 1, f.batchSizes.size(), batched::toString);
        }
        f.assertAllClosed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classic")
    void defaultMethodBatchedEqualsScalar(IntegrationCase c) {
        QuadratureResult scalar = Quadrature.integrate(
                c.f(), c.a(), c.b(), 0, IntegrationCase.REQUESTED_RELATIVE, Quadrature.DEFAULT_MAX_EVALUATIONS);
        Recorder f = recorder(c);
        QuadratureResult batched = Quadrature.integrateBatched(
                f,
                c.a(),
                c.b(),
                0,
                IntegrationCase.REQUESTED_RELATIVE,
                Quadrature.DEFAULT_MAX_EVALUATIONS,
                EJML,
                DType.FLOAT64);
        assertSameResult(scalar, batched, c.name());
        c.assertAccurateAndHonest(batched, IntegrationCase.REQUIRED_RELATIVE);
        assertEquals(batched.evaluations(), f.nodes());
        f.assertAllClosed();
    }

    @Test
    void defaultBackendAndDTypeOverloads() {
        // the surefire configuration makes EJML the default backend for this module's tests
        Recorder f = new Recorder(Tensor::exp, DType.FLOAT64);
        QuadratureResult gk = GaussKronrodIntegrator.create().integrateBatched(f, 0, 1);
        assertEquals(Math.E - 1, gk.value(), 1e-14);
        assertEquals(1, f.batchSizes.size());
        QuadratureResult ts = TanhSinhIntegrator.create().integrateBatched(Tensor::exp, 0, 1);
        assertEquals(Math.E - 1, ts.value(), 1e-12);
        QuadratureResult def = Quadrature.integrateBatched(x -> x.neg().exp(), 0, INF);
        assertEquals(1.0, def.value(), 1e-12);
        QuadratureResult gl = Quadrature.gaussLegendreBatched(Tensor::exp, 0, 1, 12);
        assertEquals(Math.E - 1, gl.value(), 4 * Math.ulp(1.0));
    }

    @Test
    void gaussLegendreBatchedIsOneCallAndEqualsScalar() {
        for (int n : new int[] {1, 5, 20, 101}) {
            Recorder f = new Recorder(x -> x.mul(3.0).sin().mul(x.exp()), DType.FLOAT64);
            DoubleUnaryOperator g = x -> Math.sin(x * 3.0) * Math.exp(x);
            QuadratureResult scalar = Quadrature.gaussLegendre(g, 2, -1, n);
            QuadratureResult batched = Quadrature.gaussLegendreBatched(f, 2, -1, n, EJML, DType.FLOAT64);
            assertEquals(List.of(n), f.batchSizes);
            assertEquals(scalar.value(), batched.value(), 0.0, "n = " + n);
            assertEquals(QuadratureStatus.FIXED_RULE, batched.status());
            assertEquals(n, batched.evaluations());
            f.assertAllClosed();
        }
        QuadratureResult empty = Quadrature.gaussLegendreBatched(
                x -> {
                    throw new AssertionError("an empty range needs no evaluation");
                },
                1,
                1,
                5);
        assertEquals(0.0, empty.value());
    }

    @Test
    void breakPointsAreEvaluatedTogetherInTheFirstCall() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withTolerance(0, 1e-10);
        Recorder f = new Recorder(x -> x.sub(1.0 / 3.0).abs().sqrt().rdiv(1.0), DType.FLOAT64);
        QuadratureResult r = gk.integrateBatched(f, 0, 1, EJML, DType.FLOAT64, 1.0 / 3.0);
        double third = 1.0 / 3.0;
        assertTrue(r.isConverged(), r::toString);
        assertEquals(2 * (Math.sqrt(third) + Math.sqrt(2 * third)), r.value(), 1e-9);
        assertEquals(2 * GaussKronrodRule.G10_K21.size(), f.batchSizes.get(0));
        QuadratureResult scalar = gk.integrate(x -> 1 / Math.sqrt(Math.abs(x - third)), 0, 1, third);
        assertEquals(scalar.evaluations(), r.evaluations());
    }

    /** A batched integrand computed in plain Java from the node values, for integrands with special points. */
    private static BatchIntegrand pointwise(DoubleUnaryOperator g) {
        return nodes -> {
            double[] x = nodes.toDoubleArray();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = g.applyAsDouble(x[i]);
            }
            return nodes.backend().of(nodes.dtype(), y, y.length);
        };
    }

    @Test
    void nonFiniteBatchedValuesAreReportedWithThePoint() {
        BatchIntegrand nanAtHalf = pointwise(x -> x == 0.5 ? Double.NaN : x);
        QuadratureResult gk = GaussKronrodIntegrator.create().integrateBatched(nanAtHalf, 0, 1);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, gk.status());
        assertTrue(gk.message().contains("integrand returned NaN at x = 0.5"), gk.message());
        assertTrue(Double.isNaN(gk.value()));
        // Found during bisection: the value is the estimate before the step.
        double third = 1.0 / 3.0;
        QuadratureResult late = GaussKronrodIntegrator.create()
                .withRule(GaussKronrodRule.G7_K15)
                .integrateBatched(
                        pointwise(x -> Math.abs(x - third) < 1e-3 ? Double.NaN : Math.sqrt(Math.abs(x - third))), 0, 1);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, late.status());
        assertTrue(late.message().contains("integrand returned NaN at x = 0.33"), late.message());
        assertTrue(Double.isFinite(late.value()), late::toString);
        QuadratureResult ts = TanhSinhIntegrator.create()
                .integrateBatched(pointwise(x -> x > 0.9 ? Double.POSITIVE_INFINITY : x), 0, 1);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, ts.status());
        assertTrue(ts.message().contains("Infinity at x = 0.9"), ts.message());
        QuadratureResult gl = Quadrature.gaussLegendreBatched(pointwise(x -> x > 0.5 ? Double.NaN : 1), 0, 1, 4);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, gl.status());
        assertTrue(gl.message().contains("NaN at x = 0.6"), gl.message());
        QuadratureResult infinite = Quadrature.integrateBatched(pointwise(x -> x > 2 ? Double.NaN : 1.0), 0, INF);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, infinite.status());
        assertTrue(infinite.message().contains("NaN at x = "), infinite.message());
    }

    @Test
    void wrongOutputShapesThrowNamingBothShapes() {
        BatchIntegrand column = x -> x.reshape(x.size(), 1);
        ShapeMismatchException gk = assertThrows(ShapeMismatchException.class, () -> GaussKronrodIntegrator.create()
                .integrateBatched(column, 0, 1));
        assertTrue(gk.getMessage().contains("expected shape [21], got [21, 1]"), gk.getMessage());
        BatchIntegrand sum = Tensor::sum;
        ShapeMismatchException gl =
                assertThrows(ShapeMismatchException.class, () -> Quadrature.gaussLegendreBatched(sum, 0, 1, 7));
        assertTrue(gl.getMessage().contains("expected shape [7], got []"), gl.getMessage());
        BatchIntegrand tooLong = x -> Tensor.concat(0, x, x);
        ShapeMismatchException ts = assertThrows(
                ShapeMismatchException.class, () -> TanhSinhIntegrator.create().integrateBatched(tooLong, 0, 1));
        assertTrue(ts.getMessage().startsWith("TanhSinhIntegrator.integrateBatched: "), ts.getMessage());
        Matcher shapes =
                Pattern.compile("expected shape \\[(\\d+)], got \\[(\\d+)]").matcher(ts.getMessage());
        assertTrue(shapes.find(), ts.getMessage());
        assertEquals(2 * Integer.parseInt(shapes.group(1)), Integer.parseInt(shapes.group(2)), ts.getMessage());
        InvalidArgumentException nullResult =
                assertThrows(InvalidArgumentException.class, () -> Quadrature.integrateBatched(x -> null, 0, 1));
        assertTrue(nullResult.getMessage().contains("returned null"), nullResult.getMessage());
    }

    @Test
    void badArgumentsThrow() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create();
        assertThrows(InvalidArgumentException.class, () -> gk.integrateBatched(null, 0, 1));
        assertThrows(InvalidArgumentException.class, () -> gk.integrateBatched(Tensor::exp, 0, 1, null, DType.FLOAT64));
        assertThrows(InvalidArgumentException.class, () -> gk.integrateBatched(Tensor::exp, 0, 1, EJML, null));
        assertThrows(InvalidArgumentException.class, () -> gk.integrateBatched(Tensor::exp, Double.NaN, 1));
        assertThrows(InvalidArgumentException.class, () -> TanhSinhIntegrator.create()
                .integrateBatched(Tensor::exp, 0, Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> Quadrature.gaussLegendreBatched(Tensor::exp, 0, INF, 4));
        assertThrows(InvalidArgumentException.class, () -> Quadrature.gaussLegendreBatched(Tensor::exp, 0, 1, 0));
        assertThrows(
                InvalidArgumentException.class,
                () -> Quadrature.integrateBatched(Tensor::exp, 0, 1, 0, 0, 1000, EJML, DType.FLOAT64));
        QuadratureResult empty = gk.integrateBatched(
                x -> {
                    throw new AssertionError("an empty range needs no evaluation");
                },
                2,
                2);
        assertEquals(0, empty.evaluations());
    }

    @Test
    void float32NodesMeetSinglePrecisionTolerances() {
        GaussKronrodIntegrator gk = GaussKronrodIntegrator.create().withTolerance(0, REQUESTED_F32);
        TanhSinhIntegrator ts = TanhSinhIntegrator.create().withTolerance(0, REQUESTED_F32_TANH_SINH);
        for (IntegrationCase c : IntegrationCase.CLASSIC) {
            Recorder f = new Recorder(TENSOR_FORMS.get(c.name()), DType.FLOAT32);
            assertFloat32(c, gk.integrateBatched(f, c.a(), c.b(), EJML, DType.FLOAT32), REQUESTED_F32);
            f.assertAllClosed();
            Recorder g = new Recorder(TENSOR_FORMS.get(c.name()), DType.FLOAT32);
            assertFloat32(c, ts.integrateBatched(g, c.a(), c.b(), EJML, DType.FLOAT32), REQUESTED_F32_TANH_SINH);
            g.assertAllClosed();
        }
        // Singularities at a finite end and decay towards an infinite one: double-precision node limits would round
        // onto the end (giving an infinite value) or overflow float.
        TanhSinhIntegrator tight = ts.withTolerance(0, REQUESTED_F32);
        QuadratureResult log = tight.integrateBatched(Tensor::log, 0, 1, EJML, DType.FLOAT32);
        assertTrue(log.isConverged(), log::toString);
        assertEquals(-1.0, log.value(), REQUESTED_F32);
        QuadratureResult tail = tight.integrateBatched(x -> x.neg().exp().div(x.sqrt()), 0, INF, EJML, DType.FLOAT32);
        assertTrue(tail.isConverged(), tail::toString);
        assertEquals(Math.sqrt(Math.PI), tail.value(), REQUESTED_F32 * Math.sqrt(Math.PI));
        QuadratureResult gl = Quadrature.gaussLegendreBatched(Tensor::exp, 0, 1, 10, EJML, DType.FLOAT32);
        assertEquals(Math.E - 1, gl.value(), 4 * Math.ulp((float) Math.E));
        QuadratureResult def = Quadrature.integrateBatched(
                x -> x.square().add(1.0).rdiv(1.0), -INF, INF, 0, REQUESTED_F32, 10_000, EJML, DType.FLOAT32);
        assertTrue(def.isConverged(), def::toString);
        assertEquals(Math.PI, def.value(), REQUESTED_F32 * Math.PI);
    }

    /** Converged, within the tolerance of the exact value, and with an error estimate that covers the error. */
    private static void assertFloat32(IntegrationCase c, QuadratureResult r, double relTol) {
        assertTrue(r.isConverged(), () -> c.name() + ": " + r);
        double error = Math.abs(r.value() - c.exact());
        assertEquals(c.exact(), r.value(), relTol * Math.abs(c.exact()), () -> c.name() + ": " + r);
        assertTrue(r.errorEstimate() >= error, () -> c.name() + ": error estimate below the true error " + error);
    }

    @Test
    void tensorsCreatedInsideTheIntegrandAreClosed() {
        List<Tensor> created = new ArrayList<>();
        Tensor outside = EJML.scalar(2.0);
        QuadratureResult r = GaussKronrodIntegrator.create()
                .integrateBatched(
                        x -> {
                            Tensor y = x.mul(outside);
                            created.add(y);
                            return y;
                        },
                        0,
                        1,
                        EJML,
                        DType.FLOAT64);
        assertEquals(1.0, r.value(), 1e-14);
        assertFalse(created.isEmpty());
        for (Tensor t : created) {
            assertTrue(t.isClosed());
        }
        assertFalse(outside.isClosed(), "a tensor created before the call must stay open");
    }
}
