package org.nabla4j.integrate;

/**
 * A real function of several variables, the integrand of {@link Cubature}.
 *
 * <p>The integrators reuse one array for all points to avoid an allocation per evaluation: the implementation must
 * not modify the array or keep a reference to it after returning.
 */
@FunctionalInterface
public interface MultivariateFunction {
    /**
     * Returns the function value at a point.
     *
     * @param point the coordinates; read-only and valid only during the call
     * @return the value
     */
    double value(double[] point);
}
