package dev.engram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.error.AuthenticationException;
import dev.engram.client.error.EngramException;
import dev.engram.client.error.NotFoundException;
import dev.engram.client.error.RateLimitedException;
import dev.engram.client.error.ServerException;
import dev.engram.client.error.ValidationException;

import java.time.Clock;
import java.time.Duration;

/**
 * Turns an HTTP error response into the typed {@link EngramException} for its status. Engram answers RFC 9457
 * {@code application/problem+json}; other bodies (Mem0's {@code {"detail"|"error"|"message": …}}, a proxy's HTML) still
 * give a readable {@code detail}.
 */
final class ProblemDecoder {

    private static final int MAX_TEXT = 500;

    private final ObjectMapper json;
    private final Clock clock;

    ProblemDecoder(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param status     the response status (not 2xx)
     * @param retryAfter the {@code Retry-After} header, or null
     * @param body       the response body, possibly empty
     */
    public EngramException decode(int status, String retryAfter, String body) {
        String type = null;
        String title = null;
        String detail = null;
        String instance = null;
        JsonNode node = parse(body);
        if (node != null && node.isObject()) {
            type = text(node, "type");
            title = text(node, "title");
            instance = text(node, "instance");
            detail = firstText(node, "detail", "error", "message");
        }
        if (detail == null && body != null && !body.isBlank()) {
            String trimmed = body.strip();
            detail = trimmed.length() > MAX_TEXT ? trimmed.substring(0, MAX_TEXT) + "…" : trimmed;
        }
        return switch (status) {
            case 401, 403 -> new AuthenticationException(status, type, title, detail, instance);
            case 404 -> new NotFoundException(status, type, title, detail, instance);
            case 400, 409, 413, 422 -> new ValidationException(status, type, title, detail, instance);
            case 429 -> new RateLimitedException(type, title, detail, instance, RetryAfter.parse(retryAfter, clock).orElse(null));
            default -> status >= 500 ? new ServerException(status, type, title, detail, instance)
                    : new EngramException(status, type, title, detail, instance, null);
        };
    }

    /** The {@code Retry-After} of a response as a wait from now, if present and valid. */
    public java.util.Optional<Duration> retryAfter(String header) {
        return RetryAfter.parse(header, clock);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return json.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) continue;
            if (v.isTextual()) return v.asText();
            if (v.isObject() && v.get("message") != null) return v.get("message").asText(); // {"details":{"message":…}} style
            return v.toString();
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
