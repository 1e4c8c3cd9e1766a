package dev.engram.core.error;

/** A payload exceeds a configured size limit (a 413 at the edge). */
public class TooLargeException extends ValidationException {
    public TooLargeException(String message) {
        super(message);
    }
}
