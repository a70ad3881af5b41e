/**
 * The pure-Java Nabla4j backend on EJML, registered with {@link java.util.ServiceLoader} as {@code "ejml"}: add the
 * artifact {@code org.nabla4j:nabla4j-backend-ejml} and obtain it with {@code Backends.get("ejml")}. The only
 * public type is {@link org.nabla4j.backend.ejml.EjmlBackend}; tensors, kernels and linear algebra are reached
 * through the {@code org.nabla4j.core} API.
 */
package org.nabla4j.backend.ejml;
