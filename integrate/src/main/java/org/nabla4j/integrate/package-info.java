/**
 * Numerical integration with error estimates.
 *
 * <p>{@link org.nabla4j.integrate.Quadrature} is the entry point in one dimension: {@code integrate} picks a method
 * for smooth integrands, endpoint singularities and infinite ranges alike; {@code fourier} takes sine and cosine
 * oscillations on {@code [a, ∞)}; {@code gaussLegendre}, {@code gaussHermite} and {@code gaussLaguerre} apply fixed
 * rules. {@link org.nabla4j.integrate.GaussKronrodIntegrator}, {@link org.nabla4j.integrate.TanhSinhIntegrator} and
 * {@link org.nabla4j.integrate.Simpson} are the configurable methods behind it, and
 * {@link org.nabla4j.integrate.Cubature} integrates over boxes (tensor-product Gauss, adaptive Genz–Malik, and
 * randomized quasi-Monte Carlo in many dimensions). Integrands may be batched
 * ({@link org.nabla4j.integrate.BatchIntegrand}: one tensor call per rule application) or depend on parameters on a
 * gradient tape ({@link org.nabla4j.integrate.DifferentiableQuadrature}).
 *
 * <p>Every result is a {@link org.nabla4j.integrate.QuadratureResult}: value, error estimate, evaluation count and a
 * status that says whether the tolerance {@code max(absTol, relTol · |I|)} was met, and if not, why.
 */
package org.nabla4j.integrate;
