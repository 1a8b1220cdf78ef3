package io.github.unigrad.spec;

/**
 * A specification string, or a value in it, is not valid. The message always says what was wrong
 * and what would have been valid (the known names, the known keys, or the allowed range).
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
