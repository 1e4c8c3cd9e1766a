package dev.engram.core.error;

/** Base of the domain's exceptions. They carry no HTTP knowledge: each REST module maps them in one status table. */
public abstract class EngramException extends RuntimeException {
    protected EngramException(String message) {
        super(message);
    }

    protected EngramException(String message, Throwable cause) {
        super(message, cause);
    }
}
