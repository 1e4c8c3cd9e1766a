package dev.engram.platform.error;

/** Valid credentials without the scope or role the route needs (403). */
public class ForbiddenException extends RejectedRequestException {
    public ForbiddenException(String message) {
        super(message);
    }
}
