package dev.engram.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

        /**
         * Where projects and API keys are kept: {@code database}, the platform's tables on the default datasource
         * (the distributed platform), or {@code gateway}, the administration API of the gateway at
         * {@code engram.dashboard.gateway.url} (the standalone platform, whose embedded database only the gateway opens).
         */
        @WithDefault("database")
        TenantDirectoryKind tenantDirectory();

        /** The api-gateway this dashboard calls: the memory browser, and the tenant directory in {@code gateway} mode. */
        Gateway gateway();

        /** Sign-in as the local administrator, without an identity provider (the standalone platform). */
        LocalAdmin localAdmin();
    }

    /** See {@link Dashboard#tenantDirectory()}. */
    enum TenantDirectoryKind {
        DATABASE, GATEWAY
    }

    interface Gateway {

        /** Base URL of an api-gateway (a load-balanced service in Kubernetes). */
        @WithDefault("http://localhost:8080")
        URI url();

        /**
         * An API key with the {@code admin} scope (the gateway's bootstrap key, {@code ENGRAM_BOOTSTRAP_API_KEY}). Without
         * it, the features that call the gateway answer 503.
         */
        Optional<String> apiKey();

        /** Time limit of one call to the gateway, connection included. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface LocalAdmin {

        /**
         * Accept the local administrator's sign-in link instead of OIDC: for the standalone platform on one machine
         * ({@code ./engram up}), where there is no identity provider. The local administrator owns the platform's
         * default organisation.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The secret of the sign-in link ({@code /console/sign-in?token=...}), at least 32 characters; required when
         * the local administrator is enabled. {@code ./engram up} generates one and keeps it in the data directory.
         */
        Optional<String> token();
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

        /** How long hourly rollups are kept (at least {@code 1d}); older hours are deleted hourly. */
        @WithDefault("400d")
        Duration retention();

        /**
         * Accept usage events over HTTP at {@code POST /internal/usage} from gateways holding this bearer secret (their
         * {@code engram.usage.http-token}): the standalone platform, which runs no Kafka. Unset: the endpoint does not exist.
         */
        Optional<String> ingestToken();
    }
}
