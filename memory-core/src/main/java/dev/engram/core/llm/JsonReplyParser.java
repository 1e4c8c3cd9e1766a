package dev.engram.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON object out of a model reply the way Mem0 does, but strictly: reasoning blocks
 * ({@code <think>…</think>}) and Markdown code fences are removed, the rest must parse as JSON; failing that, the outermost
 * {@code {…}} of the reply must. Anything that is not a JSON object is rejected with a reason.
 */
final class JsonReplyParser {

    private static final Pattern THINK_BLOCK = Pattern.compile("<think>.*?</think>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /** A reply that was cut off while still reasoning: the whole tail is reasoning. */
    private static final Pattern OPEN_THINK = Pattern.compile("<think>.*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_-]*\\s*\\n?(.*?)```", Pattern.DOTALL);

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    JsonNode parseObject(String reply) throws InvalidReplyException {
        if (reply == null || reply.isBlank()) throw new InvalidReplyException("The reply was empty.");
        String text = stripReasoning(reply);
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) text = fence.group(1);
        text = text.strip();
        if (text.isEmpty()) throw new InvalidReplyException("The reply contained no JSON, only reasoning.");

        JsonNode node = tryParse(text);
        if (node == null) {
            int start = text.indexOf('{');
            int end = text.lastIndexOf('}');
            if (start < 0 || end <= start) throw new InvalidReplyException("The reply did not contain a JSON object.");
            node = tryParse(text.substring(start, end + 1));
            if (node == null) throw new InvalidReplyException("The reply was not valid JSON.");
        }
        if (!node.isObject()) throw new InvalidReplyException("The reply must be a JSON object, not " + kind(node) + ".");
        return node;
    }

    private static String stripReasoning(String reply) {
        String text = THINK_BLOCK.matcher(reply).replaceAll("");
        return OPEN_THINK.matcher(text).replaceAll("");
    }

    private JsonNode tryParse(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) return "missing";
        if (node.isNull()) return "null";
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        if (node.isTextual()) return "a string";
        if (node.isNumber()) return "a number";
        if (node.isBoolean()) return "a boolean";
        return node.getNodeType().toString().toLowerCase();
    }
}
