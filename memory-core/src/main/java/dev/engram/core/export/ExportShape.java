package dev.engram.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.error.ValidationException;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Shapes a full export ({@link ExportWriter}'s document) by the JSON schema the client sent with it: a best-effort
 * projection of the schema's properties onto the export's fields, without an LLM. What is honoured:
 * <ul>
 *   <li>A schema without {@code properties} (e.g. {@code {}}) answers the full export.</li>
 *   <li>A root property whose schema is an array ({@code "type":"array"} or {@code items}) receives the exported
 *       memories, each projected onto the {@code items} schema; items without {@code properties} keep every field.</li>
 *   <li>A root property named like a field of the document ({@code export_id, org_id, project_id, created_at,
 *       exported_at, filters, count}) receives that field.</li>
 *   <li>A memory property named like a memory field receives it; {@code memory_id} is read as {@code id},
 *       {@code text}, {@code content} and {@code data} as {@code memory}, {@code session_id} as {@code run_id};
 *       {@code sources} and {@code history} are projected the same way by their own {@code items} properties.</li>
 *   <li>{@code $ref} to {@code #/$defs/…} or {@code #/definitions/…} is followed; of {@code anyOf}/{@code oneOf} the
 *       first alternative that is not {@code null} is used.</li>
 * </ul>
 * Every other property is omitted, never invented; types, formats and constraints are not checked.
 */
public final class ExportShape {

    static final Set<String> DOCUMENT_FIELDS = Set.of("export_id", "org_id", "project_id", "created_at", "exported_at", "filters", "count");
    private static final Map<String, String> ALIASES = Map.of("memory_id", "id", "text", "memory", "content", "memory", "data", "memory",
            "session_id", "run_id");
    private static final int MAX_REF_DEPTH = 16;

    private ExportShape() {
    }

    /** Checks that {@code schema} is a JSON object (what Mem0 accepts as a schema); a 400 otherwise. */
    public static void check(JsonNode schema) {
        if (schema == null || !schema.isObject()) throw new ValidationException("schema must be a JSON object (a JSON schema)");
        JsonNode props = schema.get("properties");
        if (props != null && !props.isObject()) throw new ValidationException("schema.properties must be a JSON object");
    }

    /** The export shaped by {@code schema}. */
    public static JsonNode apply(JsonNode schema, JsonNode export) {
        JsonNode root = resolve(schema, schema, 0);
        JsonNode props = root.get("properties");
        if (props == null || !props.isObject() || props.isEmpty()) return export;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode ps = resolve(schema, p.getValue(), 0);
            if (isArray(ps)) {
                ArrayNode list = out.putArray(p.getKey());
                JsonNode items = resolve(schema, ps.path("items"), 0);
                for (JsonNode m : export.path("memories")) list.add(project(schema, items, m));
            } else if (DOCUMENT_FIELDS.contains(p.getKey()) && export.has(p.getKey())) {
                out.set(p.getKey(), export.get(p.getKey()));
            }
        }
        return out;
    }

    /** {@code value} (an object of the export) projected onto {@code schema}'s properties. */
    private static JsonNode project(JsonNode root, JsonNode schema, JsonNode value) {
        JsonNode props = schema.get("properties");
        if (props == null || !props.isObject() || props.isEmpty()) return value;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String field = value.has(p.getKey()) ? p.getKey() : ALIASES.getOrDefault(p.getKey(), p.getKey());
            if (!value.has(field)) continue;
            JsonNode v = value.get(field);
            JsonNode ps = resolve(root, p.getValue(), 0);
            if (v.isArray() && isArray(ps)) {
                JsonNode items = resolve(root, ps.path("items"), 0);
                ArrayNode list = out.putArray(p.getKey());
                for (JsonNode e : v) list.add(e.isObject() ? project(root, items, e) : e);
            } else {
                out.set(p.getKey(), v);
            }
        }
        return out;
    }

    private static boolean isArray(JsonNode schema) {
        return "array".equals(schema.path("type").asText()) || schema.has("items");
    }

    /** Follows {@code $ref} into the root's definitions and picks the first non-null {@code anyOf}/{@code oneOf}. */
    private static JsonNode resolve(JsonNode root, JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_REF_DEPTH) return JsonNodeFactory.instance.objectNode();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            String r = ref.asText();
            for (String prefix : new String[] {"#/$defs/", "#/definitions/"}) {
                if (r.startsWith(prefix)) return resolve(root, root.path(prefix.substring(2, prefix.length() - 1)).get(r.substring(prefix.length())), depth + 1);
            }
            return JsonNodeFactory.instance.objectNode();
        }
        for (String choice : new String[] {"anyOf", "oneOf"}) {
            JsonNode alternatives = schema.get(choice);
            if (alternatives != null && alternatives.isArray()) {
                for (JsonNode a : alternatives) {
                    JsonNode resolved = resolve(root, a, depth + 1);
                    if (!"null".equals(resolved.path("type").asText())) return resolved;
                }
            }
        }
        return schema;
    }
}
