package org.nabla4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nabla4j.core.UnaryOp;

/**
 * Checks the suite itself: a reference backend with one planted bug must fail the cases that cover the bug (and the
 * correct reference backend passes everything, see {@link ReferenceFloat64ConformanceTest}).
 */
class SuiteFindsPlantedBugsTest {

    /** The suite on whatever backend the current check plants; run through the JUnit launcher, not by Surefire. */
    static class PlantedSuite extends TensorConformanceSuite {
        static volatile Backend backend;

        @Override
        protected Backend backend() {
            return backend;
        }

        @Override
        protected DType dtype() {
            return DType.FLOAT64;
        }
    }

    private static List<String> failuresWith(UnaryOperator<TensorKernels> bug) {
        PlantedSuite.backend = new ReferenceBackend(bug);
        List<String> failed = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(PlantedSuite.class))
                        .build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            failed.add(id.getDisplayName());
                        }
                    }
                });
        return failed;
    }

    private static void assertFound(List<String> failed, String caseFragment) {
        assertTrue(
                failed.stream().anyMatch(n -> n.contains(caseFragment)),
                () -> "no failing case mentions '" + caseFragment + "'; failures: " + failed);
    }

    @Test
    void sigmoidThatOverflows() {
        List<String> failed = failuresWith(k -> new ForwardingKernels(k) {
            @Override
            public Tensor unary(UnaryOp op, Tensor x) {
                if (op != UnaryOp.SIGMOID) {
                    return d.unary(op, x);
                }
                try (Tensor e = d.unary(UnaryOp.EXP, x);
                        Tensor den = d.binaryScalar(BinaryOp.ADD, e, 1.0, false)) {
                    return d.binary(BinaryOp.DIV, e, den, x.shape());
                }
            }
        });
        assertFound(failed, "sigmoid(±1e4) is exactly 1 and 0");
    }

    @Test
    void reshapeThatReturnsAView() {
        List<String> failed = failuresWith(k -> new ForwardingKernels(k) {
            @Override
            public Tensor reshape(Tensor x, Shape shape) {
                return new ReferenceTensor((ReferenceBackend) x.backend(), shape, x.dtype(), ReferenceKernels.data(x));
            }
        });
        assertFound(failed, "reshape of [2, 3] owns its storage");
    }

    @Test
    void broadcastThatIgnoresStrides() {
        List<String> failed = failuresWith(k -> new ForwardingKernels(k) {
            @Override
            public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
                double[] y = ReferenceKernels.data(b);
                double[] cyclic = new double[out.size()];
                for (int i = 0; i < cyclic.length; i++) {
                    cyclic[i] = y[i % y.length];
                }
                try (Tensor full = d.fromArray(cyclic, out, b.dtype())) {
                    return d.binary(op, a, full, out);
                }
            }
        });
        assertFound(failed, "add [4, 1, 3] with [2, 1]");
        assertFound(failed, "mul [1, 2, 1, 2, 1, 2, 1, 2] with [2, 1, 2, 1, 2, 1, 2, 1]");
    }

    @Test
    void normThatOverflows() {
        List<String> failed = failuresWith(k -> new ForwardingKernels(k) {
            @Override
            public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
                if (op != ReduceOp.NORM2) {
                    return d.reduce(op, x, axes, keepDims);
                }
                try (Tensor sq = d.unary(UnaryOp.SQUARE, x);
                        Tensor s = d.reduce(ReduceOp.SUM, sq, axes, keepDims)) {
                    return d.unary(UnaryOp.SQRT, s);
                }
            }
        });
        assertFound(failed, "does not overflow");
        assertFound(failed, "does not underflow");
        assertEquals(3, failed.size(), () -> "only the huge and tiny norm samples should fail: " + failed);
    }
}
