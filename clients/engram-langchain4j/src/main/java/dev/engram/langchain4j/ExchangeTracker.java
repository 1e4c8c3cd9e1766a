package dev.engram.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds completed exchanges in the successive message lists a {@link dev.langchain4j.memory.ChatMemory} writes to its
 * store. A list ending with a user message opens an exchange for that memory id; the next list ending with an AI
 * message that requests no tool closes it (tool requests and results in between are skipped). Lists that end otherwise
 * (eviction, a new system message, a re-write of the same messages) open or close nothing, so no exchange is reported
 * twice. Thread-safe per memory id.
 */
final class ExchangeTracker {

    /** A user message and the AI's final answer to it. */
    record Exchange(String user, String assistant) {
    }

    private final Map<Object, String> open = new ConcurrentHashMap<>();

    /** The exchange this update completes, if any. */
    Optional<Exchange> update(Object memoryId, List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) return Optional.empty();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof UserMessage user) {
            String text = text(user);
            if (text.isBlank()) open.remove(memoryId);
            else open.put(memoryId, text);
            return Optional.empty();
        }
        if (last instanceof AiMessage ai && !ai.hasToolExecutionRequests() && ai.text() != null) {
            String user = open.remove(memoryId);
            if (user != null) return Optional.of(new Exchange(user, ai.text()));
        }
        return Optional.empty();
    }

    void forget(Object memoryId) {
        open.remove(memoryId);
    }

    private static String text(UserMessage message) {
        if (message.hasSingleText()) return message.singleText();
        return message.contents().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }
}
