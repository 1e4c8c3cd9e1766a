package dev.engram.springai.autoconfigure;

import dev.engram.client.EngramClient;
import dev.engram.client.EngramClientBuilder;
import dev.engram.springai.EngramMemoryAdvisor;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code engram.base-url} set: an {@link EngramClient} and an {@link EngramMemoryAdvisor} bean (each unless the
 * application defines its own). The advisor is not added to any ChatClient by itself: pass it to
 * {@code ChatClient.Builder.defaultAdvisors(…)}.
 */
@AutoConfiguration
@ConditionalOnClass({ChatClient.class, EngramClient.class})
@EnableConfigurationProperties(EngramProperties.class)
public class EngramAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "engram", name = "base-url")
    public EngramClient engramClient(EngramProperties properties) {
        EngramClientBuilder builder = EngramClient.builder(properties.baseUrl());
        if (properties.apiKey() != null) builder.apiKey(properties.apiKey());
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(EngramClient.class)
    @ConditionalOnProperty(prefix = "engram.advisor", name = "enabled", havingValue = "true", matchIfMissing = true)
    public EngramMemoryAdvisor engramMemoryAdvisor(EngramClient engram, EngramProperties properties) {
        EngramMemoryAdvisor.Builder builder = EngramMemoryAdvisor.builder(engram);
        EngramProperties.Advisor a = properties.advisor();
        if (a == null) return builder.build();
        if (a.userId() != null) builder.userId(a.userId());
        if (a.agentId() != null) builder.agentId(a.agentId());
        if (a.appId() != null) builder.appId(a.appId());
        if (a.topK() != null) builder.topK(a.topK());
        if (a.threshold() != null) builder.threshold(a.threshold());
        if (a.maxMemoryTokens() != null) builder.maxMemoryTokens(a.maxMemoryTokens());
        if (a.store() != null) builder.store(a.store());
        if (a.infer() != null) builder.infer(a.infer());
        if (a.searchTimeout() != null) builder.searchTimeout(a.searchTimeout());
        if (a.failOnError() != null) builder.failOnError(a.failOnError());
        return builder.build();
    }
}
