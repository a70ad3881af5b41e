/**
 * The tensor contract of Nabla4j, independent of any backend.
 *
 * <p>{@link org.nabla4j.core.Tensor} is an n-dimensional array (rank 0 to 8, {@link org.nabla4j.core.DType#FLOAT64}
 * or {@link org.nabla4j.core.DType#FLOAT32}) with NumPy broadcasting, reductions, matrix products and shape
 * operations; its public methods validate their arguments and apply the shape rules here, once, before a backend's
 * {@link org.nabla4j.core.TensorKernels} compute. {@link org.nabla4j.core.Linalg} holds solve, inverse, determinant,
 * Cholesky, QR, SVD and symmetric eigen. A {@link org.nabla4j.core.Backend} creates tensors;
 * {@link org.nabla4j.core.Backends} finds the backends on the class path (property {@code nabla4j.backend},
 * environment variable {@code NABLA4J_BACKEND}, else the highest priority). {@link org.nabla4j.core.TensorScope}
 * releases tensors deterministically, and every failure is a subclass of
 * {@link org.nabla4j.core.Nabla4jException} that names the operation and what was expected.
 */
package org.nabla4j.core;
