package dev.engram.dashboard.memories;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A memory as the browser shows it: the gateway's memory object without Mem0's compatibility duplicates. {@code state}
 * is the engine's state in lower case: {@code active}, or e.g. {@code superseded} for a memory a later fact replaced
 * (with {@code replaced_by}); {@code score}
 * only on search results; {@code sources} are the messages it was extracted from; {@code feedback} (POSITIVE, NEGATIVE,
 * VERY_NEGATIVE) and {@code feedback_reason} are the memory's current feedback, null when it has none. The browser shows
 * VERY_NEGATIVE memories too (it asks the gateway for them), marked by their feedback.
 */
public record BrowsedMemory(String id, String memory, String userId, String agentId, String runId, List<String> categories,
                            Map<String, Object> metadata, String createdAt, String updatedAt, String state, String replacedBy,
                            String eventTime, @JsonInclude(JsonInclude.Include.NON_NULL) Double score, List<Source> sources,
                            String feedback, String feedbackReason) {

    /** One message of an ingest event the memory came from. */
    public record Source(String eventId, Integer messageIndex, String messageId, String speaker, String role, String timestamp) {

        static Source of(JsonNode n) {
            return new Source(GatewayJson.text(n, "event_id"), n.path("message_index").isInt() ? n.path("message_index").asInt() : null,
                    GatewayJson.text(n, "message_id"), GatewayJson.text(n, "speaker"), GatewayJson.text(n, "role"),
                    GatewayJson.text(n, "timestamp"));
        }
    }

    static BrowsedMemory of(JsonNode n) {
        List<String> categories = new ArrayList<>();
        n.path("categories").forEach(c -> categories.add(c.asText()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        n.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), GatewayJson.plain(e.getValue())));
        List<Source> sources = new ArrayList<>();
        n.path("sources").forEach(s -> sources.add(Source.of(s)));
        return new BrowsedMemory(GatewayJson.text(n, "id"), GatewayJson.text(n, "memory"), GatewayJson.text(n, "user_id"),
                GatewayJson.text(n, "agent_id"), GatewayJson.text(n, "run_id"), List.copyOf(categories), metadata,
                GatewayJson.text(n, "created_at"), GatewayJson.text(n, "updated_at"), lowerCase(GatewayJson.text(n, "state")),
                GatewayJson.text(n, "replaced_by"), GatewayJson.text(n, "event_time"),
                n.path("score").isNumber() ? n.path("score").asDouble() : null, List.copyOf(sources),
                GatewayJson.text(n, "feedback"), GatewayJson.text(n, "feedback_reason"));
    }

    /** The gateway sends the engine's enum names ({@code ACTIVE}); the dashboard API speaks lower case like its roles. */
    private static String lowerCase(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
