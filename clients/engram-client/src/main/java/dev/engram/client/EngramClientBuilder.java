package dev.engram.client;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settings of an {@link EngramClient}. Defaults: no API key (set one: Engram requires it), connect timeout 10 s, request
 * timeout 60 s, {@link RetryPolicy#defaults()}, the common fork-join pool for callbacks and retry scheduling.
 */
public final class EngramClientBuilder {

    private final URI baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String orgId;
    private String projectId;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Executor executor = ForkJoinPool.commonPool();
    private HttpClient httpClient;

    EngramClientBuilder(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.strip().replaceAll("/+$", "");
        URI uri = URI.create(trimmed);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the base URL must be an http(s) URL such as http://localhost:8080, got " + baseUrl);
        }
        this.baseUrl = uri;
    }

    /** The API key, sent as {@code Authorization: Token <key>} (Mem0's header). */
    public EngramClientBuilder apiKey(String key) {
        this.apiKey = key;
        return this;
    }

    public EngramClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** How long one attempt may take from sending to the complete response. */
    public EngramClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    public EngramClientBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy);
        return this;
    }

    /**
     * Organization and project ids sent as {@code org_id} / {@code project_id} query parameters on every call, as the
     * older Mem0 SDKs do. Engram takes the tenant from the API key and ignores them; a proxy or another Mem0-compatible
     * server may use them.
     */
    public EngramClientBuilder project(String orgId, String projectId) {
        this.orgId = orgId;
        this.projectId = projectId;
        return this;
    }

    /** An extra header on every request (e.g. a tracing header). */
    public EngramClientBuilder header(String name, String value) {
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Where response callbacks and delayed retries run. */
    public EngramClientBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
        return this;
    }

    /** A preconfigured {@link HttpClient} (proxy, TLS); its own connect timeout then applies. */
    public EngramClientBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client);
        return this;
    }

    public EngramClient build() {
        HttpClient http = httpClient != null ? httpClient
                : HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor).version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = EngramClient.objectMapper();
        String version = EngramClient.class.getPackage().getImplementationVersion();
        HttpTransport.Settings settings = new HttpTransport.Settings(baseUrl, apiKey, requestTimeout, retryPolicy,
                "engram-java/" + (version == null ? "dev" : version), Map.copyOf(headers));
        HttpTransport transport = new HttpTransport(http, settings, json, new ProblemDecoder(json, Clock.systemUTC()),
                () -> ThreadLocalRandom.current().nextDouble(), executor);
        Map<String, String> common = new LinkedHashMap<>();
        if (orgId != null) common.put("org_id", orgId);
        if (projectId != null) common.put("project_id", projectId);
        return new EngramClient(transport, json, common, executor);
    }
}
