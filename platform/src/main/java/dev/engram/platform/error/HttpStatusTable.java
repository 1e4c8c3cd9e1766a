package dev.engram.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.UnreadableContentException;
import dev.engram.core.error.UnsupportedMediaException;
import dev.engram.core.error.ValidationException;
import jakarta.ws.rs.WebApplicationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table from exception types to HTTP statuses, shared by every app (api-gateway, dashboard-backend, ingest-worker).
 * Lookup walks the class hierarchy, so a subclass inherits its parent's status unless it has its own row
 * ({@link TooLargeException} is a {@link ValidationException} but a 413). An app's own exceptions extend a type here
 * (e.g. {@link UnavailableException}) instead of adding a table of their own.
 */
public final class HttpStatusTable {

    /** A status and whether the exception's message may be shown to the client. */
    public record Entry(int status, boolean exposeMessage) {
    }

    private static final Map<Class<? extends Throwable>, Entry> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(TooLargeException.class, new Entry(413, true));
        TABLE.put(UnsupportedMediaException.class, new Entry(415, true));
        TABLE.put(UnreadableContentException.class, new Entry(422, true));
        TABLE.put(ValidationException.class, new Entry(400, true));
        TABLE.put(NotFoundException.class, new Entry(404, true));
        TABLE.put(ConflictException.class, new Entry(409, true));
        TABLE.put(UnauthorizedException.class, new Entry(401, true));
        TABLE.put(ForbiddenException.class, new Entry(403, true));
        TABLE.put(RateLimitedException.class, new Entry(429, true));
        TABLE.put(UnavailableException.class, new Entry(503, true));
        TABLE.put(JsonProcessingException.class, new Entry(400, false));
        // The body's bytes are no text Jackson can decode (NUL bytes first make it guess UTF-32): a client error.
        TABLE.put(java.io.CharConversionException.class, new Entry(400, false));
        TABLE.put(StorageException.class, new Entry(503, false));
        TABLE.put(ConfigurationException.class, new Entry(500, false));
    }

    private HttpStatusTable() {
    }

    /** The entry for {@code t}: its own class's row, else its nearest ancestor's; JAX-RS exceptions carry their own status. */
    public static Entry lookup(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Entry e = TABLE.get(c);
            if (e != null) return e;
        }
        if (t instanceof WebApplicationException w) return new Entry(w.getResponse().getStatus(), false);
        return new Entry(500, false);
    }
}
