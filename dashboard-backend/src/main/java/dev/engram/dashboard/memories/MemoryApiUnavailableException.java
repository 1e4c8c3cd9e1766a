package dev.engram.dashboard.memories;

/**
 * The gateway's memory API cannot serve the memory browser: not configured, unreachable, too slow, failing, or refusing
 * the dashboard's key (a 503 for the console; the message says which, without internal addresses).
 */
public class MemoryApiUnavailableException extends RuntimeException {
    public MemoryApiUnavailableException(String message) {
        super(message, null, false, false);
    }

    /** {@code cause} says what went wrong internally: it is logged (once, by the problem mapper), never shown. */
    public MemoryApiUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
