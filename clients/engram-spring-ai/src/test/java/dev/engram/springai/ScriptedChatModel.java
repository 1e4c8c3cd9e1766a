package dev.engram.springai;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat model for tests: records every prompt it gets and answers a fixed text (streamed as one chunk per word, the
 * last one with finish reason STOP).
 */
final class ScriptedChatModel implements ChatModel {

    private final String answer;
    final List<Prompt> prompts = new CopyOnWriteArrayList<>();

    ScriptedChatModel(String answer) {
        this.answer = answer;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        prompts.add(prompt);
        return new ChatResponse(List.of(new Generation(new AssistantMessage(answer), stop())));
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        prompts.add(prompt);
        String[] words = answer.split("(?<= )");
        List<ChatResponse> chunks = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            Generation generation = i == words.length - 1 ? new Generation(new AssistantMessage(words[i]), stop())
                    : new Generation(new AssistantMessage(words[i]));
            chunks.add(new ChatResponse(List.of(generation)));
        }
        return Flux.fromIterable(chunks);
    }

    /** The system text of the last prompt, or "" when it had none. */
    String lastSystemText() {
        Prompt last = prompts.get(prompts.size() - 1);
        return last.getSystemMessages().isEmpty() ? "" : last.getSystemMessage().getText();
    }

    private static ChatGenerationMetadata stop() {
        return ChatGenerationMetadata.builder().finishReason("STOP").build();
    }
}
