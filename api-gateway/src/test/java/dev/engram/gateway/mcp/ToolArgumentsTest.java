package dev.engram.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tools' argument rules and the max_tokens budget, without a server. */
class ToolArgumentsTest {

    private static final Set<String> ALLOWED = Set.of("query", "user_id", "agent_id", "run_id", "top_k", "threshold", "infer", "filters");

    private static ToolArguments args(Map<String, Object> values, String defaultUser) {
        return new ToolArguments("search_memories", values, ALLOWED, defaultUser);
    }

    @Test
    void unknownArgumentsAreNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> args(Map.of("userId", "u"), null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Unknown argument 'userId' for search_memories").hasMessageContaining("user_id");
    }

    @Test
    void typesAndRangesAreChecked() {
        assertThat(args(Map.of("top_k", 5), null).integer("top_k", 10, 1, 100)).isEqualTo(5);
        assertThat(args(Map.of("top_k", 5.0), null).integer("top_k", 10, 1, 100)).isEqualTo(5);
        assertThat(args(Map.of(), null).integer("top_k", 10, 1, 100)).isEqualTo(10);
        assertThatThrownBy(() -> args(Map.of("top_k", 2.5), null).integer("top_k", 10, 1, 100)).hasMessage("top_k must be an integer between 1 and 100");
        assertThatThrownBy(() -> args(Map.of("top_k", "5"), null).integer("top_k", 10, 1, 100)).hasMessage("top_k must be an integer between 1 and 100");
        assertThatThrownBy(() -> args(Map.of("top_k", 0), null).integer("top_k", 10, 1, 100)).hasMessage("top_k must be between 1 and 100, not 0");
        assertThatThrownBy(() -> args(Map.of("threshold", 2), null).number("threshold", 0, 1)).hasMessageContaining("threshold must be between 0.0 and 1.0");
        assertThatThrownBy(() -> args(Map.of("infer", "yes"), null).bool("infer", true)).hasMessage("infer must be true or false");
        assertThatThrownBy(() -> args(Map.of("filters", List.of()), null).object("filters")).hasMessage("filters must be a JSON object");
        assertThatThrownBy(() -> args(Map.of("query", 7), null).string("query")).hasMessage("query must be a string");
        assertThatThrownBy(() -> args(Map.of("query", "  "), null).requiredString("query")).hasMessageContaining("query is required");
    }

    @Test
    void theConnectionsDefaultUserFillsAMissingUserIdOnly() {
        assertThat(args(Map.of(), "alice").entityIds(true)).isEqualTo(Map.of("user_id", "alice"));
        assertThat(args(Map.of("user_id", "bob"), "alice").entityIds(true)).isEqualTo(Map.of("user_id", "bob"));
        assertThat(args(Map.of("agent_id", "helper"), "alice").entityIds(true)).isEqualTo(Map.of("user_id", "alice", "agent_id", "helper"));
        assertThatThrownBy(() -> args(Map.of(), null).entityIds(true)).hasMessageContaining("needs user_id, agent_id or run_id")
                .hasMessageContaining(McpResource.USER_HEADER);
        assertThatThrownBy(() -> args(Map.of("user_id", "*"), "alice").entityIds(true)).hasMessageContaining("wildcard");
    }

    @Test
    void listsStopAtTheTokenBudgetAndCountWhatTheyLeftOut() throws Exception {
        CompactResults compact = new CompactResults(new ObjectMapper());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) items.add(CompactResults.memory(memory("Fact " + i + " " + "word ".repeat(20)), 0.5));
        Map<?, ?> all = new ObjectMapper().readValue(compact.budgeted(Map.of(), "results", items, 100_000), Map.class);
        assertThat((List<?>) all.get("results")).hasSize(20);
        assertThat(all.containsKey("omitted")).isFalse();

        Map<?, ?> some = new ObjectMapper().readValue(compact.budgeted(Map.of(), "results", items, 300), Map.class);
        int kept = ((List<?>) some.get("results")).size();
        assertThat(kept).isBetween(1, 19);
        assertThat(some.get("omitted")).isEqualTo(20 - kept);

        Map<?, ?> one = new ObjectMapper().readValue(compact.budgeted(Map.of(), "results",
                List.of(CompactResults.memory(memory("x".repeat(5000)), null)), 50), Map.class);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) one.get("results")).getFirst();
        assertThat((String) first.get("memory")).hasSizeLessThan(400).contains("cut to fit max_tokens");
    }

    @Test
    void compactMemoriesLeaveOutWhatIsNotSet() {
        Map<String, Object> m = CompactResults.memory(memory("likes tea"), null);
        assertThat(m).containsOnlyKeys("id", "memory", "user_id", "created_at");
    }

    private static MemoryRecord memory(String text) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new MemoryRecord(UUID.randomUUID(), new Scope(Tenant.of("o", "p"), "u", null, null, null), text, null, null, null,
                new HashMap<>(), List.of(), t, t, null, null, false, null, null, List.of(), null);
    }
}
