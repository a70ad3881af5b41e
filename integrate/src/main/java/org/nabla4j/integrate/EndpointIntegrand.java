package org.nabla4j.integrate;

/**
 * An integrand on a finite interval {@code [lo, hi]} that also receives the distances of the point to both ends,
 * computed without cancellation. Near an endpoint the distance carries far more digits than {@code x} itself, so an
 * integrand such as {@code 1/√(1 - x²)} can be written {@code 1/√(distanceToUpper · (1 + x))} and integrated to full
 * accuracy by {@link TanhSinhIntegrator}, although {@code x} rounds to 1 well before the nodes reach the endpoint.
 */
@FunctionalInterface
public interface EndpointIntegrand {
    /**
     * Returns the integrand at a point strictly inside the interval.
     *
     * @param x the point, possibly rounded onto an endpoint
     * @param distanceToLower {@code x - lo}, exact to rounding, positive
     * @param distanceToUpper {@code hi - x}, exact to rounding, positive
     * @return the integrand value
     */
    double value(double x, double distanceToLower, double distanceToUpper);
}
