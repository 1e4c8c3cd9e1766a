package dev.engram.dashboard.memories;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A WireMock server standing in for the api-gateway's Mem0 API, so the dashboard's memory browser can be tested for what
 * it sends and how it maps every kind of answer. The real gateway is exercised end to end by ConsoleIT. Every route the
 * browser calls has a low-priority default answer (the role matrix only needs some success); tests add their own
 * higher-priority stubs for projects of their own and talk to the server through {@link #client()}.
 */
public class GatewayStubResource implements QuarkusTestResourceLifecycleManager {

    /** The admin key the dashboard is configured with. */
    public static final String API_KEY = "eng_dashboardtestadmin0123456789abcdefghij";
    static final String MEMORY = """
            {"id":"11111111-1111-1111-1111-111111111111","memory":"Likes tea","user_id":"alice","categories":["food"],
             "metadata":{},"created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z","state":"active","sources":[]}""";
    static final String EXPORT_ID = "44444444-4444-4444-8444-444444444444";
    static final String WEBHOOK = """
            {"webhook_id":"22222222-2222-2222-2222-222222222222","name":"hook","url":"https://hooks.example.com/x",
             "event_types":["memory_add"],"owner":"org","is_active":true,"project":"default","secret":"whsec_test"}""";
    private static final int DEFAULT_PRIORITY = 10;

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/v1/entities/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("""
                {"count":1,"next":null,"previous":null,"results":[{"id":"alice","name":"alice","type":"user","total_memories":1,
                 "created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z","owner":null,"metadata":{}}],
                 "total_users":1,"total_agents":0,"total_apps":0,"total_runs":0}""")));
        server.stubFor(post(urlPathEqualTo("/v2/memories/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"count\":1,\"next\":null,\"previous\":null,\"results\":[" + MEMORY + "]}")));
        server.stubFor(post(urlPathEqualTo("/v2/memories/search/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("[]")));
        server.stubFor(get(urlPathMatching("/v1/memories/[0-9a-f-]+/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson(MEMORY)));
        server.stubFor(get(urlPathMatching("/v1/memories/[0-9a-f-]+/history/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("[]")));
        server.stubFor(delete(urlPathMatching("/v1/memories/[0-9a-f-]+/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"message\":\"Memory deleted successfully!\"}")));
        // Project deletion (the tenant directory in database mode has the gateway erase the project's data).
        server.stubFor(delete(urlPathMatching("/api/v1/admin/projects/[^/]+/[^/]+")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"message\":\"Project deleted\",\"revoked_keys\":0,\"erased_events\":0}")));
        // The console's webhooks (the gateway's Mem0 webhook routes, called as the project).
        server.stubFor(get(urlPathMatching("/api/v1/webhooks/projects/[^/]+/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("[]")));
        server.stubFor(post(urlPathMatching("/api/v1/webhooks/projects/[^/]+/")).atPriority(DEFAULT_PRIORITY).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(WEBHOOK)));
        server.stubFor(put(urlPathMatching("/api/v1/webhooks/[^/]+/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"message\":\"Webhook updated successfully\"}")));
        server.stubFor(delete(urlPathMatching("/api/v1/webhooks/[^/]+/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"message\":\"Webhook deleted successfully\"}")));
        server.stubFor(get(urlPathMatching("/api/v1/webhooks/[^/]+/deliveries/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("[]")));
        // The console's memory exports (the gateway's /v1/exports/ routes, called as the project).
        server.stubFor(post(urlPathMatching("/v1/exports/")).atPriority(DEFAULT_PRIORITY).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Memory export request received.\",\"id\":\"" + EXPORT_ID + "\"}")));
        server.stubFor(get(urlPathMatching("/v1/exports/")).atPriority(DEFAULT_PRIORITY).willReturn(okJson("[]")));
        server.stubFor(get(urlPathMatching("/v1/exports/[^/]+/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"id\":\"" + EXPORT_ID + "\",\"status\":\"COMPLETED\",\"processed\":0,\"total\":0,\"progress\":1.0}")));
        server.stubFor(get(urlPathMatching("/v1/exports/[^/]+/download/")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"engram_export\":1,\"count\":0,\"memories\":[]}")));
        // The LLM profiles the gateways are configured with (a project's llm_profile must name one).
        server.stubFor(get(urlPathEqualTo("/api/v1/admin/llm-profiles")).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"profiles\":[\"claude\",\"fast\"]}")));
        server.stubFor(any(anyUrl()).atPriority(DEFAULT_PRIORITY + 1).willReturn(aResponse().withStatus(599)));
        return Map.of("engram.dashboard.gateway.url", server.baseUrl(),
                "engram.dashboard.gateway.api-key", API_KEY,
                "engram.dashboard.gateway.timeout", "2s");
    }

    /** A client of the running stub (tests run in another class loader than this manager, so they reach it over HTTP). */
    public static WireMock client() {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("engram.dashboard.gateway.url", String.class);
        java.net.URI uri = java.net.URI.create(url);
        return new WireMock(uri.getHost(), uri.getPort());
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
    }
}
