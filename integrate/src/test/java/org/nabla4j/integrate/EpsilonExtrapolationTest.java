package org.nabla4j.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpsilonExtrapolationTest {
    @Test
    void geometricSequenceIsExtrapolatedToItsLimit() {
        EpsilonExtrapolation table = new EpsilonExtrapolation();
        // Two geometric components: column 4 of the table is exact from five terms on; the error, judged from the
        // three previous extrapolated values, follows a few terms later.
        for (int k = 0; k < 10; k++) {
            table.add(3.0 + Math.pow(0.7, k) - 0.5 * Math.pow(-0.2, k));
        }
        assertEquals(3.0, table.estimate(), 1e-13);
        assertTrue(table.error() < 1e-10, () -> "error " + table.error());
    }

    @Test
    void alternatingHarmonicSeriesConvergesToLogTwo() {
        // Partial sums converge like 1/k, far too slowly on their own; the epsilon table accelerates them.
        EpsilonExtrapolation table = new EpsilonExtrapolation();
        double partial = 0.0;
        for (int k = 1; k <= 20; k++) {
            partial += (k % 2 == 1 ? 1.0 : -1.0) / k;
            table.add(partial);
        }
        assertEquals(Math.log(2.0), table.estimate(), 1e-12);
        assertTrue(Math.abs(partial - Math.log(2.0)) > 1e-2);
        assertTrue(table.error() >= Math.abs(table.estimate() - Math.log(2.0)));
    }

    @Test
    void errorStaysInfiniteUntilThreeExtrapolatedValuesExist() {
        EpsilonExtrapolation table = new EpsilonExtrapolation();
        table.add(1.0);
        table.add(0.5);
        assertEquals(Double.POSITIVE_INFINITY, table.error());
        table.add(0.25);
        assertEquals(Double.POSITIVE_INFINITY, table.error());
        assertEquals(3, table.size());
    }

    @Test
    void keepsOnlyTheMostRecentTerms() {
        EpsilonExtrapolation table = new EpsilonExtrapolation();
        for (int k = 0; k < 3 * EpsilonExtrapolation.CAPACITY; k++) {
            table.add(1.0 + Math.pow(0.5, k % 40));
        }
        assertEquals(EpsilonExtrapolation.CAPACITY, table.size());
    }
}
