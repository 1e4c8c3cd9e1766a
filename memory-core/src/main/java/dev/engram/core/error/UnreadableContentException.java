package dev.engram.core.error;

/** Content of an accepted type that cannot be read: a damaged PDF, a document URL that did not answer (a 422 at the edge). */
public class UnreadableContentException extends ValidationException {
    public UnreadableContentException(String message) {
        super(message);
    }
}
