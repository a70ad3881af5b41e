package org.nabla4j.core;

/** An argument is out of its documented range or otherwise invalid (NaN where a number is required, a negative size, a tolerance {@code <= 0}, ...). The message names the argument, its value and what was expected. */
public class InvalidArgumentException extends Nabla4jException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
