package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.profile.ProfileSummarizer;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user profile's summary paragraph from a LangChain4j {@link ChatModel}: one bounded JSON exchange ({@link JsonChat}: at
 * most two calls), {@code {"summary": "..."}}. A model error or a reply without a usable summary gives nothing, and the
 * caller keeps the offline profile.
 */
public final class LlmProfileSummarizer implements ProfileSummarizer {

    /** The longest summary kept, in characters. */
    static final int MAX_SUMMARY_CHARS = 2000;
    static final String EXPECTED_FORM = "{\"summary\": \"<two to four sentences about the user>\"}";

    private final JsonChat chat;

    public LlmProfileSummarizer(ChatModel model) {
        this.chat = new JsonChat(Objects.requireNonNull(model, "model"));
    }

    @Override
    public Optional<String> summarize(Map<String, List<String>> facts, String instructions) {
        if (facts.isEmpty()) return Optional.empty();
        return chat.ask("profile", prompt(facts, instructions), EXPECTED_FORM, LlmProfileSummarizer::read).value();
    }

    static List<ChatMessage> prompt(Map<String, List<String>> facts, String instructions) {
        List<ChatMessage> messages = new ArrayList<>();
        String system = "You write a concise profile of a user from facts remembered about them. Use only the facts given; "
                + "when two facts disagree, the one listed first in its category is the newer and wins. Write two to four "
                + "sentences in the third person, no lists, no speculation. Reply with only one JSON object of this form, "
                + "with no prose and no code fences:\n" + EXPECTED_FORM;
        if (instructions != null && !instructions.isBlank()) system += "\nThe project's instructions for profiles:\n" + instructions.strip();
        messages.add(SystemMessage.from(system));
        StringBuilder user = new StringBuilder("Facts about the user, by category, newest first:\n");
        facts.forEach((category, texts) -> {
            user.append(category).append(":\n");
            for (String t : texts) user.append("- ").append(t).append('\n');
        });
        messages.add(UserMessage.from(user.toString()));
        return messages;
    }

    private static String read(JsonNode reply) throws InvalidReplyException {
        JsonNode summary = reply.get("summary");
        if (summary == null || !summary.isTextual() || summary.asText().isBlank()) {
            throw new InvalidReplyException("the reply has no \"summary\" text");
        }
        String text = summary.asText().strip();
        return text.length() <= MAX_SUMMARY_CHARS ? text : text.substring(0, MAX_SUMMARY_CHARS);
    }
}
