package dev.engram.dashboard.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.gateway.GatewayUnavailableException;
import dev.engram.dashboard.security.ForbiddenException;
import dev.engram.dashboard.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table from exception types to HTTP statuses (as in the api-gateway). Lookup walks the class hierarchy, so a
 * subclass inherits its parent's status unless it has its own row.
 */
final class HttpStatusTable {

    /** A status and whether the exception's message may be shown to the client. */
    record Entry(int status, boolean exposeMessage) {
    }

    private static final Map<Class<? extends Throwable>, Entry> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(TooLargeException.class, new Entry(413, true));
        TABLE.put(ValidationException.class, new Entry(400, true));
        TABLE.put(NotFoundException.class, new Entry(404, true));
        TABLE.put(ConflictException.class, new Entry(409, true));
        TABLE.put(UnauthorizedException.class, new Entry(401, true));
        TABLE.put(ForbiddenException.class, new Entry(403, true));
        TABLE.put(JsonProcessingException.class, new Entry(400, false));
        TABLE.put(java.io.CharConversionException.class, new Entry(400, false)); // a body in UTF-16/32 or not text
        TABLE.put(StorageException.class, new Entry(503, false));
        TABLE.put(GatewayUnavailableException.class, new Entry(503, true));
        TABLE.put(ConfigurationException.class, new Entry(500, false));
    }

    private HttpStatusTable() {
    }

    static Entry lookup(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Entry e = TABLE.get(c);
            if (e != null) return e;
        }
        if (t instanceof WebApplicationException w) return new Entry(w.getResponse().getStatus(), false);
        return new Entry(500, false);
    }
}
