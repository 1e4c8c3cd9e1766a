package dev.engram.core.error;

/** A backend (index, store, model) failed; the operation was not applied. */
public class StorageException extends EngramException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
