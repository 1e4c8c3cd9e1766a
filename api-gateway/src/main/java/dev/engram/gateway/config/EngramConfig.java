package dev.engram.gateway.config;

import dev.engram.platform.config.IndexConfig;
import dev.engram.platform.config.IngestTopicConfig;
import dev.engram.platform.config.LlmConfig;
import dev.engram.platform.config.StorageConfig;
import dev.engram.platform.config.UsageConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's typed configuration ({@code engram.*}). Every property can also be set as an environment variable, e.g.
 * {@code ENGRAM_DATA_DIR}, {@code ENGRAM_LLM_BASE_URL}, {@code ENGRAM_BOOTSTRAP_API_KEY}.
 */
@ConfigMapping(prefix = "engram")
public interface EngramConfig {

    /** Where the standalone platform keeps its store, index, ingest journal and the generated admin key. */
    @WithDefault("${user.home}/.engram/platform")
    Path dataDir();

    /**
     * The API key given to the platform administrator at first start. When unset, one is generated, printed once to the
     * log and written to {@code <data-dir>/admin-api-key} (owner read/write only).
     */
    Optional<String> bootstrapApiKey();

    /** The system of record: the embedded H2 file or PostgreSQL. */
    StorageConfig storage();

    /** The vector index: Lucene under the data directory or the shared Qdrant collection. */
    IndexConfig index();

    /** How to reach Qdrant, used when {@code engram.index.kind=QDRANT}. */
    IndexConfig.Qdrant qdrant();

    /** Request size and paging limits; requests beyond them get a 400 or 413 problem. */
    Limits limits();

    /** The optional LLM for extraction and reconciliation; without it the offline extractor is used. */
    LlmConfig llm();

    /** Background processing of adds. */
    Ingest ingest();

    /** Documents and images in add messages ({@code pdf_url}, {@code mdx_url}, {@code image_url} content). */
    Documents documents();

    /**
     * {@code engram.documents.*}: how documents and images given in add messages are fetched and read. They are read
     * in the gateway before the add is acknowledged, so a refused URL, an oversized or unreadable document is the add's
     * own 4xx answer.
     */
    interface Documents {
        /**
         * Let document and image URLs reach loopback, private, link-local and other non-public addresses. Off by
         * default (no server-side request forgery); turn on only where every client is trusted.
         */
        @WithDefault("false")
        boolean allowPrivateUrls();

        /** The largest document or image, downloaded or inline, in bytes; a download is cut off as soon as it passes this (413). */
        @WithDefault("10485760")
        int maxBytes();

        /** The most pages read from one PDF; a longer PDF is refused (413). */
        @WithDefault("100")
        int maxPages();

        /** The most characters of text taken from one document; a longer text is refused (413). */
        @WithDefault("100000")
        int maxChars();

        /** The longest passage a document is split into, in characters; each passage is one message of the add. */
        @WithDefault("2000")
        int passageChars();

        /** Connect timeout and read timeout (each) of a document or image download. */
        @WithDefault("10s")
        Duration fetchTimeout();

        /** The most redirects followed by one download; every hop's address is checked again. */
        @WithDefault("3")
        int maxRedirects();
    }

    /** The Kafka ingest topic, used when {@code engram.ingest.kind=KAFKA}; the client itself is configured by {@code kafka.*}. */
    Kafka kafka();

    /** Usage events for the dashboard's analytics ({@code engram.usage.*}). */
    Usage usage();

    /** Webhook deliveries: which targets are allowed and how failed attempts are retried ({@code engram.webhooks.*}). */
    Webhooks webhooks();

    /** Feedback on memories ({@code engram.feedback.*}). */
    Feedback feedback();

    interface Feedback {
        /**
         * How long a gateway reuses a project's feedback (read in one query) for the memory views and for leaving
         * VERY_NEGATIVE memories out of searches and listings. Feedback sent to this gateway applies to its next request
         * at once; feedback sent to another gateway on the shared database within this time.
         */
        @WithDefault("2s")
        Duration cacheTtl();
    }

    interface Webhooks {
        /**
         * Send the webhook outbox from this gateway. Every gateway on a shared database may send (each delivery is
         * claimed by one); turn it off on the ones that should not.
         */
        @WithDefault("true")
        boolean dispatch();

        /**
         * Allow webhook URLs whose host is a loopback, private, link-local or otherwise non-public address (a closed
         * network, tests). Off, such a URL is refused when saved and before every attempt (server-side request forgery).
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** Attempts of one delivery, the first included; after the last failed one it is FAILED for good. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait after the first failed attempt; it doubles after each further one. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** How often the outbox is read for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Connect and answer timeout of one attempt. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Memory exports ({@code /v1/exports/}): the background jobs that write them and how long they are kept ({@code engram.exports.*}). */
    Exports exports();

    interface Exports {
        /**
         * Run export jobs on this gateway. Every gateway on a shared database may run them (each job is claimed by
         * one); turn it off on the ones that should not.
         */
        @WithDefault("true")
        boolean run();

        /** Export jobs run at once by this gateway; the others wait in the queue. */
        @WithDefault("1")
        int concurrency();

        /** How often the queue is read for jobs to run. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * A RUNNING job whose runner has not reported progress for this long is taken over and started again (its
         * gateway stopped mid-export). Progress is reported after every page of 200 memories.
         */
        @WithDefault("2m")
        Duration staleAfter();

        /** Starts of one job, the first included; a job interrupted this many times fails with a reason. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * The largest export kept, in characters of JSON (about bytes for ASCII text); a larger one fails with a reason
         * telling to narrow its filters. The finished JSON is kept in the job's database row.
         */
        @WithDefault("67108864")
        long maxResultChars();

        /** How long a finished export (and its JSON) is kept before it is deleted. */
        @WithDefault("7d")
        Duration retention();
    }

    /** The MCP endpoint ({@code /mcp}, docs/mcp.md). */
    Mcp mcp();

    interface Mcp {
        /**
         * How long the {@code add_memory} tool waits for a queued add to be processed, so the agent can search for it at
         * once; past that the tool answers PENDING with the event id. {@code 0s} answers at once.
         */
        @WithDefault("10s")
        Duration addWait();
    }

    interface Usage extends UsageConfig {
        /**
         * Publish usage events; unset: on when {@code engram.usage.http-url} is set, or when {@code engram.ingest.kind=KAFKA}
         * and {@code kafka.bootstrap.servers} is set (the distributed platform, where a dashboard consumes them), off
         * otherwise.
         */
        Optional<Boolean> enabled();

        /**
         * Deliver usage events to this dashboard endpoint ({@code /internal/usage}) over HTTP instead of Kafka: the
         * standalone platform, which runs no Kafka ({@code ./engram up} sets it).
         */
        Optional<java.net.URI> httpUrl();

        /** The bearer secret of that endpoint (the dashboard's {@code engram.dashboard.usage.ingest-token}). */
        Optional<String> httpToken();
    }

    /**
     * How OIDC bearer tokens map to callers. Tokens are accepted only when {@code quarkus.oidc.tenant-enabled=true} and
     * {@code quarkus.oidc.auth-server-url} names the identity provider; otherwise only API keys authenticate.
     */
    Oidc oidc();

    interface Limits {
        /** Messages accepted in one add. */
        @WithDefault("100")
        int messagesPerAdd();

        /** UTF-8 bytes of one message's content. */
        @WithDefault("32768")
        int messageBytes();

        /** UTF-8 bytes of a request's metadata object, serialized as JSON. */
        @WithDefault("16384")
        int metadataBytes();

        /** Nesting depth of a metadata object (1 = flat). */
        @WithDefault("8")
        int metadataDepth();

        /** Largest {@code top_k} a search accepts; the engine checks it ({@code RequestLimits}). */
        @WithDefault("1000")
        int topK();

        /** Largest {@code page_size} a listing (memories or events) accepts; checked once, by {@code RequestLimits}. */
        @WithDefault("200")
        int pageSize();

        /** Items in one batch update or delete. */
        @WithDefault("1000")
        int batchItems();

        /** Requests per second one API key may make (a token bucket allowing bursts of twice this); 0 disables the limit. */
        @WithDefault("200")
        int requestsPerSecond();

        /**
         * Failed authentications one client address may make per minute; after that every request from it answers 429
         * with {@code Retry-After} until its minute is over. 0 disables the limit.
         */
        @WithDefault("30")
        int failedAuthPerMinute();
    }

    interface Ingest {
        /** Where accepted adds wait: JOURNAL (in-process, standalone) or KAFKA (the platform: ingest workers consume). */
        @WithDefault("JOURNAL")
        IngestKind kind();

        /** Journal partitions, one worker thread each: different scopes run in parallel, one scope in order. */
        @WithDefault("2")
        int workers();

        /** Adds with {@code infer:true} are processed before the response when true (deterministic tests, demos). */
        @WithName("synchronous")
        @WithDefault("false")
        boolean synchronous();
    }

    /** Ingest queue implementations the ingest producer can build. */
    enum IngestKind {
        /** A durable journal under {@code engram.data-dir}, drained by this process. */
        JOURNAL,
        /** A Kafka topic ({@code engram.kafka.topic} on {@code kafka.bootstrap.servers}); ingest workers drain it, not the gateway. */
        KAFKA
    }

    interface Kafka extends IngestTopicConfig {
        /** How long an add waits for Kafka's acknowledgement before it answers 503. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Oidc {
        /** The claim naming the caller's organisation; together with the project claim it is the tenant. */
        @WithDefault("engram_org")
        String orgClaim();

        /** The claim naming the caller's project; the project must exist (created through the admin API). */
        @WithDefault("engram_project")
        String projectClaim();

        /**
         * The claim listing the caller's scopes ({@code read}, {@code write}, {@code admin}; a JSON array or a space- or
         * comma-separated string). Tokens without it may read and write.
         */
        @WithDefault("engram_scopes")
        String rolesClaim();

        /** The claim holding the caller's e-mail, reported by {@code /v1/ping/}. */
        @WithDefault("email")
        String emailClaim();

        /** How long a request waits for the token's verification (it may fetch the provider's keys) before a 503. */
        @WithDefault("10s")
        Duration verifyTimeout();
    }
}
