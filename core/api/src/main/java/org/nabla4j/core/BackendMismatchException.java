package org.nabla4j.core;

/** Two tensors owned by different backends were combined in one operation. Move one with {@link Tensor#toBackend(Backend)}. */
public class BackendMismatchException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public BackendMismatchException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public BackendMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
