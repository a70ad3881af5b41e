package org.nabla4j.core;

/** A tensor was used after {@link Tensor#close()} released its storage (directly or through a {@link TensorScope}). The message names the tensor. */
public class TensorClosedException extends Nabla4jException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public TensorClosedException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public TensorClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
