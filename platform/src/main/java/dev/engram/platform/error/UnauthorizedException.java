package dev.engram.platform.error;

/**
 * No credentials, or credentials that name no active key or session (401). {@link #challenge()} is the scheme the
 * response's {@code WWW-Authenticate} names.
 */
public class UnauthorizedException extends RejectedRequestException {

    /** The scheme of Engram's API keys ({@code Authorization: Token <key>}, as Mem0's clients send). */
    public static final String API_KEY_CHALLENGE = "Token";

    private final String challenge;

    /** A 401 that asks for an API key. */
    public UnauthorizedException(String message) {
        this(message, API_KEY_CHALLENGE);
    }

    public UnauthorizedException(String message, String challenge) {
        super(message);
        this.challenge = challenge;
    }

    public String challenge() {
        return challenge;
    }
}
