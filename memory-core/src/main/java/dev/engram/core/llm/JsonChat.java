package dev.engram.core.llm;

import dev.engram.core.domain.TokenUsage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bounded, JSON-returning exchange with a chat model: at most {@link #MAX_CALLS} calls. When the first reply is not
 * the expected JSON, the bad reply and a corrective message are appended and the model is asked once more. A model error
 * (timeout, connection refused, HTTP error) ends the exchange at once; the caller falls back to its offline twin.
 * Every call made is counted in the usage, including failed ones.
 */
final class JsonChat {

    static final int MAX_CALLS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(JsonChat.class);

    private final ChatModel model;
    private final JsonReplyParser parser = new JsonReplyParser();

    JsonChat(ChatModel model) {
        this.model = model;
    }

    /** What an exchange produced: a value when the model answered well, and the tokens and calls it cost either way. */
    record Outcome<T>(Optional<T> value, TokenUsage usage, String failure) {
    }

    /**
     * @param phase        a name for logs ("extraction", "reconciliation")
     * @param messages     the prompt
     * @param expectedForm how the reply must look, repeated to the model in the corrective message
     */
    <T> Outcome<T> ask(String phase, List<ChatMessage> messages, String expectedForm, JsonReplyReader<T> reader) {
        List<ChatMessage> conversation = new ArrayList<>(messages);
        TokenUsage usage = TokenUsage.NONE;
        String failure = null;
        for (int call = 1; call <= MAX_CALLS; call++) {
            ChatResponse response;
            try {
                response = model.chat(ChatRequest.builder().messages(conversation).build());
            } catch (RuntimeException e) {
                usage = usage.plus(new TokenUsage(0, 0, 1));
                LOG.warn("LLM {} call {} failed, using the fallback: {}", phase, call, e.toString());
                return new Outcome<>(Optional.empty(), usage, "model error: " + e.getMessage());
            }
            usage = usage.plus(usageOf(response));
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            try {
                return new Outcome<>(Optional.of(reader.read(parser.parseObject(text))), usage, null);
            } catch (InvalidReplyException e) {
                failure = e.getMessage();
                LOG.warn("LLM {} call {} returned an invalid reply ({}){}", phase, call, failure,
                        call < MAX_CALLS ? ", asking again" : ", using the fallback");
                conversation.add(AiMessage.from(text == null || text.isBlank() ? "(empty reply)" : text));
                conversation.add(UserMessage.from("Your previous reply could not be used: " + failure
                        + " Reply again with only one JSON object of this form, with no prose and no code fences:\n"
                        + expectedForm));
            }
        }
        return new Outcome<>(Optional.empty(), usage, "invalid reply: " + failure);
    }

    private static TokenUsage usageOf(ChatResponse response) {
        dev.langchain4j.model.output.TokenUsage u = response.tokenUsage();
        if (u == null) return new TokenUsage(0, 0, 1);
        return new TokenUsage(orZero(u.inputTokenCount()), orZero(u.outputTokenCount()), 1);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
