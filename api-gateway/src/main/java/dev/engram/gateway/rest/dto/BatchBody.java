package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.gateway.service.BatchItem;

import java.util.ArrayList;
import java.util.List;

/** {@code PUT}/{@code DELETE /v1/batch/}: {@code {"memories":[{"memory_id", "text"?, "metadata"?}]}}. */
public record BatchBody(List<Item> memories) {
    public record Item(String memoryId, String text, JsonNode metadata) {
    }

    /**
     * The batch's items for {@link dev.engram.gateway.service.MemoryService}: null when the body or its list is absent,
     * with a null item kept as null (the service rejects both).
     */
    public static List<BatchItem> items(BatchBody body) {
        if (body == null || body.memories() == null) return null;
        List<BatchItem> out = new ArrayList<>(body.memories().size());
        for (Item item : body.memories()) out.add(item == null ? null : new BatchItem(item.memoryId(), item.text(), item.metadata()));
        return out;
    }
}
