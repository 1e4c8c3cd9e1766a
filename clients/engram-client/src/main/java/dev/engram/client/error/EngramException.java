package dev.engram.client.error;

/**
 * A failed call to Engram. For an HTTP error the fields come from the server's RFC 9457 problem
 * ({@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}); for a
 * body that is not a problem (a proxy's page, an older server) {@code detail} is the body's {@code detail}, {@code error}
 * or {@code message} field, else its text. {@link #status()} is 0 when no HTTP response arrived.
 *
 * <p>Subclasses by status: {@link AuthenticationException} (401, 403), {@link NotFoundException} (404),
 * {@link ValidationException} (400, 409, 413, 422), {@link RateLimitedException} (429), {@link ServerException} (5xx),
 * {@link ConnectionException} (no response). Other statuses are thrown as this class.
 */
public class EngramException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final String instance;

    public EngramException(int status, String type, String title, String detail, String instance, Throwable cause) {
        super(message(status, title, detail, instance), cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.instance = instance;
    }

    /** The HTTP status, or 0 when the server was not reached or did not answer. */
    public int status() {
        return status;
    }

    /** The problem type URI (e.g. {@code https://engram.dev/problems/not-found}), or null. */
    public String type() {
        return type;
    }

    /** The problem's short summary (the HTTP reason phrase on Engram), or null. */
    public String title() {
        return title;
    }

    /** What went wrong, written for the caller (Engram's problem {@code detail}), or null. */
    public String detail() {
        return detail;
    }

    /** The request path the problem is about, or null. */
    public String instance() {
        return instance;
    }

    private static String message(int status, String title, String detail, String instance) {
        StringBuilder out = new StringBuilder();
        if (status > 0) out.append(status);
        if (title != null && !title.isBlank()) out.append(out.isEmpty() ? "" : " ").append(title);
        if (detail != null && !detail.isBlank() && !detail.equals(title)) out.append(out.isEmpty() ? "" : ": ").append(detail);
        if (instance != null && !instance.isBlank()) out.append(" (").append(instance).append(')');
        return out.toString();
    }
}
