package dev.engram.platform.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * The single exception mapper of every app on this module: every failure becomes an {@code application/problem+json} response whose status
 * comes from {@link HttpStatusTable}. Messages of domain exceptions are shown (they are written for clients); anything
 * unexpected gets a generic detail and is logged once.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /**
     * When a client may try again after a 503 (a backend down: Kafka, PostgreSQL, Qdrant, the identity provider, the
     * gateway). The apps reconnect by themselves; a few seconds is how long a restarted backend takes to serve again.
     */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper({Throwable.class, WebApplicationException.class, JsonProcessingException.class,
            JsonMappingException.class, MismatchedInputException.class, JsonParseException.class, IllegalArgumentException.class})
    public Response map(Throwable thrown, UriInfo uri, HttpServerResponse http) {
        if (http != null && http.ended()) {
            // The HTTP layer answered already: a body over quarkus.http.limits.max-body-size sent chunked gets its 413
            // from the body reader, which then fails the read. Nothing is broken and nothing more can be sent.
            LOG.debugf(thrown, "%s: answered %d before the application", uri == null ? null : uri.getPath(), http.getStatusCode());
            return null;
        }
        Throwable t = unwrap(thrown);
        HttpStatusTable.Entry entry = HttpStatusTable.lookup(t);
        String instance = uri == null ? null : uri.getPath();
        if (clientWentAway(thrown)) {
            // the client closed the connection while its body was read (e.g. after a 413): nothing to answer, nothing broken
            LOG.debugf("%s: the client closed the connection", instance);
            return Response.status(400).build();
        }
        logFailure(entry.status(), instance, t);
        Problem problem = Problem.of(entry.status(), detail(t, entry), instance);
        Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
        if (t instanceof RateLimitedException r) response.header("Retry-After", r.retryAfterSeconds());
        else if (entry.status() == 503) response.header("Retry-After", UNAVAILABLE_RETRY_AFTER_SECONDS);
        if (t instanceof UnauthorizedException u) response.header("WWW-Authenticate", u.challenge());
        return response.build();
    }

    private static boolean clientWentAway(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.ClosedChannelException) return true;
        }
        return false;
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
        return null; // the status's reason phrase
    }
}
