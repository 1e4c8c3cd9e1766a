package dev.engram.client.error;

/** The server refused the request as malformed or conflicting (400, 409, 413 body too large, 422). */
public class ValidationException extends EngramException {

    public ValidationException(int status, String type, String title, String detail, String instance) {
        super(status, type, title, detail, instance, null);
    }
}
