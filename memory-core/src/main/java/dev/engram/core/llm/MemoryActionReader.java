package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a phase-2 reply ({@code {"memory":[{"id","text","event","old_memory"}]}}). A reply without a {@code memory} array
 * is invalid; entries that are not objects or carry an unknown event are skipped and logged.
 */
final class MemoryActionReader implements JsonReplyReader<List<MemoryAction>> {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryActionReader.class);

    @Override
    public List<MemoryAction> read(JsonNode reply) throws InvalidReplyException {
        JsonNode entries = reply.get("memory");
        if (entries == null || !entries.isArray()) {
            throw new InvalidReplyException("The object must have a \"memory\" array, but \"memory\" was "
                    + JsonReplyParser.kind(entries) + ".");
        }
        List<MemoryAction> actions = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                LOG.warn("Ignoring a reconciliation entry that is not an object: {}", entry);
                continue;
            }
            MemoryAction.Event event = event(scalar(entry.get("event")));
            if (event == null) {
                LOG.warn("Ignoring a reconciliation entry with an unknown event: {}", entry);
                continue;
            }
            actions.add(new MemoryAction(scalar(entry.get("id")), scalar(entry.get("text")), event,
                    scalar(entry.get("old_memory"))));
        }
        return actions;
    }

    private static MemoryAction.Event event(String value) {
        if (value == null) return null;
        try {
            return MemoryAction.Event.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Strings and numbers as text (models sometimes write ids as numbers); null for anything else or blank. */
    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) return null;
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
