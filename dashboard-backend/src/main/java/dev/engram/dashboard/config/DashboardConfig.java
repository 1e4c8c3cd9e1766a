package dev.engram.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The dashboard's own settings ({@code engram.dashboard.*}); documented in {@code docs/configuration.md}. */
@ConfigMapping(prefix = "engram")
public interface DashboardConfig {

    /**
     * The standalone platform's data directory, the one the gateway uses ({@code ENGRAM_DATA_DIR}): the standalone build
     * (profile {@code standalone}) keeps its H2 database in {@code <data-dir>/dashboard} (the "dashboard" datasource's URL
     * in application.properties). The PostgreSQL build does not use it.
     */
    @WithDefault("${user.home}/.engram/platform")
    String dataDir();

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
