package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.function.DoubleUnaryOperator;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Tour section 1: a limit and a derivative, estimated numerically and compared with automatic differentiation.
 *
 * <p>The limit {@code lim_{x→0} sin(x)/x = 1} is approached along {@code x = 10^-k}; next to it, {@code lim_{x→0}
 * (1 − cos x)/x² = 1/2} shows that the same approach can fail in floating point (catastrophic cancellation) and how
 * rewriting the expression ({@code 1 − cos x = 2 sin²(x/2)}) repairs it.
 *
 * <p>The derivative of the SiLU activation {@code f(x) = x σ(x)} at {@code x0 = 1.5} is the limit of difference
 * quotients. Forward differences {@code (f(x+h) − f(x))/h} have error {@code O(h)}, central differences
 * {@code (f(x+h) − f(x−h))/2h} error {@code O(h²)}, and both lose digits to rounding ({@code ~ε/h}) as {@code h}
 * shrinks. Richardson extrapolation removes the {@code h², h⁴, ...} terms of the central difference from a few
 * moderate steps: with {@code D(h)} the central difference and {@code h_i = h_0 / 2^i},
 *
 * <pre>
 * R[i][0] = D(h_i),    R[i][j] = R[i][j−1] + (R[i][j−1] − R[i−1][j−1]) / (4^j − 1).
 * </pre>
 *
 * Reverse-mode autodiff gives the derivative to rounding error without any step, and is checked against the closed
 * form {@code f'(x) = σ(x) (1 + x (1 − σ(x)))}. (The seed article's {@code sigmoid_derivative(z) = z (1 − z)} is that
 * same {@code σ' = σ(1 − σ)}, valid only when {@code z} is already {@code σ(x)}, not {@code x}.)
 */
public final class LimitsAndDerivatives {
    /** The point at which the derivative is taken. */
    public static final double X0 = 1.5;
    /** The first (largest) step of the Richardson table. */
    public static final double RICHARDSON_H0 = 0.2;
    /** The number of rows (halvings) of the Richardson table. */
    public static final int RICHARDSON_ROWS = 6;

    private LimitsAndDerivatives() {}

    /**
     * The key numbers of the section.
     *
     * @param sincErrorAtSmallestX {@code |sin(x)/x − 1|} at {@code x = 1e-8}
     * @param naiveCosineError {@code |(1 − cos x)/x² − 1/2|} at {@code x = 1e-8}, computed naively
     * @param stableCosineError the same with the rewritten expression {@code 2 sin²(x/2)/x²}
     * @param closedForm {@code f'(x0)} from the closed form
     * @param autodiff {@code f'(x0)} from reverse-mode autodiff
     * @param bestCentralError the smallest error of a plain central difference over {@code h = 10^-1 ... 10^-12},
     *     measured against the autodiff derivative
     * @param bestCentralStep the step that achieved it
     * @param richardson the extrapolated derivative (last diagonal entry of the Richardson table)
     * @param richardsonError {@code |richardson − autodiff|}
     * @param autodiffError {@code |autodiff − closedForm|}
     * @param evaluations function evaluations used by the Richardson table
     */
    public record Result(
            double sincErrorAtSmallestX,
            double naiveCosineError,
            double stableCosineError,
            double closedForm,
            double autodiff,
            double bestCentralError,
            double bestCentralStep,
            double richardson,
            double richardsonError,
            double autodiffError,
            int evaluations) {}

    /** SiLU {@code x σ(x)} in plain double arithmetic: what a finite-difference code evaluates. */
    static double silu(double x) {
        return x / (1.0 + Math.exp(-x));
    }

    /** The closed-form derivative {@code σ(x) (1 + x (1 − σ(x)))}. */
    static double siluDerivative(double x) {
        double s = 1.0 / (1.0 + Math.exp(-x));
        return s * (1.0 + x * (1.0 - s));
    }

    /**
     * The central difference {@code (f(x+h) − f(x−h)) / 2h}.
     *
     * @param f the function
     * @param x the point
     * @param h the step, {@code > 0}
     */
    public static double centralDifference(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /**
     * The Richardson table of central differences: row {@code i} uses step {@code h0 / 2^i}, column {@code j}
     * removes the error terms up to {@code h^{2j}}. Entries above the diagonal are zero.
     *
     * @param f the function
     * @param x the point
     * @param h0 the first step, {@code > 0}
     * @param rows the number of rows, {@code >= 1}
     * @return the lower-triangular table {@code R[rows][rows]}; {@code R[rows−1][rows−1]} is the best estimate
     */
    public static double[][] richardsonTable(DoubleUnaryOperator f, double x, double h0, int rows) {
        if (!(h0 > 0) || rows < 1) {
            throw new IllegalArgumentException("richardsonTable: need h0 > 0 and rows >= 1, got " + h0 + ", " + rows);
        }
        double[][] r = new double[rows][rows];
        double h = h0;
        for (int i = 0; i < rows; i++, h /= 2) {
            r[i][0] = centralDifference(f, x, h);
            double factor = 1;
            for (int j = 1; j <= i; j++) {
                factor *= 4;
                r[i][j] = r[i][j - 1] + (r[i][j - 1] - r[i - 1][j - 1]) / (factor - 1);
            }
        }
        return r;
    }

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the autodiff derivative is computed on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 1, "Limits and derivatives, numerically and by autodiff");

        Report.subheading(out, "limits as x -> 0");
        out.println("       x        sin(x)/x     |err|   (1-cos x)/x^2 naive     |err|   2sin^2(x/2)/x^2     |err|");
        double sincError = 0;
        double naiveError = 0;
        double stableError = 0;
        for (int k = 1; k <= 8; k++) {
            double x = Math.pow(10, -k);
            double sinc = Math.sin(x) / x;
            double naive = (1 - Math.cos(x)) / (x * x);
            double half = Math.sin(x / 2);
            double stable = 2 * half * half / (x * x);
            sincError = Math.abs(sinc - 1);
            naiveError = Math.abs(naive - 0.5);
            stableError = Math.abs(stable - 0.5);
            Report.printf(
                    out,
                    "  %6.0e  %14.12f  %8.1e  %20.12f  %8.1e  %16.12f  %8.1e%n",
                    x,
                    sinc,
                    sincError,
                    naive,
                    naiveError,
                    stable,
                    stableError);
        }
        out.println("  sin(x)/x -> 1 with error ~x^2/6. The naive (1-cos x)/x^2 loses every digit once cos x rounds to"
                + " 1 (x = 1e-8);");
        out.println("  the same limit written as 2 sin^2(x/2)/x^2 has no cancellation and stays exact.");

        Report.subheading(out, "f(x) = x*sigmoid(x) (SiLU): derivative at x0 = " + X0);
        double closed = siluDerivative(X0);
        double ad;
        try (TensorScope scope = TensorScope.open()) {
            Tensor x0 = backend.scalar(X0);
            ad = Autodiff.grad(v -> v.mul(v.sigmoid()), x0).item();
        }
        double autodiffError = Math.abs(ad - closed);
        Report.printf(out, "  closed form  sigmoid(x)(1 + x(1 - sigmoid(x))) = %.16f%n", closed);
        Report.printf(
                out,
                "  autodiff (reverse mode, tape)                  = %.16f   |err| %s%n",
                ad,
                Report.sci(autodiffError));

        DoubleUnaryOperator f = LimitsAndDerivatives::silu;
        out.println();
        out.println("      h      forward diff |err|   central diff |err|");
        double bestCentral = Double.POSITIVE_INFINITY;
        double bestStep = Double.NaN;
        for (int k = 1; k <= 12; k++) {
            double h = Math.pow(10, -k);
            double forward = (f.applyAsDouble(X0 + h) - f.applyAsDouble(X0)) / h;
            double central = centralDifference(f, X0, h);
            double centralError = Math.abs(central - ad);
            if (centralError < bestCentral) {
                bestCentral = centralError;
                bestStep = h;
            }
            Report.printf(out, "  %7.0e       %8.1e             %8.1e%n", h, Math.abs(forward - ad), centralError);
        }
        Report.printf(
                out,
                "  truncation error shrinks like h (forward) or h^2 (central) until rounding, ~eps/h, takes"
                        + " over:%n  the best central difference (h = %.0e) is off by %s.%n",
                bestStep,
                Report.sci(bestCentral));

        out.println();
        out.println("  Richardson table R[i][j] (h_i = " + RICHARDSON_H0 + " / 2^i; column j cancels h^2 ... h^2j):");
        double[][] table = richardsonTable(f, X0, RICHARDSON_H0, RICHARDSON_ROWS);
        for (int i = 0; i < RICHARDSON_ROWS; i++) {
            StringBuilder row = new StringBuilder(Report.format("  %9.6f ", RICHARDSON_H0 / (1 << i)));
            for (int j = 0; j <= i; j++) {
                row.append(Report.format(" %17.14f", table[i][j]));
            }
            out.println(row);
        }
        double richardson = table[RICHARDSON_ROWS - 1][RICHARDSON_ROWS - 1];
        double richardsonError = Math.abs(richardson - ad);
        int evaluations = 2 * RICHARDSON_ROWS;
        Report.printf(
                out,
                "  Richardson estimate %.16f   |err vs autodiff| %s   (%d evaluations, smallest h = %.5f)%n",
                richardson,
                Report.sci(richardsonError),
                evaluations,
                RICHARDSON_H0 / (1 << (RICHARDSON_ROWS - 1)));
        out.println("  Extrapolation from moderate steps beats the best plain difference; autodiff needs no step at"
                + " all.");
        return new Result(
                sincError,
                naiveError,
                stableError,
                closed,
                ad,
                bestCentral,
                bestStep,
                richardson,
                richardsonError,
                autodiffError,
                evaluations);
    }
}
