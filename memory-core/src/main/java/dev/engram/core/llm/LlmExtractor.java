package dev.engram.core.llm;

import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.Fact;
import dev.langchain4j.model.chat.ChatModel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mem0's phase 1 (fact extraction) on a LangChain4j {@link ChatModel}. At most two model calls (one corrective retry on
 * an invalid reply); when the model fails or keeps answering badly, the {@code fallback} extractor (the offline one)
 * does the work and the result carries its name, with the LLM calls already spent added to its usage. Never throws
 * because of the model.
 */
public final class LlmExtractor implements Extractor {

    public static final String NAME = "llm";

    private final JsonChat chat;
    private final Extractor fallback;

    public LlmExtractor(ChatModel model, Extractor fallback) {
        this.chat = new JsonChat(Objects.requireNonNull(model, "model"));
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Extraction extract(ExtractionRequest request) {
        if (request.messages().isEmpty()) return new Extraction(List.of(), TokenUsage.NONE, NAME);
        ExtractionPrompt.Variant variant = ExtractionPrompt.Variant.of(request);
        JsonChat.Outcome<List<Fact>> outcome = chat.ask("extraction", ExtractionPrompt.build(request, variant),
                ExtractionPrompt.EXPECTED_FORM, new FactReplyReader(request, variant));
        Optional<List<Fact>> facts = outcome.value();
        if (facts.isPresent()) return new Extraction(facts.get(), outcome.usage(), NAME);
        Extraction offline = fallback.extract(request);
        return new Extraction(offline.facts(), outcome.usage().plus(offline.usage()), offline.extractor());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The fallback, which calls no model. */
    @Override
    public Extractor offline() {
        return fallback.offline();
    }
}
