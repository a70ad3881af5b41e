package org.nabla4j.core;

/** A linear-algebra operation needs a non-singular matrix (solve, inverse) and the matrix is singular to working precision. */
public class SingularMatrixException extends Nabla4jException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public SingularMatrixException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public SingularMatrixException(String message, Throwable cause) {
        super(message, cause);
    }
}
