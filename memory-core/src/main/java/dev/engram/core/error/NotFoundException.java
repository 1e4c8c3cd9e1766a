package dev.engram.core.error;

/** The named thing does not exist in the caller's tenant (a 404 at the edge). */
public class NotFoundException extends EngramException {
    public NotFoundException(String message) {
        super(message);
    }
}
