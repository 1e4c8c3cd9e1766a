package dev.engram.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schema fragments for the tools' {@code inputSchema}: small builders so each tool reads as its argument list. */
final class ToolSchemas {

    private ToolSchemas() {
    }

    /** An object schema; {@code additionalProperties:false} tells the model no other argument exists. */
    @SafeVarargs
    static Map<String, Object> object(List<String> required, Map.Entry<String, Object>... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : properties) props.put(p.getKey(), p.getValue());
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map.Entry<String, Object> string(String name, String description) {
        return Map.entry(name, Map.of("type", "string", "description", description));
    }

    static Map.Entry<String, Object> integer(String name, String description, int min, int max, int fallback) {
        return Map.entry(name, Map.of("type", "integer", "description", description, "minimum", min, "maximum", max, "default", fallback));
    }

    static Map.Entry<String, Object> number(String name, String description, double min, double max) {
        return Map.entry(name, Map.of("type", "number", "description", description, "minimum", min, "maximum", max));
    }

    static Map.Entry<String, Object> bool(String name, String description, boolean fallback) {
        return Map.entry(name, Map.of("type", "boolean", "description", description, "default", fallback));
    }

    static Map.Entry<String, Object> object(String name, String description) {
        return Map.entry(name, Map.of("type", "object", "description", description));
    }

    static Map.Entry<String, Object> stringEnum(String name, String description, List<String> values) {
        return Map.entry(name, Map.of("type", "string", "description", description, "enum", values));
    }

    /** {@code messages}: a plain string, or a conversation of {role, content} turns. */
    static Map.Entry<String, Object> messages(String description) {
        Map<String, Object> turn = Map.of("type", "object",
                "properties", Map.of("role", Map.of("type", "string", "enum", List.of("user", "assistant", "system")),
                        "content", Map.of("type", "string")),
                "required", List.of("role", "content"));
        return Map.entry("messages", Map.of("description", description,
                "anyOf", List.of(Map.of("type", "string"), Map.of("type", "array", "items", turn, "minItems", 1))));
    }

    static Map.Entry<String, Object> maxTokens() {
        return integer("max_tokens", "Budget for the answer, in tokens: results that do not fit are left out and counted in 'omitted'.",
                CompactResults.MIN_MAX_TOKENS, CompactResults.MAX_MAX_TOKENS, CompactResults.DEFAULT_MAX_TOKENS);
    }

    static Map.Entry<String, Object> userId() {
        return string("user_id", "The user the memories belong to. Optional when the connection sets a default user.");
    }

    static Map.Entry<String, Object> agentId() {
        return string("agent_id", "The agent the memories belong to (an assistant's own memories).");
    }

    static Map.Entry<String, Object> runId() {
        return string("run_id", "A run or session id, for memories of one conversation.");
    }
}
