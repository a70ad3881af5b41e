/**
 * Gaussian quadrature rules: {@link org.nabla4j.integrate.gauss.GaussLegendre} of any order (Newton's method on
 * the three-term recurrence, finished in double-double arithmetic, for {@code n ≤ 200} and the nodes nearest the
 * ends; Newton's method on Stieltjes' asymptotic expansion for the interior nodes above; cached),
 * {@link org.nabla4j.integrate.gauss.GaussHermite}, {@link org.nabla4j.integrate.gauss.GaussLaguerre} and the
 * embedded Gauss–Kronrod pairs of {@link org.nabla4j.integrate.gauss.GaussKronrodRule}. A
 * {@link org.nabla4j.integrate.gauss.QuadratureRule} is an immutable set of nodes and weights on the rule's
 * reference interval.
 */
package org.nabla4j.integrate.gauss;
