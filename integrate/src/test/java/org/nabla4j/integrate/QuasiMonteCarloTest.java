package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;

/** Randomized quasi-Monte Carlo cubature in many dimensions, against product closed forms. */
class QuasiMonteCarloTest {
    private static double[] zeros(int d) {
        return new double[d];
    }

    private static double[] ones(int d) {
        double[] u = new double[d];
        Arrays.fill(u, 1.0);
        return u;
    }

    private static void assertCase(String name, double expected, double relTol, QuadratureResult r) {
        double trueError = Math.abs(r.value() - expected);
        System.out.printf(
                "%-34s value %.12f  |err| %.1e  estimate %.1e  evaluations %d  %s%n",
                name, r.value(), trueError, r.errorEstimate(), r.evaluations(), r.status());
        assertEquals(QuadratureStatus.CONVERGED, r.status(), () -> name + ": " + r);
        assertTrue(trueError <= relTol * Math.abs(expected), () -> name + ": error " + trueError + " in " + r);
        assertTrue(r.errorEstimate() >= trueError, () -> name + ": estimate below the true error " + trueError);
    }

    @Test
    void smoothProductsInTenToThirtyDimensions() {
        // ∫_[0,1]^d Π cos(x_j) dx = sin(1)^d
        assertCase(
                "prod cos, d = 10",
                Math.pow(Math.sin(1), 10),
                1e-4,
                Cubature.quasiMonteCarlo(
                        p -> {
                            double v = 1;
                            for (double x : p) {
                                v *= Math.cos(x);
                            }
                            return v;
                        },
                        zeros(10),
                        ones(10),
                        1e-4));
        // ∫_[0,1]^d exp(−Σ x_j) dx = (1 − 1/e)^d
        assertCase(
                "exp(-sum x), d = 20",
                Math.pow(1 - Math.exp(-1), 20),
                1e-2,
                Cubature.quasiMonteCarlo(p -> Math.exp(-Arrays.stream(p).sum()), zeros(20), ones(20), 1e-2));
        // Genz's product-peak family with decreasing importance of later axes: Π (1 + (x_j − ½)/j²), integral 1
        assertCase(
                "prod (1 + (x_j - 1/2)/j^2), d = 30",
                1.0,
                1e-5,
                Cubature.quasiMonteCarlo(
                        p -> {
                            double v = 1;
                            for (int j = 0; j < p.length; j++) {
                                v *= 1 + (p[j] - 0.5) / ((j + 1.0) * (j + 1.0));
                            }
                            return v;
                        },
                        zeros(30),
                        ones(30),
                        1e-5));
    }

    @Test
    void theErrorEstimateCoversTheTrueErrorForAlmostEverySeed() {
        double expected = Math.pow(Math.sin(1), 8);
        int covered = 0;
        for (long seed = 0; seed < 40; seed++) {
            QuadratureResult r = Cubature.quasiMonteCarlo(
                    p -> {
                        double v = 1;
                        for (double x : p) {
                            v *= Math.cos(x);
                        }
                        return v;
                    },
                    zeros(8),
                    ones(8),
                    0,
                    1e-3,
                    Cubature.QMC_DEFAULT_MAX_EVALUATIONS,
                    seed);
            if (Math.abs(r.value() - expected) <= r.errorEstimate()) {
                covered++;
            }
        }
        // three standard errors over 16 shifts cover about 99 % of the time; allow a few misses of 40
        assertTrue(covered >= 36, "covered " + covered + " of 40");
    }

    @Test
    void orientationEmptyBoxesAndSeeds() {
        MultivariateFunction f = p -> p[0] * p[0] + p[1];
        QuadratureResult flipped =
                Cubature.quasiMonteCarlo(f, new double[] {1, 0}, new double[] {0, 2}, 1e-8, 1e-6, 1 << 20, 3);
        // ∫_0^2 ∫_1^0 (x² + y) dx dy = −(2/3 + 2)
        assertEquals(-(2.0 / 3 + 2), flipped.value(), 1e-5);
        QuadratureResult empty =
                Cubature.quasiMonteCarlo(f, new double[] {1, 0}, new double[] {1, 2}, 1e-8, 1e-6, 1 << 20, 3);
        assertEquals(0.0, empty.value(), 0.0);
        assertEquals(0, empty.evaluations());
        QuadratureResult again =
                Cubature.quasiMonteCarlo(f, new double[] {1, 0}, new double[] {0, 2}, 1e-8, 1e-6, 1 << 20, 3);
        assertEquals(flipped.value(), again.value(), 0.0, "same seed, same result");
    }

    @Test
    void limitsAndNonFiniteValuesAreReported() {
        MultivariateFunction rough = p -> p[0] < 0.5 ? 0 : 1; // converges slowly: a jump
        QuadratureResult limited = Cubature.quasiMonteCarlo(rough, zeros(3), ones(3), 0, 1e-12, 8192, 1);
        assertEquals(QuadratureStatus.EVALUATION_LIMIT, limited.status(), limited::toString);
        assertTrue(limited.evaluations() <= 8192);
        assertEquals(0.5, limited.value(), 1e-2);
        QuadratureResult nan = Cubature.quasiMonteCarlo(p -> p[1] > 0.9 ? Double.NaN : 1, zeros(2), ones(2), 1e-3);
        assertEquals(QuadratureStatus.NON_FINITE_INTEGRAND, nan.status());
        assertTrue(nan.message().contains("NaN"), nan.message());
    }

    @Test
    void badInputThrowsNamedExceptions() {
        MultivariateFunction f = p -> 1;
        assertThrows(InvalidArgumentException.class, () -> Cubature.quasiMonteCarlo(null, zeros(2), ones(2), 1e-3));
        assertThrows(InvalidArgumentException.class, () -> Cubature.quasiMonteCarlo(f, zeros(2), ones(3), 1e-3));
        assertThrows(
                InvalidArgumentException.class,
                () -> Cubature.quasiMonteCarlo(f, zeros(2), new double[] {1, Double.POSITIVE_INFINITY}, 1e-3));
        assertThrows(InvalidArgumentException.class, () -> Cubature.quasiMonteCarlo(f, zeros(2), ones(2), -1));
        InvalidArgumentException budget = assertThrows(
                InvalidArgumentException.class, () -> Cubature.quasiMonteCarlo(f, zeros(2), ones(2), 0, 1e-3, 4095, 0));
        assertTrue(budget.getMessage().contains("maxEvaluations"), budget.getMessage());
    }

    @Test
    void kroneckerVectorIsTheFractionalPartsOfSquareRootsOfPrimes() {
        double[] alpha = Cubature.sqrtPrimes(6);
        int[] primes = {2, 3, 5, 7, 11, 13};
        for (int j = 0; j < primes.length; j++) {
            assertEquals(Math.sqrt(primes[j]) % 1.0, alpha[j], 0.0, "p = " + primes[j]);
        }
        assertEquals(Math.sqrt(541) % 1.0, Cubature.sqrtPrimes(100)[99], 0.0); // 541 is the 100th prime
    }
}
