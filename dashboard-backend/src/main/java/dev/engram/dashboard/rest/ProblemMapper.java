package dev.engram.dashboard.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.engram.dashboard.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * The dashboard API's single exception mapper: every failure becomes an {@code application/problem+json} response whose
 * status comes from {@link HttpStatusTable}; unexpected failures get a generic detail and are logged once.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper({Throwable.class, WebApplicationException.class, JsonProcessingException.class,
            JsonMappingException.class, MismatchedInputException.class, JsonParseException.class})
    public Response map(Throwable thrown, UriInfo uri) {
        Throwable t = unwrap(thrown);
        HttpStatusTable.Entry entry = HttpStatusTable.lookup(t);
        String instance = uri == null ? null : uri.getPath();
        logFailure(entry.status(), instance, t);
        Response.ResponseBuilder response = Response.fromResponse(Problem.of(entry.status(), detail(t, entry), instance).toResponse());
        if (t instanceof UnauthorizedException) response.header("WWW-Authenticate", "Bearer");
        return response.build();
    }

    /**
     * Logs a 5xx once: a 503 (a backend down; retryable, the client is told when to retry) at WARN on one line without a
     * stack trace, any other 5xx (a bug) at ERROR with its stack trace.
     */
    static void logFailure(int status, String instance, Throwable t) {
        if (status == 503) LOG.warnf("%s answered 503: %s", instance, oneLine(t));
        else if (status >= 500) LOG.errorf(t, "%s failed", instance);
    }

    /** The exception and its root cause, on one line. */
    private static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String line = root == t ? t.toString() : t + " (cause: " + root + ")";
        return line.replaceAll("[\\r\\n]+", " ");
    }

    /** Body-reading failures arrive wrapped in a JAX-RS exception; the Jackson cause says what was wrong. */
    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        for (int i = 0; i < 5 && c != null; i++) {
            if (c instanceof JsonProcessingException || c instanceof java.io.CharConversionException) return c;
            c = c.getCause();
        }
        return t;
    }

    private static String detail(Throwable t, HttpStatusTable.Entry entry) {
        if (entry.exposeMessage()) return t.getMessage();
        if (t instanceof JsonParseException) return "The request body is not valid JSON";
        if (t instanceof java.io.CharConversionException) return "The request body is not JSON text in UTF-8";
        if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "Invalid value for '" + field + "'";
        }
        if (t instanceof JsonProcessingException) return "The request body is not valid JSON for this route";
        if (entry.status() >= 500) return "The server could not complete the request";
        return null;
    }
}
