package dev.engram.core.llm;

/**
 * Which LangChain4j chat model family talks to the LLM.
 *
 * <p>{@code langchain4j-anthropic} has no 1.14.1 release in the reachable repository, so Anthropic is not offered; Claude
 * can still be used through an OpenAI-compatible gateway with {@link #OPENAI}.
 */
public enum LlmProvider {
    /** Any OpenAI-compatible {@code /chat/completions} endpoint: OpenAI, Ollama, vLLM, LM Studio, LiteLLM, … */
    OPENAI,
    /** Google AI Gemini ({@code generativelanguage.googleapis.com}, or {@code baseUrl} when set). */
    GEMINI
}
