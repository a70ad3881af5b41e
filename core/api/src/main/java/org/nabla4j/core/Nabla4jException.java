package org.nabla4j.core;

/**
 * Root of every exception that Nabla4j throws on purpose. All are unchecked: they signal a misuse of the API (bad
 * shapes, bad arguments, closed tensors) or an operation that has no answer (a singular system). Numerical
 * non-convergence of iterative algorithms is not an exception: it is reported in the algorithm's result status.
 */
public class Nabla4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public Nabla4jException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public Nabla4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
