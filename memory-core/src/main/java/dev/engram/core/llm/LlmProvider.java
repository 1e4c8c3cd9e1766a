package dev.engram.core.llm;

/**
 * Which LangChain4j chat model family talks to the LLM: each speaks its provider's own wire format.
 */
public enum LlmProvider {
    /** Any OpenAI-compatible {@code /chat/completions} endpoint: OpenAI, vLLM, LM Studio, LiteLLM, Ollama's {@code /v1}, … */
    OPENAI,
    /** Google AI Gemini ({@code generativelanguage.googleapis.com}, or {@code baseUrl} when set). */
    GEMINI,
    /** Anthropic's Messages API ({@code https://api.anthropic.com/v1/messages}, or {@code baseUrl} when set). */
    ANTHROPIC,
    /** Ollama's native {@code /api/chat} ({@code http://localhost:11434} unless {@code baseUrl} is set); no key. */
    OLLAMA
}
