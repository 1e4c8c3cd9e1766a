package dev.engram.core.ingest;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestJsonTest {

    private static final Tenant ACME = Tenant.of("acme", "prod");

    @Test
    void roundTripsEveryFieldOfTheRequest() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source", "chat");
        metadata.put("count", 3);
        metadata.put("score", 0.5);
        metadata.put("flag", true);
        metadata.put("missing", null);
        metadata.put("nested", Map.of("tags", List.of("a", "b")));
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("zeta", "last letter first");
        categories.put("alpha", "first letter second");
        AddRequest request = new AddRequest("evt-1", new Scope(ACME, "alice", "bot", "run-7", "app-2"),
                List.of(new Message("user", "我喜欢咖啡 \"quoted\"", "Alice", "m-1", Instant.parse("2025-01-02T03:04:05.123456789Z")),
                        Message.assistant("Noted.")),
                metadata, false, Instant.parse("2025-01-02T03:00:00Z"), "only food preferences", categories,
                LocalDate.of(2026, 12, 31), true, true, "fast");
        IngestEvent event = new IngestEvent(request, Instant.parse("2025-01-02T03:04:06.5Z"));

        IngestEvent back = IngestJson.fromBytes(IngestJson.toBytes(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.request().categories().keySet()).containsExactly("zeta", "alpha");
        assertThat(back.request().offlineOnly()).isTrue();
        assertThat(back.request().llmProfile()).isEqualTo("fast");
        assertThat(IngestJson.toJson(event)).contains("\"llm_profile\":\"fast\"");
        assertThat(back.tenant()).isEqualTo(ACME);
        assertThat(back.orderingKey()).isEqualTo(event.orderingKey());
    }

    @Test
    void carriesAMessagesOwnMetadataAndWritesNoneForAPlainMessage() {
        Message passage = Message.user("I am allergic to peanuts.")
                .withMetadata(Map.of("document", Map.of("type", "pdf", "page", 2, "sha256", "ab12")));
        IngestEvent event = new IngestEvent(AddRequest.of(Scope.user("dora"), List.of(Message.user("Here it is."), passage))
                .withEventId("e"), Instant.EPOCH);

        String json = IngestJson.toJson(event);
        IngestEvent back = IngestJson.fromJson(json);

        assertThat(back).isEqualTo(event);
        assertThat(back.request().messages().get(1).metadata()).isEqualTo(Map.of("document", Map.of("type", "pdf", "page", 2, "sha256", "ab12")));
        assertThat(back.request().messages().get(0).metadata()).isEmpty();
        assertThat(json).containsOnlyOnce("\"metadata\":{\"document\"");
        assertThatThrownBy(() -> back.request().messages().get(1).metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void roundTripsAMinimalRequest() {
        IngestEvent event = new IngestEvent(AddRequest.of(Scope.user("bob"), "I live in Paris").withEventId("e"), Instant.EPOCH);

        String json = IngestJson.toJson(event);

        assertThat(json).startsWith("{\"v\":1,").doesNotContain("null");
        IngestEvent back = IngestJson.fromJson(json);
        assertThat(back).isEqualTo(event);
        assertThat(back.request().categories()).isNull();
        assertThat(back.request().offlineOnly()).isFalse();
        assertThat(back.request().llmProfile()).isNull(); // the default LLM; no llm_profile key is written
        assertThat(back.request().scope().tenant()).isEqualTo(Tenant.DEFAULT);
    }

    @Test
    void carriesTheClientsBodyWhenGivenAndReadsEventsWrittenWithoutIt() {
        AddRequest request = AddRequest.of(Scope.user("bob"), "I live in Paris").withEventId("e");
        String body = "{\"messages\":\"I live in Paris\",\"user_id\":\"bob\"}";
        IngestEvent withBody = IngestJson.fromJson(IngestJson.toJson(new IngestEvent(request, Instant.EPOCH, body)));
        assertThat(withBody.payload()).isEqualTo(body);

        IngestEvent without = IngestJson.fromJson(IngestJson.toJson(new IngestEvent(request, Instant.EPOCH)));
        assertThat(without.payload()).isNull();
        assertThat(IngestJson.toJson(new IngestEvent(request, Instant.EPOCH))).doesNotContain("payload");
    }

    @Test
    void readsMetadataDeeplyUnmodifiable() {
        var event = new IngestEvent(AddRequest.of(Scope.user("bob"), "x").withEventId("e")
                .withMetadata(Map.of("tags", List.of("a"))), Instant.EPOCH);

        var metadata = IngestJson.fromJson(IngestJson.toJson(event)).request().metadata();

        assertThatThrownBy(() -> metadata.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) metadata.get("tags")).add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ignoresFieldsALaterReleaseAdds() {
        String json = "{\"v\":1,\"event_id\":\"e\",\"received_at\":\"1970-01-01T00:00:00Z\",\"org_id\":\"default\","
                + "\"project_id\":\"default\",\"user_id\":\"bob\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"mood\":\"ok\"}],"
                + "\"infer\":true,\"priority\":\"high\"}";

        IngestEvent event = IngestJson.fromJson(json);

        assertThat(event.eventId()).isEqualTo("e");
        assertThat(event.request().messages()).containsExactly(Message.user("hi"));
        assertThat(event.request().infer()).isTrue();
        assertThat(event.request().offlineOnly()).isFalse(); // an event written before offline_only existed
    }

    @Test
    void refusesAnUnknownVersionOrNoVersion() {
        assertThatThrownBy(() -> IngestJson.fromJson("{\"v\":2,\"event_id\":\"e\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> IngestJson.fromJson("{\"event_id\":\"e\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no version");
    }

    @Test
    void refusesMalformedEvents() {
        assertThatThrownBy(() -> IngestJson.fromJson("{\"v\":1,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IngestJson.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        // no entity id: the scope refuses it
        assertThatThrownBy(() -> IngestJson.fromJson("{\"v\":1,\"event_id\":\"e\",\"org_id\":\"default\",\"project_id\":\"default\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user_id");
        // no event id: the event refuses it
        assertThatThrownBy(() -> IngestJson.fromJson("{\"v\":1,\"org_id\":\"default\",\"project_id\":\"default\",\"user_id\":\"u\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event id");
    }
}
