/**
 * Test support for Nabla4j backends and for modules that test numerical code.
 *
 * <p>{@link org.nabla4j.testkit.TensorConformanceSuite} is the conformance suite every backend must pass: written
 * once against the {@link org.nabla4j.core.Tensor} API and run by a one-line subclass per backend and dtype.
 * {@link org.nabla4j.testkit.Tolerances} holds the named tolerance constants per dtype, and
 * {@link org.nabla4j.testkit.TensorAssertions} the assertions with messages that show the offending index and both
 * values.
 */
package org.nabla4j.testkit;
