package dev.engram.client.error;

/** The server failed (5xx). A 503 is retried by the client's {@link dev.engram.client.RetryPolicy} before this is thrown. */
public class ServerException extends EngramException {

    public ServerException(int status, String type, String title, String detail, String instance) {
        super(status, type, title, detail, instance, null);
    }
}
