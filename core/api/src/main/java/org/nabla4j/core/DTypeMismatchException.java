package org.nabla4j.core;

/** Two tensors of different {@link DType}s were combined in one operation. Convert one with {@link Tensor#toDType(DType)}. */
public class DTypeMismatchException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public DTypeMismatchException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public DTypeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
