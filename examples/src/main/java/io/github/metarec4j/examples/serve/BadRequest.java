package io.github.metarec4j.examples.serve;

/** Input the service refuses with HTTP 400; the message says what was wrong. */
public final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal saying what was wrong. */
    public BadRequest(String message) {
        super(message);
    }
}
