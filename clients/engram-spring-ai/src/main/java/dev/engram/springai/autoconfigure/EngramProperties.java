package dev.engram.springai.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code engram.*}: where Engram is and how the advisor behaves. Unset advisor settings keep
 * {@link dev.engram.springai.EngramMemoryAdvisor.Builder}'s defaults.
 *
 * @param baseUrl the server, e.g. {@code http://localhost:8080}; without it nothing is configured
 * @param apiKey  the project's API key ({@code Authorization: Token …})
 * @param advisor the advisor's settings
 */
@ConfigurationProperties(prefix = "engram")
public record EngramProperties(String baseUrl, String apiKey, Advisor advisor) {

    /**
     * @param enabled         false configures the client only (default true)
     * @param userId          the user id when a call sets no {@code engram_user_id} param
     * @param agentId         the agent id when a call sets none
     * @param appId           the app id when a call sets none
     * @param topK            memories asked for (default 5)
     * @param threshold       least score 0–1 (default: the server's)
     * @param maxMemoryTokens token budget of the memory lines (default 1000)
     * @param store           add each exchange to Engram (default true)
     * @param infer           let Engram extract facts from the exchange (default true)
     * @param searchTimeout   how long a call waits for the search (default 5 s)
     * @param failOnError     fail the call when the search fails (default false: go on without memories)
     */
    public record Advisor(Boolean enabled, String userId, String agentId, String appId, Integer topK, Double threshold,
                          Integer maxMemoryTokens, Boolean store, Boolean infer, Duration searchTimeout, Boolean failOnError) {
    }
}
