package org.nabla4j.core;

/** A Cholesky factorization was asked of a matrix that is not symmetric positive definite. */
public class NotPositiveDefiniteException extends SingularMatrixException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public NotPositiveDefiniteException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public NotPositiveDefiniteException(String message, Throwable cause) {
        super(message, cause);
    }
}
