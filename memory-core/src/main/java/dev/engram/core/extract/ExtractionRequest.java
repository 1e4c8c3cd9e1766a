package dev.engram.core.extract;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Input of an {@link Extractor}.
 *
 * @param messages           every message has a timestamp (the engine fills missing ones with {@code referenceTime})
 * @param referenceTime      "now" for the conversation: relative dates without a message timestamp resolve against it
 * @param zone               the zone dates are resolved in (UTC unless configured)
 * @param categories         category name to description (never null; the defaults when the client sent none)
 */
public record ExtractionRequest(List<Message> messages, Scope scope, Instant referenceTime, ZoneId zone,
                                String customInstructions, Map<String, String> categories) {
    public ExtractionRequest {
        messages = List.copyOf(messages);
        categories = categories == null ? Map.of() : categories;
        if (zone == null) zone = java.time.ZoneOffset.UTC;
    }
}
