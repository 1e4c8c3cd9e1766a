package dev.engram.dashboard.service;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.dashboard.gateway.GatewayClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The standalone tenant directory publishes a project's defaults through the gateway's admin route. */
class GatewayTenantDirectoryTest {

    private static final String KEY = "eng_directorytestadmin0123456789abcdefghij";

    private WireMockServer gateway;
    private GatewayTenantDirectory directory;

    @BeforeEach
    void start() {
        gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gateway.start();
        directory = new GatewayTenantDirectory(GatewayClients.at(gateway.baseUrl(), KEY));
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    @Test
    void defaultsArePutToTheProjectsAdminRoute() {
        gateway.stubFor(put("/api/v1/admin/projects/acme%20inc/prod/defaults").willReturn(okJson("{}")));
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("food", "");
        categories.put("travel", "");

        directory.publishDefaults(Tenant.of("acme inc", "prod"), new ProjectDefaults("Only food.", categories, 30, true, "claude"));

        gateway.verify(putRequestedFor(urlEqualTo("/api/v1/admin/projects/acme%20inc/prod/defaults"))
                .withHeader("Authorization", equalTo("Token " + KEY))
                .withRequestBody(equalToJson("""
                        {"custom_instructions":"Only food.","categories":[{"food":""},{"travel":""}],
                         "default_expiration_days":30,"extraction_mode":"offline","llm_profile":"claude"}""")));
    }

    @Test
    void clearedDefaultsAreSentAsNullsAndLlmMode() {
        gateway.stubFor(put("/api/v1/admin/projects/acme/prod/defaults").willReturn(okJson("{}")));

        directory.publishDefaults(Tenant.of("acme", "prod"), ProjectDefaults.NONE);

        gateway.verify(putRequestedFor(urlEqualTo("/api/v1/admin/projects/acme/prod/defaults")).withRequestBody(equalToJson("""
                {"custom_instructions":null,"categories":null,"default_expiration_days":null,"extraction_mode":"llm","llm_profile":null}""")));
    }

    @Test
    void theLlmProfilesAreTheGatewaysAndAProjectsProfileIsReadBack() {
        gateway.stubFor(get("/api/v1/admin/llm-profiles").willReturn(okJson("{\"profiles\":[\"claude\",\"fast\"]}")));

        assertThat(directory.llmProfiles()).containsExactly("claude", "fast");
        assertThat(GatewayTenantDirectory.defaults(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Map.of("extraction_mode", "llm", "llm_profile", "fast"))).llmProfile()).isEqualTo("fast");
    }

    @Test
    void aKeysDefaultUserIsPatchedOnTheKeysAdminRoute() {
        java.util.UUID id = java.util.UUID.randomUUID();
        gateway.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch("/api/v1/admin/keys/" + id).willReturn(okJson("{}")));
        java.util.UUID unknown = java.util.UUID.randomUUID();
        gateway.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch("/api/v1/admin/keys/" + unknown)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"detail\":\"API key not found\"}")));

        assertThat(directory.setDefaultUser(id, "kim")).isTrue();
        assertThat(directory.setDefaultUser(unknown, null)).isFalse();

        gateway.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/api/v1/admin/keys/" + id))
                .withRequestBody(equalToJson("{\"default_user_id\":\"kim\"}")));
    }

    @Test
    void anUnknownProjectIsNotFound() {
        gateway.stubFor(put("/api/v1/admin/projects/acme/gone/defaults")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"detail\":\"Project not found\"}")));

        assertThatThrownBy(() -> directory.publishDefaults(Tenant.of("acme", "gone"), ProjectDefaults.NONE))
                .isInstanceOf(NotFoundException.class).hasMessage("Project not found");
    }
}
