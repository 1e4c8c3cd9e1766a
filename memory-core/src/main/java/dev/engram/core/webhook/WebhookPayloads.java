package dev.engram.core.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.MemoryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Mem0's outbound webhook body, {@code {"event_details":{"id","data":{"memory"},"event":"ADD"|"UPDATE"|"DELETE"}}}, for
 * what an add, update or delete did. An add's SUPERSEDE (a new memory replacing an older one) is the new memory's ADD;
 * NONE (already known) sends nothing.
 */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    /** The events an add's results send. */
    public static List<OutboundEvent> of(List<MemoryEvent> results) {
        List<OutboundEvent> out = new ArrayList<>();
        for (MemoryEvent e : results) {
            WebhookEventType type = switch (e.type()) {
                case ADD, SUPERSEDE -> WebhookEventType.MEMORY_ADD;
                case UPDATE -> WebhookEventType.MEMORY_UPDATE;
                case DELETE -> WebhookEventType.MEMORY_DELETE;
                case NONE -> null;
            };
            if (type != null) out.add(event(type, e.memoryId(), e.text()));
        }
        return out;
    }

    /** One event's body. */
    public static OutboundEvent event(WebhookEventType type, UUID memoryId, String text) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode details = root.putObject("event_details");
        details.put("id", memoryId.toString());
        details.putObject("data").put("memory", text);
        details.put("event", type.payloadEvent());
        return new OutboundEvent(type, root.toString());
    }
}
