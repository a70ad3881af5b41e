package org.nabla4j.core;

/** Shapes or ranks are incompatible for an operation (broadcasting fails, matmul inner dimensions differ, a reshape changes the size, an in-place result would change shape). The message shows both shapes, e.g. {@code matmul: inner dimensions differ: [3, 4] x [5, 2]}. */
public class ShapeMismatchException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public ShapeMismatchException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public ShapeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
