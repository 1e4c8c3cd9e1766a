package dev.engram.gateway.document;

import dev.engram.core.error.UnsupportedMediaException;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmSettings;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.platform.config.LlmConfig;
import dev.engram.platform.config.LlmProfileConfig;
import dev.engram.platform.error.UnavailableException;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an image of an add into text with a vision-capable LLM: the LLM that extracts the add (its project's
 * {@code llm_profile}, else the default) must be declared {@code vision=true} ({@code engram.llm.vision},
 * {@code engram.llm.profiles.<name>.vision}); the image goes to it as LangChain4j {@link ImageContent} beside a short
 * instruction, and its description is remembered like any message. Without such an LLM (or for a project set to
 * offline extraction) the add is refused with a 415.
 */
@ApplicationScoped
public class ImageDescriber {

    static final String PROMPT = "Describe this image for a memory of the person who shared it: what it shows, any text "
            + "written in it, and what it says about that person's life, tastes or plans. Answer in a few plain sentences.";

    private final LlmConfig llm;
    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();

    ImageDescriber(EngramConfig config) {
        this.llm = config.llm();
    }

    /** The LLM that would describe images of an add with this profile, when it is declared vision-capable. */
    Optional<LlmSettings> visionSettings(String profile, boolean offlineOnly) {
        if (offlineOnly) return Optional.empty();
        LlmProfileConfig chosen = llm.forProfile(profile);
        if (!chosen.vision()) return Optional.empty();
        return chosen.settings();
    }

    /** Refuses (415) unless a vision-capable LLM would describe the image; checked before anything is downloaded. */
    public void requireVision(String profile, boolean offlineOnly, String field) {
        if (visionSettings(profile, offlineOnly).isEmpty()) {
            throw new UnsupportedMediaException(field + " is an image; images need a vision-capable LLM"
                    + (offlineOnly ? ", and this project is set to offline extraction"
                    : " (engram.llm.vision=true, or vision=true on the project's LLM profile)"));
        }
    }

    /** The LLM's description of the image; a 503 when the LLM does not answer. */
    public String describe(String profile, boolean offlineOnly, Download image, String field) {
        requireVision(profile, offlineOnly, field);
        LlmSettings settings = visionSettings(profile, offlineOnly).orElseThrow();
        ChatModel model = models.computeIfAbsent(profile == null || !llm.profiles().containsKey(profile) ? "" : profile,
                k -> ChatModels.create(settings.withJsonResponseFormat(false)));
        String text;
        try {
            UserMessage message = UserMessage.from(TextContent.from(PROMPT),
                    ImageContent.from(Base64.getEncoder().encodeToString(image.bytes()), image.mediaType()));
            text = model.chat(message).aiMessage().text();
        } catch (RuntimeException e) {
            throw new UnavailableException("The vision LLM did not describe " + field + ": " + e.getClass().getSimpleName());
        }
        if (text == null || text.isBlank()) throw new UnavailableException("The vision LLM gave no description of " + field);
        return text.strip();
    }
}
