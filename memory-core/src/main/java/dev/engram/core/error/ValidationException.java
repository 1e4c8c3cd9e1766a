package dev.engram.core.error;

/** The caller sent something malformed or out of bounds (a 400 at the edge). The message is safe to show. */
public class ValidationException extends EngramException {
    public ValidationException(String message) {
        super(message);
    }
}
