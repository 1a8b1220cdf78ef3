package io.github.unigrad.loss;

/**
 * A gradient was asked of a loss that has none worth training with (the zero-one loss). The
 * message names the differentiable surrogates to use instead.
 */
public class NotDifferentiableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotDifferentiableException(String message) {
        super(message);
    }
}
