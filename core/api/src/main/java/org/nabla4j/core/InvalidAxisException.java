package org.nabla4j.core;

/** An axis argument is outside {@code [-rank, rank)} or repeated. The message names the axis and the tensor's rank. */
public class InvalidAxisException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public InvalidAxisException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public InvalidAxisException(String message, Throwable cause) {
        super(message, cause);
    }
}
