package dev.engram.dashboard.security;

/** No valid sign-in came with the request (a 401). */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message, null, false, false);
    }
}
