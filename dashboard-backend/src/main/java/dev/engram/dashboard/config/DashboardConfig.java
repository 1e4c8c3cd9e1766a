package dev.engram.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The dashboard's own settings ({@code engram.dashboard.*}); documented in {@code docs/configuration.md}. */
@ConfigMapping(prefix = "engram")
public interface DashboardConfig {

    Dashboard dashboard();

    interface Dashboard {

        /** Id of the project created with a new organisation at sign-up. */
        @WithDefault("default")
        String defaultProjectId();

        /** Name of that project. */
        @WithDefault("Default project")
        String defaultProjectName();

        /** The usage analytics: the consumer that rolls the usage topic up into {@code dashboard.usage_*}. */
        Usage usage();

        /** The api-gateway whose Mem0 API the memory browser calls, acting for the browsed project. */
        Gateway gateway();
    }

    /**
     * The memory browser does not open the memory engine itself (the gateway holds the standalone files' locks, and the
     * distributed stores are the gateway's to query): it calls the gateway's Mem0 API with an admin-scoped key and the
     * {@code X-Engram-Org-Id} / {@code X-Engram-Project-Id} headers.
     */
    interface Gateway {

        /** Base URL of the api-gateway, e.g. {@code http://engram-gateway:8080}. */
        @WithDefault("http://localhost:8080")
        String url();

        /**
         * An API key of the gateway with the {@code admin} scope (a secret). Without it the memory browser answers 503
         * and the rest of the dashboard works.
         */
        Optional<String> apiKey();

        /** Connect and response timeout of each gateway call; a slower answer is a 503 for the console. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Usage {

        /** Consume the usage topic (only when {@code kafka.bootstrap.servers} is set as well). */
        @WithDefault("true")
        boolean enabled();

        /** The topic the gateway and the worker publish usage events to. */
        @WithDefault("engram.usage.v1")
        String topic();

        /** Consumer group: dashboard instances share the topic's partitions. */
        @WithDefault("engram-dashboard-usage")
        String group();

        /** Records per poll: one poll is one database transaction. */
        @WithDefault("500")
        int maxPollRecords();

        /** Poll wait. */
        @WithDefault("1s")
        Duration pollTimeout();
    }
}
