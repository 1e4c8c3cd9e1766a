package dev.engram.dashboard.security;

/** The caller is a member of the organisation but their role does not allow this (a 403). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}
