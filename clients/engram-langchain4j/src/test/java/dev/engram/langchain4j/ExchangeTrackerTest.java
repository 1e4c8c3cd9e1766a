package dev.engram.langchain4j;

import dev.engram.langchain4j.ExchangeTracker.Exchange;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store reports each finished turn exactly once, whatever else the chat memory writes. */
class ExchangeTrackerTest {

    private final ExchangeTracker tracker = new ExchangeTracker();
    private final List<ChatMessage> window = new ArrayList<>();

    private java.util.Optional<Exchange> add(ChatMessage message) {
        window.add(message);
        return tracker.update("u1", List.copyOf(window));
    }

    @Test
    void aUserMessageAndTheAnswerMakeOneExchange() {
        assertThat(add(SystemMessage.from("Be brief"))).isEmpty();
        assertThat(add(UserMessage.from("I like tea"))).isEmpty();
        assertThat(add(AiMessage.from("Noted."))).contains(new Exchange("I like tea", "Noted."));
        // the same list written again (eviction, a re-write) completes nothing more
        assertThat(tracker.update("u1", List.copyOf(window))).isEmpty();
    }

    @Test
    void toolCallsInBetweenAreSkipped() {
        add(UserMessage.from("Weather in Paris?"));
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("1").name("weather").arguments("{\"city\":\"Paris\"}").build();
        assertThat(add(AiMessage.from(List.of(call)))).isEmpty();
        assertThat(add(ToolExecutionResultMessage.from(call, "sunny"))).isEmpty();
        assertThat(add(AiMessage.from("Sunny in Paris."))).contains(new Exchange("Weather in Paris?", "Sunny in Paris."));
    }

    @Test
    void memoryIdsAreTrackedSeparately() {
        tracker.update("a", List.of(UserMessage.from("from a")));
        tracker.update("b", List.of(UserMessage.from("from b")));
        assertThat(tracker.update("a", List.of(UserMessage.from("from a"), AiMessage.from("to a")))).contains(new Exchange("from a", "to a"));
        assertThat(tracker.update("b", List.of(UserMessage.from("from b"), AiMessage.from("to b")))).contains(new Exchange("from b", "to b"));
    }

    @Test
    void anAnswerWithoutAnOpenUserMessageIsNotAnExchange() {
        assertThat(tracker.update("u1", List.of(AiMessage.from("Hello, how can I help?")))).isEmpty();
        tracker.update("u1", List.of(UserMessage.from("hi")));
        tracker.forget("u1");
        assertThat(tracker.update("u1", List.of(UserMessage.from("hi"), AiMessage.from("hello")))).isEmpty();
    }
}
