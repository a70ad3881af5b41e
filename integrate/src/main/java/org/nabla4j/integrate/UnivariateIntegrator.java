package org.nabla4j.integrate;

import java.util.function.DoubleUnaryOperator;
import org.nabla4j.core.InvalidArgumentException;

/**
 * A configured method for one-dimensional integrals {@code ∫_a^b f(x) dx}. Implementations are immutable and safe to
 * share between threads; each call works on its own state.
 *
 * <p>Conventions shared by every implementation: {@code a > b} gives {@code -∫_b^a f}, {@code a == b} gives 0 with no
 * evaluation, and NaN limits are rejected. Whether infinite limits are supported is stated by each implementation.
 */
public interface UnivariateIntegrator {
    /**
     * Integrates {@code f} from {@code a} to {@code b}.
     *
     * @param f the integrand; it is never called at an endpoint
     * @param a lower limit
     * @param b upper limit
     * @return the value with its error estimate, evaluation count and status
     * @throws InvalidArgumentException if a limit is NaN, or infinite where the implementation does not support it
     * @throws InvalidArgumentException if {@code f} is null
     */
    QuadratureResult integrate(DoubleUnaryOperator f, double a, double b);
}
