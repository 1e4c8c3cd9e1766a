package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.CleanText;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.engine.EngineSettings;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.document.MessageContents;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an add body (v3 and legacy v1) into an {@link AddCommand}: messages as a string, one object or a list (with
 * optional {@code name} and {@code id}), entity ids at top level merged with plain ids from {@code filters}, and the
 * options {@code metadata}, {@code infer}, {@code timestamp}, {@code custom_instructions}, {@code custom_categories},
 * {@code expiration_date}, {@code immutable}, {@code async_mode}, {@code output_format}. Unknown fields are ignored.
 * A message whose content is a document or an image (Mem0's {@code pdf_url}, {@code mdx_url}, {@code image_url}
 * objects, or a list of parts) is read here, before the add is queued, by {@link MessageContents}.
 */
@ApplicationScoped
public class AddRequestReader {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system");
    static final int MAX_INSTRUCTIONS_CHARS = 8_000;
    static final int MAX_CATEGORIES = 100;

    /** The most messages the engine takes in one add, which a document's passages must fit in too. */
    static final int MAX_MESSAGES_WITH_DOCUMENTS = EngineSettings.defaults().maxMessagesPerAdd();

    private final EngramConfig.Limits limits;
    private final JsonLimits json;
    private final MessageContents contents;
    private final ProjectDefaultsCache projectDefaults;

    AddRequestReader(EngramConfig config, JsonLimits json, MessageContents contents, ProjectDefaultsCache projectDefaults) {
        this.limits = config.limits();
        this.json = json;
        this.contents = contents;
        this.projectDefaults = projectDefaults;
    }

    /**
     * @param legacy true for {@code POST /v1/memories/}: {@code async_mode} (default true) decides background
     *               processing; on v3 only {@code infer:false} is synchronous
     */
    public AddCommand read(Tenant tenant, JsonNode body, boolean legacy) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
        Scope scope = scope(tenant, body);
        boolean[] rich = {false};
        List<Message> messages = messages(tenant, body.get("messages"), rich);
        boolean infer = BodyFields.bool(body, "infer", true);
        AddRequest request = new AddRequest(null, scope, messages, json.metadata(body.get("metadata")), infer,
                WireValues.timestamp(body.get("timestamp"), "timestamp"), instructions(body, "custom_instructions"),
                categories(body.get("custom_categories"), "custom_categories"),
                WireValues.date(BodyFields.text(body, "expiration_date"), "expiration_date"), BodyFields.bool(body, "immutable", false));
        boolean async = infer && (!legacy || BodyFields.bool(body, "async_mode", true));
        String format = BodyFields.text(body, "output_format");
        return new AddCommand(request, async, format == null ? "v1.0" : format, json.text(rich[0] ? MessageContents.redacted(body) : body));
    }

    private static Scope scope(Tenant tenant, JsonNode body) {
        Map<String, String> ids = new LinkedHashMap<>();
        JsonNode filters = body.get("filters");
        if (filters != null && filters.isObject()) {
            for (String k : List.of("user_id", "agent_id", "app_id", "run_id")) {
                JsonNode v = filters.get(k);
                if (v != null && (v.isTextual() || v.isIntegralNumber())) ids.put(k, v.asText());
            }
        }
        for (String k : List.of("user_id", "agent_id", "app_id", "run_id")) {
            String v = BodyFields.text(body, k);
            if (v != null) ids.put(k, v);
        }
        return new Scope(tenant, ids.get("user_id"), ids.get("agent_id"), ids.get("run_id"), ids.get("app_id"));
    }

    private List<Message> messages(Tenant tenant, JsonNode node, boolean[] rich) {
        if (BodyFields.absent(node)) throw new ValidationException("messages is required");
        List<Message> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(Message.user(content(node.asText(), 0)));
        } else if (node.isObject()) {
            out.addAll(message(tenant, node, 0, rich));
        } else if (node.isArray()) {
            if (node.size() > limits.messagesPerAdd()) {
                throw new TooLargeException("messages holds " + node.size() + " messages; at most " + limits.messagesPerAdd() + " per add");
            }
            int i = 0;
            for (JsonNode m : node) out.addAll(message(tenant, m, i++, rich));
        } else {
            throw new ValidationException("messages must be a string or a list of {role, content} objects");
        }
        if (out.isEmpty()) throw new ValidationException("messages must not be empty");
        if (out.size() > MAX_MESSAGES_WITH_DOCUMENTS) {
            throw new TooLargeException("messages and their documents' passages make " + out.size() + " messages; one add takes at most "
                    + MAX_MESSAGES_WITH_DOCUMENTS + " (split the document, or raise engram.documents.passage-chars)");
        }
        // Message cleans its content (CleanText): an add with nothing visible to remember is refused here, before it is queued.
        if (out.stream().allMatch(m -> CleanText.isBlank(m.content()))) {
            throw new ValidationException((out.size() == 1 ? "messages[0].content" : "every messages[].content")
                    + " is empty once invisible characters are removed: give some text to remember");
        }
        return out;
    }

    private List<Message> message(Tenant tenant, JsonNode m, int index, boolean[] rich) {
        if (!m.isObject()) throw new ValidationException("messages[" + index + "] must be a {role, content} object");
        String role = BodyFields.text(m, "role");
        if (role == null) role = "user";
        if (!ROLES.contains(role)) throw new ValidationException("messages[" + index + "].role must be user, assistant or system");
        JsonNode c = m.get("content");
        if (c != null && (c.isObject() || c.isArray())) {
            rich[0] = true;
            Message said = new Message(role, "", BodyFields.text(m, "name"), BodyFields.text(m, "id"), null);
            return contents.read(c, said, "messages[" + index + "].content", () -> projectDefaults.get(tenant));
        }
        if (c == null || !c.isTextual()) {
            throw new ValidationException("messages[" + index + "].content must be a string, or a document or image object "
                    + "({\"type\":\"pdf_url\"|\"mdx_url\"|\"image_url\", …})");
        }
        return List.of(new Message(role, content(c.asText(), index), BodyFields.text(m, "name"), BodyFields.text(m, "id"), null));
    }

    private String content(String text, int index) {
        if (text.getBytes(StandardCharsets.UTF_8).length > limits.messageBytes()) {
            throw new TooLargeException("messages[" + index + "] exceeds " + limits.messageBytes() + " bytes");
        }
        return text;
    }

    /** Extraction guidance of at most {@value #MAX_INSTRUCTIONS_CHARS} characters, or null. */
    static String instructions(JsonNode body, String field) {
        String s = BodyFields.text(body, field);
        if (s != null && s.length() > MAX_INSTRUCTIONS_CHARS) throw new TooLargeException(field + " exceeds " + MAX_INSTRUCTIONS_CHARS + " characters");
        return s;
    }

    /**
     * {@code [{"name":"description"}, …]} (Mem0), also accepted as a list of names or one object of name to
     * description; null when absent or empty.
     */
    static Map<String, String> categories(JsonNode node, String field) {
        if (BodyFields.absent(node)) return null;
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isObject()) {
            putCategories(node, out, field);
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual()) out.put(item.asText(), "");
                else if (item.isObject()) putCategories(item, out, field);
                else throw new ValidationException(field + " must be a list of {\"name\": \"description\"} objects");
            }
        } else {
            throw new ValidationException(field + " must be a list of {\"name\": \"description\"} objects");
        }
        if (out.size() > MAX_CATEGORIES) throw new ValidationException(field + " holds more than " + MAX_CATEGORIES + " categories");
        return out.isEmpty() ? null : out;
    }

    private static void putCategories(JsonNode obj, Map<String, String> out, String field) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw new ValidationException(field + " descriptions must be strings");
            out.put(e.getKey(), e.getValue().asText());
        }
    }
}
