package dev.engram.core.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the memories of a full export ({@link ExportWriter}'s format) as they are to be restored into a project:
 * every field kept verbatim (ids, text, scope, metadata, categories, times, state, sources, history), the tenant
 * replaced by the target's. Anything malformed is a {@link ValidationException} naming the memory, before anything is
 * written.
 */
public final class ExportReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** One memory and its history, ready to restore. */
    public record Restored(MemoryRecord memory, List<HistoryEntry> history) {
    }

    private ExportReader() {
    }

    /** The memories of {@code export} (the whole export document) in {@code target}, in the export's order. */
    public static List<Restored> read(JsonNode export, Tenant target) {
        if (export == null || !export.isObject()) throw new ValidationException("The import body must be an Engram export (a JSON object)");
        JsonNode version = export.get("engram_export");
        if (version == null || !version.canConvertToInt() || version.asInt() != ExportWriter.FORMAT_VERSION) {
            throw new ValidationException("The import body must be a full Engram export (\"engram_export\": " + ExportWriter.FORMAT_VERSION
                    + "), as GET /v1/exports/{id}/download/ answers; a schema-shaped export cannot be restored");
        }
        JsonNode memories = export.get("memories");
        if (memories == null || !memories.isArray()) throw new ValidationException("The export has no \"memories\" list");
        List<Restored> out = new ArrayList<>(memories.size());
        int i = 0;
        for (JsonNode m : memories) {
            out.add(memory(m, target, i++));
        }
        return out;
    }

    private static Restored memory(JsonNode m, Tenant target, int index) {
        String where = "memories[" + index + "]";
        if (!m.isObject()) throw new ValidationException(where + " must be an object");
        UUID id = uuid(m, "id", where, true);
        String text = text(m, "memory", where, true);
        Scope scope;
        try {
            scope = new Scope(target, text(m, "user_id", where, false), text(m, "agent_id", where, false), text(m, "run_id", where, false),
                    text(m, "app_id", where, false));
        } catch (ValidationException e) {
            throw new ValidationException(where + ": " + e.getMessage());
        }
        Map<String, Object> metadata = m.hasNonNull("metadata") ? object(m.get("metadata"), where) : Map.of();
        List<String> categories = new ArrayList<>();
        if (m.hasNonNull("categories")) {
            if (!m.get("categories").isArray()) throw new ValidationException(where + ".categories must be a list");
            for (JsonNode c : m.get("categories")) categories.add(c.asText());
        }
        MemoryState state = MemoryState.ACTIVE;
        if (m.hasNonNull("state")) {
            try {
                state = MemoryState.valueOf(m.get("state").asText());
            } catch (IllegalArgumentException e) {
                throw new ValidationException(where + ".state is not a memory state");
            }
        }
        LocalDate expiration = null;
        String exp = text(m, "expiration_date", where, false);
        if (exp != null) {
            try {
                expiration = LocalDate.parse(exp);
            } catch (DateTimeParseException e) {
                throw new ValidationException(where + ".expiration_date must be YYYY-MM-DD");
            }
        }
        List<Source> sources = new ArrayList<>();
        if (m.hasNonNull("sources")) {
            for (JsonNode s : m.get("sources")) {
                sources.add(new Source(text(s, "event_id", where, false), s.path("message_index").asInt(0), text(s, "message_id", where, false),
                        text(s, "speaker", where, false), text(s, "role", where, false), instant(s, "timestamp", where, false)));
            }
        }
        MemoryRecord record = new MemoryRecord(id, scope, text, null, text(m, "actor_id", where, false), text(m, "role", where, false),
                metadata, categories, instant(m, "created_at", where, true), instant(m, "updated_at", where, true),
                instant(m, "event_time", where, false), expiration, m.path("immutable").asBoolean(false), state,
                uuid(m, "replaced_by", where, false), sources, text(m, "slot", where, false));
        List<HistoryEntry> history = new ArrayList<>();
        if (m.hasNonNull("history")) {
            for (JsonNode h : m.get("history")) {
                String hw = where + ".history";
                HistoryEvent event;
                try {
                    event = HistoryEvent.valueOf(text(h, "event", hw, true));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException(hw + ".event is not a history event");
                }
                history.add(new HistoryEntry(uuid(h, "id", hw, true), id, event, text(h, "old_memory", hw, false),
                        text(h, "new_memory", hw, false), text(h, "actor_id", hw, false), text(h, "role", hw, false),
                        instant(h, "created_at", hw, true), uuid(h, "related_memory_id", hw, false), text(h, "event_id", hw, false),
                        text(h, "reason", hw, false)));
            }
        }
        return new Restored(record, history);
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new ValidationException(where + "." + field + " is required");
            return null;
        }
        if (!v.isTextual()) throw new ValidationException(where + "." + field + " must be a string");
        return v.asText();
    }

    private static UUID uuid(JsonNode node, String field, String where, boolean required) {
        String s = text(node, field, where, required);
        if (s == null) return null;
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(where + "." + field + " must be a UUID");
        }
    }

    private static Instant instant(JsonNode node, String field, String where, boolean required) {
        String s = text(node, field, where, required);
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ValidationException(where + "." + field + " must be an ISO-8601 instant");
        }
    }

    private static Map<String, Object> object(JsonNode node, String where) {
        if (!node.isObject()) throw new ValidationException(where + ".metadata must be an object");
        return JSON.convertValue(node, OBJECT);
    }
}
