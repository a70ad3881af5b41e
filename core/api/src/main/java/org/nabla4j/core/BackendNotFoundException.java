package org.nabla4j.core;

/** A backend was asked for by name but is not on the class path (or failed to load). The message names the Maven artifact to add. */
public class BackendNotFoundException extends Nabla4jException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what was expected. */
    public BackendNotFoundException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public BackendNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
