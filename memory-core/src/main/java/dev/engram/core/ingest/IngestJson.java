package dev.engram.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.FrozenJson;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of an {@link IngestEvent}: what the journal writes to disk and what a Kafka topic carries. Versioned
 * ({@code "v": 1}) so events queued by one release are read by the next: readers accept unknown fields (a later
 * release may add some) and refuse a version they do not know rather than guess.
 *
 * <p>Version 1, snake_case: {@code v, event_id, received_at, org_id, project_id, user_id, agent_id, run_id, app_id,
 * messages[{role, content, name, id, timestamp, metadata}], metadata, infer, timestamp, custom_instructions, categories,
 * expiration_date, immutable, offline_only, llm_profile, payload}; {@code payload} (the client's body as JSON text) and
 * {@code llm_profile} (absent: the default LLM) are optional, so events written before they were added still read. Instants are ISO-8601 strings (nanoseconds kept), dates {@code YYYY-MM-DD}. Metadata
 * comes back as Jackson reads JSON (integers as {@code Integer} or {@code Long}, fractions as {@code Double}), deeply
 * unmodifiable; categories keep their order.
 */
public final class IngestJson {

    /** The version this code writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // absent fields are left out; null values inside metadata are data and are kept
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private IngestJson() {
    }

    public static byte[] toBytes(IngestEvent event) {
        try {
            return MAPPER.writeValueAsBytes(EventV1.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write ingest event " + event.eventId() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(IngestEvent event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not an ingest event of a version this code reads */
    public static IngestEvent fromBytes(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an ingest event: invalid JSON", e);
        }
        if (tree == null || !tree.isObject()) throw new IllegalArgumentException("Not an ingest event: not a JSON object");
        JsonNode version = tree.get("v");
        if (version == null || !version.canConvertToInt()) throw new IllegalArgumentException("Not an ingest event: no version \"v\"");
        if (version.intValue() != VERSION) {
            throw new IllegalArgumentException("Ingest event version " + version.asText() + " is not supported (this release reads " + VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(tree, EventV1.class).toEvent();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a valid ingest event: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) { // a domain constructor refused a value (e.g. a scope without ids)
            throw new IllegalArgumentException("Not a valid ingest event: " + e.getMessage(), e);
        }
    }

    public static IngestEvent fromJson(String json) {
        return fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Version 1 of the event, flat: one field per JSON key. */
    record EventV1(int v, String eventId, Instant receivedAt, String orgId, String projectId, String userId, String agentId,
                   String runId, String appId, List<MessageV1> messages, Map<String, Object> metadata, boolean infer,
                   Instant timestamp, String customInstructions, LinkedHashMap<String, String> categories,
                   LocalDate expirationDate, boolean immutable, boolean offlineOnly, String llmProfile, String payload) {

        static EventV1 of(IngestEvent event) {
            AddRequest r = event.request();
            Scope s = r.scope();
            List<MessageV1> messages = r.messages().stream().map(MessageV1::of).toList();
            LinkedHashMap<String, String> categories = r.categories() == null ? null : new LinkedHashMap<>(r.categories());
            return new EventV1(VERSION, r.eventId(), event.receivedAt(), s.tenant().orgId(), s.tenant().projectId(), s.userId(),
                    s.agentId(), s.runId(), s.appId(), messages, r.metadata(), r.infer(), r.timestamp(), r.customInstructions(),
                    categories, r.expirationDate(), r.immutable(), r.offlineOnly(), r.llmProfile(), event.payload());
        }

        IngestEvent toEvent() {
            Scope scope = new Scope(new Tenant(orgId, projectId), userId, agentId, runId, appId);
            List<Message> decoded = messages == null ? List.of() : messages.stream().map(MessageV1::toMessage).toList();
            Map<String, String> frozenCategories = categories == null ? null : Collections.unmodifiableMap(categories);
            AddRequest request = new AddRequest(eventId, scope, decoded, metadata == null ? null : FrozenJson.freezeMap(metadata), infer,
                    timestamp, customInstructions, frozenCategories, expirationDate, immutable, offlineOnly, llmProfile);
            return new IngestEvent(request, receivedAt, payload);
        }
    }

    /** {@code metadata} is optional: absent for a message without metadata of its own (events written before it read). */
    record MessageV1(String role, String content, String name, String id, Instant timestamp, Map<String, Object> metadata) {
        static MessageV1 of(Message m) {
            return new MessageV1(m.role(), m.content(), m.name(), m.id(), m.timestamp(), m.metadata().isEmpty() ? null : m.metadata());
        }

        Message toMessage() {
            return new Message(role, content, name, id, timestamp, metadata == null ? null : FrozenJson.freezeMap(metadata));
        }
    }

}
