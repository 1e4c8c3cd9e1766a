package dev.engram.client.error;

/**
 * No HTTP response: the connection was refused, reset or timed out ({@link #status()} is 0; the cause is the
 * {@link java.io.IOException}). Retried first when it is safe (see {@link dev.engram.client.RetryPolicy}).
 */
public class ConnectionException extends EngramException {

    public ConnectionException(String detail, Throwable cause) {
        super(0, null, "Connection failed", detail, null, cause);
    }
}
