package org.nabla4j.autodiff;

/**
 * The outcome of a {@link GradCheck}: whether every analytic derivative matched its central-difference estimate
 * within {@code |analytic - numeric| <= atol + rtol * |numeric|}, the largest errors seen, and where the worst
 * comparison (the largest ratio of error to tolerance) occurred.
 *
 * @param passed true when every comparison was within tolerance (NaN never is)
 * @param maxAbsError the largest {@code |analytic - numeric|} (NaN if one was NaN)
 * @param maxRelError the largest {@code |analytic - numeric| / max(|analytic|, |numeric|)} (0 where both are 0)
 * @param where a readable location of the worst comparison, e.g. {@code "input 1, element 3 [1, 0], output element
 *     2"}; empty when nothing was compared
 * @param input the input number of the worst comparison, or -1 when nothing was compared
 * @param index its flat (row-major) index within that input, or -1 in {@link GradCheck.Mode#PROJECTED} mode
 * @param outputIndex the flat index of the output element, or -1 in {@link GradCheck.Mode#PROJECTED} mode
 * @param analytic the analytic value of the worst comparison (a Jacobian entry, or {@code u^T J v} when projected)
 * @param numeric the central-difference estimate of the same quantity
 * @param comparisons how many values were compared
 * @param mode the mode used
 * @param eps the finite-difference step
 * @param rtol the relative tolerance
 * @param atol the absolute tolerance
 */
public record GradCheckResult(
        boolean passed,
        double maxAbsError,
        double maxRelError,
        String where,
        int input,
        int index,
        int outputIndex,
        double analytic,
        double numeric,
        int comparisons,
        GradCheck.Mode mode,
        double eps,
        double rtol,
        double atol) {

    /**
     * Returns this result if it passed, else throws an {@link AssertionError} whose message is {@link #toString()}:
     * for use in JUnit tests.
     */
    public GradCheckResult assertPassed() {
        if (!passed) {
            throw new AssertionError(toString());
        }
        return this;
    }

    /**
     * A one-paragraph summary: verdict, settings, number of comparisons, the largest errors and the worst
     * comparison with its location and both values.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GradCheck ").append(passed ? "PASSED" : "FAILED");
        sb.append(" [")
                .append(mode)
                .append(", eps=")
                .append(eps)
                .append(", rtol=")
                .append(rtol)
                .append(", atol=")
                .append(atol)
                .append("]: ")
                .append(comparisons)
                .append(" comparisons");
        if (comparisons > 0) {
            sb.append(", max abs error ")
                    .append(maxAbsError)
                    .append(", max rel error ")
                    .append(maxRelError)
                    .append("; worst at ")
                    .append(where)
                    .append(": analytic ")
                    .append(analytic)
                    .append(", numeric ")
                    .append(numeric);
        }
        return sb.toString();
    }
}
