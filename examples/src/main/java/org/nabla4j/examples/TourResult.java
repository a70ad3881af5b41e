package org.nabla4j.examples;

/**
 * The key numbers of every section of one run of the {@link Tour}, for checking a run without parsing its text.
 *
 * @param backend the name of the backend the tour ran on
 * @param limits section 1
 * @param partials section 2
 * @param regression section 3
 * @param mlp section 4
 * @param constrained section 5
 * @param integrals section 6
 * @param recurrent section 7
 * @param stability section 8
 * @param seconds the wall-clock time of the whole tour
 */
public record TourResult(
        String backend,
        LimitsAndDerivatives.Result limits,
        PartialDerivatives.Result partials,
        LinearRegression.Result regression,
        MlpTraining.Result mlp,
        LagrangeMultipliers.Result constrained,
        DefiniteIntegrals.Result integrals,
        RecurrentGradients.Result recurrent,
        LyapunovStability.Result stability,
        double seconds) {}
