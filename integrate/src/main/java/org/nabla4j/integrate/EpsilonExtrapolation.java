package org.nabla4j.integrate;

/**
 * Wynn's epsilon algorithm on a sequence of partial results {@code S_0, S_1, ...}: the even columns of the epsilon
 * table {@code ε_{k+1}^{(j)} = ε_{k-1}^{(j+1)} + 1 / (ε_k^{(j+1)} - ε_k^{(j)})} accelerate sequences whose error
 * behaves like a sum of geometric terms, as the areas of an adaptive partition refined towards an endpoint singularity
 * do. The table is rebuilt from the stored sequence on every call (at most {@value #CAPACITY} terms), which costs
 * nothing next to the integrand evaluations that produce each term.
 *
 * <p>The error of an extrapolated value is judged from the history of extrapolated values, as in QUADPACK: it is the
 * sum of the distances to the three previous ones (at least 50 ulp), so it stays infinite until three exist.
 */
final class EpsilonExtrapolation {
    static final int CAPACITY = 50;
    /** Rounding unit of the terms: the agreement test and the error floor are relative to it. */
    private final double eps;

    private final double[] sequence = new double[CAPACITY];
    private int count;
    private final double[] history = new double[3];
    private int historyCount;
    private final double[] prevColumn = new double[CAPACITY + 1];
    private final double[] column = new double[CAPACITY + 1];
    private final double[] nextColumn = new double[CAPACITY + 1];

    private double estimate;
    private double error = Double.POSITIVE_INFINITY;

    /** A table for terms computed in double precision. */
    EpsilonExtrapolation() {
        this(Math.ulp(1.0));
    }

    /** A table for terms whose rounding unit is {@code eps} (that of {@code float} for single-precision integrands). */
    EpsilonExtrapolation(double eps) {
        this.eps = eps;
    }

    int size() {
        return count;
    }

    double estimate() {
        return estimate;
    }

    double error() {
        return error;
    }

    /** Appends a term without extrapolating (for the first terms of the sequence). */
    void append(double s) {
        if (count == CAPACITY) {
            System.arraycopy(sequence, 1, sequence, 0, CAPACITY - 1);
            count--;
        }
        sequence[count++] = s;
    }

    /** Appends a term and updates {@link #estimate()} and {@link #error()}. */
    void add(double s) {
        append(s);
        double best = s;
        if (count >= 3) {
            best = bestDiagonalEntry();
        }
        estimate = best;
        if (count < 3) {
            error = Double.POSITIVE_INFINITY;
            return;
        }
        if (historyCount < 3) {
            history[historyCount++] = best;
            error = Double.POSITIVE_INFINITY;
        } else {
            error = Math.abs(best - history[0]) + Math.abs(best - history[1]) + Math.abs(best - history[2]);
            history[0] = history[1];
            history[1] = history[2];
            history[2] = best;
        }
        // Extrapolation amplifies the rounding errors of the terms: never claim less than 50 ulp.
        error = Math.max(error, 50.0 * eps * Math.abs(best));
    }

    /**
     * Builds the table column by column and returns the entry of the newest anti-diagonal that agrees best with its
     * neighbours: for even column c, |E_c - E_{c-2}| + |E_c - F_c|, where F_c is the entry one diagonal earlier.
     */
    private double bestDiagonalEntry() {
        int m = count;
        for (int j = 0; j <= m; j++) {
            prevColumn[j] = 0.0;
        }
        System.arraycopy(sequence, 0, column, 0, m);
        int len = m;
        double bestValue = sequence[m - 1];
        double bestScore = Double.POSITIVE_INFINITY;
        double lastEven = sequence[m - 1];
        for (int c = 1; len >= 2; c++) {
            double last = column[len - 1];
            double beforeLast = column[len - 2];
            double delta = last - beforeLast;
            if (Math.abs(delta) <= 4.0 * eps * Math.max(Math.abs(last), Math.abs(beforeLast))) {
                // Two neighbours agree to rounding: for an even column this is the limit; the table cannot go deeper.
                if (c % 2 == 1) {
                    bestValue = last;
                }
                break;
            }
            boolean ok = true;
            for (int j = 0; j < len - 1; j++) {
                double d = column[j + 1] - column[j];
                double v = prevColumn[j + 1] + 1.0 / d;
                if (!Double.isFinite(v)) {
                    ok = false;
                    break;
                }
                nextColumn[j] = v;
            }
            if (!ok) {
                break;
            }
            int nextLen = len - 1;
            System.arraycopy(column, 0, prevColumn, 0, len);
            System.arraycopy(nextColumn, 0, column, 0, nextLen);
            len = nextLen;
            if (c % 2 == 0) {
                double e = column[len - 1];
                if (len >= 2) {
                    double score = Math.abs(e - lastEven) + Math.abs(e - column[len - 2]);
                    if (score <= bestScore) {
                        bestScore = score;
                        bestValue = e;
                    }
                }
                lastEven = e;
            }
        }
        return bestValue;
    }
}
