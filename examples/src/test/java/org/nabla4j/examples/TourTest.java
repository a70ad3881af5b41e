package org.nabla4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.integrate.QuadratureStatus;
import org.nabla4j.optim.ConstrainedStatus;

/**
 * Runs the whole tour once on EJML into a temporary folder and checks the key facts of every section from the
 * numbers the sections return (not from their text).
 */
class TourTest {
    /** Slack for quantities that equal a bound mathematically but are recomputed in floating point. */
    private static final double ROUNDING = 1e-12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path outDir;

    private static TourResult result;
    private static String printed;

    @BeforeAll
    static void runTour() {
        Backend ejml = Backends.get("ejml");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            result = Tour.run(ejml, outDir, out);
        }
        printed = buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsOnEjmlWithinItsTimeBudget() {
        assertEquals("ejml", result.backend());
        assertTrue(result.seconds() < 60, "tour took " + result.seconds() + " s");
        for (int section = 1; section <= 8; section++) {
            assertTrue(printed.contains("\n" + section + ". "), "heading of section " + section + " missing");
        }
    }

    @Test
    void limitsAndDerivatives() {
        LimitsAndDerivatives.Result r = result.limits();
        assertTrue(r.sincErrorAtSmallestX() < 1e-15, "sin(x)/x limit: " + r.sincErrorAtSmallestX());
        assertTrue(r.naiveCosineError() > 0.1, "naive (1 - cos x)/x^2 should have lost every digit");
        assertTrue(r.stableCosineError() < 1e-15, "rewritten limit: " + r.stableCosineError());
        assertTrue(r.autodiffError() < 1e-14, "autodiff vs closed form: " + r.autodiffError());
        assertTrue(r.richardsonError() < 1e-8, "Richardson vs autodiff: " + r.richardsonError());
        assertTrue(r.richardsonError() < r.bestCentralError(), "extrapolation should beat the best plain difference");
        assertEquals(1.041294154299143, r.autodiff(), 1e-14);
    }

    @Test
    void partialDerivativesAndSteepestDescent() {
        PartialDerivatives.Result r = result.partials();
        assertArrayEquals(new double[] {3, -4}, r.partials(), 1e-14);
        assertArrayEquals(new double[] {3, -4}, r.gradient(), 1e-14);
        assertTrue(r.maxError() < 1e-14);
        assertArrayEquals(new double[] {-0.6, 0.8}, r.steepestDescent(), 1e-14);
        assertEquals(r.steepestAngleDegrees(), r.bestSampledAngleDegrees(), 0.5);
        assertEquals(-5.0, r.minDirectionalDerivative(), 1e-3);
        assertTrue(r.maxJvpError() < 1e-12);
    }

    @Test
    void linearRegressionRecoversTheGeneratingWeights() {
        LinearRegression.Result r = result.regression();
        assertTrue(r.maxErrorVsTrue() < 1e-3, "learned vs generating: " + r.maxErrorVsTrue());
        assertTrue(r.maxErrorVsLeastSquares() < 1e-10, "learned vs normal equations: " + r.maxErrorVsLeastSquares());
        assertTrue(r.initialGradientError() < 1e-12, "autodiff vs closed-form gradient: " + r.initialGradientError());
        assertArrayEquals(r.trueWeights(), r.weights(), 1e-3);
        assertEquals(r.trueBias(), r.bias(), 1e-3);
        assertTrue(r.finalLoss() < 1e-6 * r.initialLoss());
    }

    @Test
    void mlpTrainsWithMomentumAndAdam() {
        MlpTraining.Result r = result.mlp();
        for (MlpTraining.Run run : new MlpTraining.Run[] {r.momentum(), r.adam()}) {
            assertTrue(Arrays.stream(run.losses()).allMatch(Double::isFinite), run.optimizer() + ": non-finite loss");
            assertTrue(run.finalLoss() < 5e-3, run.optimizer() + ": final loss " + run.finalLoss());
            assertTrue(run.finalLoss() < run.losses()[0] / 20, run.optimizer() + " did not learn");
            assertTrue(run.clippedSteps() > 0, run.optimizer() + ": clipping never engaged");
        }
        assertEquals(r.momentum().losses()[0], r.adam().losses()[0], 0.0, "both runs start from the same weights");
    }

    @Test
    void lossCurveIsAValidPng() throws IOException {
        Path chart = result.mlp().chart();
        assertEquals(outDir.resolve(MlpTraining.CHART_FILE), chart);
        assertTrue(Files.isRegularFile(chart), "missing " + chart);
        byte[] bytes = Files.readAllBytes(chart);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(chart.toFile());
        assertNotNull(image, "ImageIO cannot decode " + chart);
        assertEquals(LossChart.WIDTH, image.getWidth());
        assertEquals(LossChart.HEIGHT, image.getHeight());
    }

    @Test
    void lagrangeMultipliersMatchTheHandSolution() {
        for (LagrangeMultipliers.Solved s : new LagrangeMultipliers.Solved[] {
            result.constrained().equality(), result.constrained().inequality()
        }) {
            assertEquals(ConstrainedStatus.CONVERGED, s.status(), s.name());
            assertTrue(s.multiplierError() < 1e-6, s.name() + ": multiplier error " + s.multiplierError());
            assertTrue(s.xError() < 1e-6, s.name() + ": x error " + s.xError());
            assertEquals(s.analyticValue(), s.value(), 1e-6, s.name());
            assertTrue(s.kkt().max() < 1e-6, s.name() + ": KKT residuals " + s.kkt());
        }
        assertEquals(5.0, result.constrained().equality().multiplier(), 1e-6);
        assertEquals(1.0, result.constrained().inequality().multiplier(), 1e-6);
    }

    @Test
    void integralsAgreeWithExactValues() {
        DefiniteIntegrals.Result r = result.integrals();
        for (DefiniteIntegrals.Row row : r.rows()) {
            if (row.result().status() == QuadratureStatus.CONVERGED) {
                double tolerance = Math.max(DefiniteIntegrals.TOLERANCE, DefiniteIntegrals.TOLERANCE * row.exact());
                assertTrue(
                        row.trueError() <= tolerance, row.integral() + " by " + row.method() + ": " + row.trueError());
                assertTrue(
                        row.trueError() <= row.result().errorEstimate() + ROUNDING,
                        row.integral() + " by " + row.method() + ": the estimate does not bound the error");
            }
        }
        for (String smooth : new String[] {DefiniteIntegrals.SINE, DefiniteIntegrals.GAUSSIAN}) {
            assertTrue(r.row(smooth, DefiniteIntegrals.GAUSS_10).trueError() < 1e-14, smooth);
            assertTrue(r.row(smooth, DefiniteIntegrals.SIMPSON_100).trueError() < 1e-8, smooth);
            assertTrue(
                    r.row(smooth, DefiniteIntegrals.SIMPSON_ADAPTIVE).result().isConverged(), smooth);
            assertTrue(r.row(smooth, DefiniteIntegrals.ADAPTIVE).result().isConverged(), smooth);
        }
        assertTrue(r.row(DefiniteIntegrals.NORMAL, DefiniteIntegrals.ADAPTIVE)
                .result()
                .isConverged());
        assertTrue(r.row(DefiniteIntegrals.SINGULAR, DefiniteIntegrals.ADAPTIVE)
                .result()
                .isConverged());
        assertEquals(
                QuadratureStatus.NON_FINITE_INTEGRAND,
                r.row(DefiniteIntegrals.SINGULAR, DefiniteIntegrals.SIMPSON_100)
                        .result()
                        .status());
        assertTrue(
                r.row(DefiniteIntegrals.SINGULAR, DefiniteIntegrals.GAUSS_100).trueError() > 1e-4,
                "a fixed rule should converge slowly at a singular endpoint");
        assertEquals(2, r.parametric().size());
        for (DefiniteIntegrals.Derivative d : r.parametric()) {
            assertEquals(DefiniteIntegrals.GAUSSIAN_ON_UNIT, d.value(), 1e-12, d.method());
            assertEquals(r.exactDerivative(), d.derivative(), 1e-10, d.method());
        }
    }

    @Test
    void recurrentGradientsExplodeVanishAndAreClipped() {
        RecurrentGradients.Result r = result.recurrent();
        double[] vanishing = r.row(RecurrentGradients.VANISHING_SCALE).inputGradientNorms();
        double[] exploding = r.row(RecurrentGradients.EXPLODING_SCALE).inputGradientNorms();
        assertTrue(
                vanishing[vanishing.length - 1] < 1e-20 * vanishing[0], "no vanishing: " + Arrays.toString(vanishing));
        assertTrue(exploding[exploding.length - 1] > 1e6 * exploding[0], "no explosion: " + Arrays.toString(exploding));
        assertTrue(r.normBeforeClipping() > 1e6 * r.clipThreshold());
        // clipping scales by threshold / (norm + 1e-6) <= 1, so the recomputed norm can exceed it only by rounding
        assertTrue(
                r.normAfterClipping() <= r.clipThreshold() * (1 + ROUNDING), "clipped norm " + r.normAfterClipping());
        assertEquals(r.clipThreshold(), r.normAfterClipping(), 1e-6);
        assertTrue(r.clippedStepNorm() <= RecurrentGradients.LEARNING_RATE * r.clipThreshold() * (1 + ROUNDING));
        assertTrue(r.lossAfterRawStep() > r.lossBefore(), "the unclipped step should make things worse");
        assertTrue(Double.isFinite(r.lossAfterClippedStep()));
    }

    @Test
    void gradientDescentIsStableJustBelowTwoOverLambdaMaxAndDivergesJustAbove() {
        LyapunovStability.Result r = result.stability();
        assertEquals(r.lambdaMaxExact(), r.lambdaMax(), 1e-8 * r.lambdaMaxExact());
        assertEquals(2 / r.lambdaMax(), r.maxStableLearningRate(), 1e-15);
        assertTrue(r.below().learningRate() < r.maxStableLearningRate());
        assertTrue(r.below().monotone(), "the loss must decrease at every step below the bound");
        assertTrue(
                r.below().status().isConverged(),
                "below the bound: " + r.below().status());
        assertTrue(r.below().finalLoss() < 1e-15 * r.below().losses()[0]);
        assertTrue(r.above().learningRate() > r.maxStableLearningRate());
        assertFalse(r.above().monotone());
        assertTrue(r.above().finalLoss() > 1e10 * r.above().losses()[0], "above the bound the loss must blow up");
    }

    @Test
    void seedSnippetIsCorrectedInThePrintout() {
        assertTrue(printed.contains("np.gradient"), "section 3 should say what the NumPy snippet got wrong");
    }

    @Test
    void missingBackendFailsWithTheArtifactName() {
        assumeTrue(Backends.available().stream().noneMatch(b -> b.name().equals("nd4j")), "ND4J is on the class path");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Tour.execute(
                new String[] {"--backend", "nd4j"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Tour.EXIT_NO_BACKEND, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("org.nabla4j:nabla4j-backend-nd4j"), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandLineOptions() {
        Tour.Options o = Tour.parse("--backend=nd4j", "--out", "build/x");
        assertEquals("nd4j", o.backend());
        assertEquals(Path.of("build/x"), o.outDir());
        assertEquals(Tour.DEFAULT_OUT, Tour.parse().outDir());
        assertTrue(Tour.parse("-h").help());
        assertThrows(IllegalArgumentException.class, () -> Tour.parse("--backend"));
        assertThrows(IllegalArgumentException.class, () -> Tour.parse("--bogus"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(
                Tour.EXIT_USAGE,
                Tour.execute(new String[] {"--bogus"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}
