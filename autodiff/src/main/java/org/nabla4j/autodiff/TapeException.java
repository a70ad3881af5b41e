package org.nabla4j.autodiff;

import org.nabla4j.core.Nabla4jException;

/**
 * Misuse of a {@link GradientTape} or of its {@link Var}s: a second {@code gradient} call on a non-persistent tape,
 * use of a closed tape, mixing variables of two tapes, asking for the gradient with respect to a constant, or an
 * in-place modification of a tensor that the tape saved for the backward pass. The message names the operation and
 * the tensors involved.
 */
public class TapeException extends Nabla4jException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and how to fix it. */
    public TapeException(String message) {
        super(message);
    }
}
