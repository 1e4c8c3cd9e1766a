package dev.engram.core.error;

/** The request conflicts with the current state, e.g. updating an immutable memory (a 409 at the edge). */
public class ConflictException extends EngramException {
    public ConflictException(String message) {
        super(message);
    }
}
