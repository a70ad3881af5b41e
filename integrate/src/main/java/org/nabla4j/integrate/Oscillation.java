package org.nabla4j.integrate;

/** The oscillating factor {@code w(ωx)} of a Fourier integral {@code ∫_a^∞ f(x) w(ωx) dx}; see {@link Quadrature#fourier}. */
public enum Oscillation {
    /** {@code w(ωx) = sin(ωx)}. */
    SIN,
    /** {@code w(ωx) = cos(ωx)}. */
    COS;

    double apply(double t) {
        return this == SIN ? Math.sin(t) : Math.cos(t);
    }
}
