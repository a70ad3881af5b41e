/**
 * The runnable tour of the calculus for deep learning ({@link org.nabla4j.examples.Tour}, the README's first
 * command): limits and derivatives, partial derivatives and gradients, linear regression, an MLP trained with
 * Momentum and Adam under gradient clipping, Lagrange multipliers, definite integrals, exploding gradients in a
 * recurrent network, and the Lyapunov view of the stable learning rate. Each section returns its numbers in a
 * {@link org.nabla4j.examples.TourResult}, which the tests check.
 */
package org.nabla4j.examples;
