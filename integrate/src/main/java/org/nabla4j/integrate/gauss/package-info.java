/**
 * Gaussian quadrature rules: {@link org.nabla4j.integrate.gauss.GaussLegendre} of any order (Newton iteration in
 * double-double arithmetic up to {@code n = 200}, asymptotic expansions above, cached),
 * {@link org.nabla4j.integrate.gauss.GaussHermite}, {@link org.nabla4j.integrate.gauss.GaussLaguerre} and the
 * embedded Gauss–Kronrod pairs of {@link org.nabla4j.integrate.gauss.GaussKronrodRule}. A
 * {@link org.nabla4j.integrate.gauss.QuadratureRule} is an immutable set of nodes and weights on the rule's
 * reference interval.
 */
package org.nabla4j.integrate.gauss;
