package dev.engram.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.config.EngramConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns client metadata into the opaque map the engine stores, within the configured size and depth. Keys are kept verbatim. */
@ApplicationScoped
public class JsonLimits {

    private final ObjectMapper mapper;
    private final EngramConfig.Limits limits;

    JsonLimits(ObjectMapper mapper, EngramConfig config) {
        this.mapper = mapper;
        this.limits = config.limits();
    }

    /** The metadata object, or null when absent or JSON null. */
    public Map<String, Object> metadata(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (!node.isObject()) throw new ValidationException("metadata must be a JSON object");
        int depth = depth(node, 0);
        if (depth > limits.metadataDepth()) throw new ValidationException("metadata nests deeper than " + limits.metadataDepth() + " levels");
        try {
            int bytes = mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limits.metadataBytes()) throw new TooLargeException("metadata exceeds " + limits.metadataBytes() + " bytes");
        } catch (JsonProcessingException e) {
            throw new ValidationException("metadata is not valid JSON");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
        }
        return out;
    }

    /** JSON text of a node, for an event's payload. */
    public String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ValidationException("The request body is not valid JSON");
        }
    }

    public JsonNode parse(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    private static int depth(JsonNode n, int level) {
        if (level > 64) return level; // far beyond any limit: stop walking
        int max = level + (n.isContainerNode() ? 1 : 0);
        for (JsonNode child : n) max = Math.max(max, depth(child, level + 1));
        return max;
    }
}
