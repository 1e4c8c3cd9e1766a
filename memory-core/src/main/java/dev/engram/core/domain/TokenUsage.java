package dev.engram.core.domain;

/** LLM tokens spent by one operation (zero without an LLM). */
public record TokenUsage(long inputTokens, long outputTokens, int calls) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens, calls + other.calls);
    }

    public long total() {
        return inputTokens + outputTokens;
    }
}
