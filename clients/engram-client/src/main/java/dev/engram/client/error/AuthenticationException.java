package dev.engram.client.error;

/** The API key is missing, unknown or revoked (401), or lacks the scope the call needs (403). */
public class AuthenticationException extends EngramException {

    public AuthenticationException(int status, String type, String title, String detail, String instance) {
        super(status, type, title, detail, instance, null);
    }
}
