package dev.engram.core.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mem0 §1.4 filter grammar: parsed into the AST and checked through the reference evaluator on real records. */
class FilterParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final MemoryRecord ALICE = record("alice", "helper", null, "Prefers green tea in the morning",
            List.of("food", "user_preferences"), Map.of("source", "chat", "priority", 3, "tags", List.of("a", "b"), "nested", Map.of("k", "v")),
            "2024-01-15T10:00:00Z", LocalDate.parse("2030-01-01"));
    private static final MemoryRecord BOB = record("bob", null, "run-7", "Lives in Berlin since May 2023",
            List.of("personal_details"), Map.of("source", "import", "priority", 1.5),
            "2024-02-01T00:00:00Z", null);

    private static MemoryRecord record(String user, String agent, String run, String text, List<String> categories,
                                       Map<String, Object> metadata, String created, LocalDate expiration) {
        Instant c = Instant.parse(created);
        return new MemoryRecord(UUID.randomUUID(), new Scope(Tenant.DEFAULT, user, agent, run, null), text, null, user, "user",
                metadata, categories, c, c, null, expiration, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    private static Filter parse(String json) {
        try {
            return FilterParser.parse(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> users(String json) {
        Filter f = parse(json);
        return java.util.stream.Stream.of(ALICE, BOB).filter(r -> FilterEvaluator.matches(r, f)).map(r -> r.scope().userId()).toList();
    }

    @Test
    void flatObjectIsAnImplicitAnd() {
        assertThat(parse("{\"user_id\":\"alice\"}")).isEqualTo(Filter.eq(Field.USER_ID, "alice"));
        assertThat(parse("{\"AND\":[{\"user_id\":\"alice\"}]}")).isEqualTo(parse("{\"user_id\":\"alice\"}"));
        assertThat(users("{\"user_id\":\"alice\",\"agent_id\":\"helper\"}")).containsExactly("alice");
        assertThat(users("{\"user_id\":\"bob\",\"agent_id\":\"helper\"}")).isEmpty();
    }

    @Test
    void logicalOperatorsNestAndAndWithOrEvaluatesBoth() {
        assertThat(users("{\"OR\":[{\"user_id\":\"alice\"},{\"user_id\":\"bob\"}]}")).containsExactly("alice", "bob");
        assertThat(users("{\"NOT\":{\"user_id\":\"alice\"}}")).containsExactly("bob");
        assertThat(users("{\"NOT\":[{\"user_id\":\"alice\"}]}")).containsExactly("bob");
        assertThat(users("{\"AND\":[{\"OR\":[{\"user_id\":\"alice\"},{\"run_id\":\"run-7\"}]},{\"NOT\":{\"categories\":{\"in\":[\"food\"]}}}]}"))
                .containsExactly("bob");
        // The hosted platform silently drops an OR beside an AND; we evaluate both.
        assertThat(users("{\"AND\":[{\"user_id\":\"*\"}],\"OR\":[{\"user_id\":\"bob\"}]}")).containsExactly("bob");
    }

    @Test
    void entityOperatorsAndWildcard() {
        assertThat(users("{\"user_id\":{\"in\":[\"bob\",\"carol\"]}}")).containsExactly("bob");
        assertThat(users("{\"user_id\":\"*\",\"user_id\":{\"ne\":\"alice\"}}")).containsExactly("bob");
        assertThat(users("{\"agent_id\":\"*\"}")).containsExactly("alice"); // nulls excluded
        assertThat(users("{\"agent_id\":{\"ne\":\"helper\"}}")).containsExactly("bob"); // a missing id is not equal
        assertThat(users("{\"run_id\":{\"nin\":[\"run-7\"]}}")).containsExactly("alice");
        assertThat(users("{\"session_id\":\"run-7\"}")).containsExactly("bob");
        assertThat(parse("{\"user_id\":\"*\"}")).isEqualTo(new Filter.Compare(Field.USER_ID, Op.EXISTS, null));
    }

    @Test
    void dateOnlyValuesCoverWholeDays() {
        assertThat(users("{\"created_at\":\"2024-01-15\"}")).containsExactly("alice");
        assertThat(users("{\"created_at\":{\"lte\":\"2024-01-15\"}}")).containsExactly("alice");
        assertThat(users("{\"created_at\":{\"lt\":\"2024-01-15\"}}")).isEmpty();
        assertThat(users("{\"created_at\":{\"gt\":\"2024-01-15\"}}")).containsExactly("bob");
        assertThat(users("{\"created_at\":{\"gte\":\"2024-01-15\",\"lt\":\"2024-02-01\"}}")).containsExactly("alice");
        assertThat(users("{\"created_at\":{\"ne\":\"2024-01-15\"}}")).containsExactly("bob");
        assertThat(users("{\"created_at\":{\"in\":[\"2024-02-01\",\"2023-01-01\"]}}")).containsExactly("bob");
        assertThat(users("{\"created_at\":{\"gte\":\"2024-01-15T10:00:00Z\"}}")).containsExactly("alice", "bob");
        assertThat(users("{\"created_at\":{\"gt\":\"2024-01-15T10:00:00+00:00\"}}")).containsExactly("bob");
        assertThat(users("{\"expiration_date\":{\"gte\":\"2029-12-31\"}}")).containsExactly("alice");
        // timestamp (event time) falls back to created_at
        assertThat(users("{\"timestamp\":{\"gte\":\"2024-02-01\"}}")).containsExactly("bob");
        assertThat(users("{\"created_at\":{\"gte\":1706745600}}")).containsExactly("bob"); // epoch seconds
    }

    @Test
    void textCategoriesAndKeywords() {
        assertThat(users("{\"keywords\":{\"contains\":\"Berlin\"}}")).containsExactly("bob");
        assertThat(users("{\"keywords\":{\"contains\":\"berlin\"}}")).isEmpty(); // contains is case-sensitive
        assertThat(users("{\"keywords\":{\"icontains\":\"BERLIN\"}}")).containsExactly("bob");
        assertThat(users("{\"keywords\":\"green TEA\"}")).containsExactly("alice");
        assertThat(users("{\"text\":\"Lives in Berlin since May 2023\"}")).containsExactly("bob");
        assertThat(users("{\"categories\":{\"in\":[\"food\",\"travel\"]}}")).containsExactly("alice");
        assertThat(users("{\"categories\":{\"contains\":\"PERSONAL\"}}")).containsExactly("bob"); // case-insensitive substring
        assertThat(users("{\"categories\":[\"personal_details\"]}")).containsExactly("bob");
    }

    @Test
    void metadataOperators() {
        assertThat(users("{\"metadata\":{\"source\":\"chat\"}}")).containsExactly("alice");
        assertThat(users("{\"metadata\":{\"source\":{\"ne\":\"chat\"}}}")).containsExactly("bob");
        assertThat(users("{\"metadata\":{\"source\":{\"contains\":\"mpo\"}}}")).containsExactly("bob");
        assertThat(users("{\"metadata\":{\"priority\":3}}")).containsExactly("alice"); // 3 == 3.0
        assertThat(users("{\"metadata\":{\"priority\":{\"gt\":2}}}")).containsExactly("alice");
        assertThat(users("{\"metadata\":{\"priority\":{\"lte\":1.5}}}")).containsExactly("bob");
        assertThat(users("{\"metadata\":{\"priority\":\"3\"}}")).isEmpty(); // a string never equals a number
        assertThat(users("{\"metadata\":{\"tags\":\"b\"}}")).containsExactly("alice"); // lists are multi-valued
        assertThat(users("{\"metadata\":{\"nested.k\":\"v\"}}")).containsExactly("alice");
        assertThat(users("{\"metadata\":{\"tags\":\"*\"}}")).containsExactly("alice");
        assertThat(users("{\"metadata\":{\"tags\":null}}")).containsExactly("bob");
        assertThat(users("{\"metadata\":{\"source\":{\"in\":[\"import\",\"x\"]}}}")).containsExactly("bob");
    }

    @Test
    void memoryIds() {
        String json = "{\"memory_ids\":[\"" + BOB.id() + "\"]}";
        assertThat(users(json)).containsExactly("bob");
        assertThat(users("{\"memory_ids\":{\"in\":[\"" + ALICE.id() + "\"]}}")).containsExactly("alice");
        assertThatThrownBy(() -> parse("{\"memory_ids\":[\"nope\"]}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a valid UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"owner\":\"x\"}",
            "{\"user_id\":{\">=\":\"x\"}}",
            "{\"user_id\":{\"gt\":\"x\"}}",
            "{\"categories\":{\"gt\":\"x\"}}",
            "{\"AND\":{\"user_id\":\"x\"}}",
            "{\"AND\":[]}",
            "{\"OR\":[\"user_id\"]}",
            "{\"user_id\":\"\"}",
            "{\"user_id\":null}",
            "{\"user_id\":{\"in\":[]}}",
            "{\"user_id\":{}}",
            "{\"created_at\":\"yesterday\"}",
            "{\"created_at\":{\"gte\":true}}",
            "{\"metadata\":\"x\"}",
            "{\"metadata\":{\"priority\":{\"gt\":\"high\"}}}",
            "{\"metadata\":{\"k\":{\"between\":[1,2]}}}",
            "{\"metadata\":{\"k\":[1,2]}}",
            "{\"keywords\":{\"contains\":5}}",
            "[1,2]"
    })
    void malformedFiltersAreValidationErrors(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ValidationException.class).hasMessageStartingWith("Invalid filters:");
    }

    @Test
    void limitsAreEnforced() {
        String deep = "{\"user_id\":\"a\"}";
        for (int i = 0; i < FilterParser.MAX_DEPTH + 2; i++) deep = "{\"AND\":[" + deep + "]}";
        String tooDeep = deep;
        assertThatThrownBy(() -> parse(tooDeep)).isInstanceOf(ValidationException.class).hasMessageContaining("deeper");
        StringBuilder big = new StringBuilder("{\"user_id\":{\"in\":[");
        for (int i = 0; i <= FilterParser.MAX_LIST; i++) big.append(i == 0 ? "" : ",").append("\"u").append(i).append('"');
        big.append("]}}");
        assertThatThrownBy(() -> parse(big.toString())).isInstanceOf(ValidationException.class).hasMessageContaining("at most");
        String longValue = "{\"user_id\":\"" + "x".repeat(FilterParser.MAX_STRING + 1) + "\"}";
        assertThatThrownBy(() -> parse(longValue)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theWholeFilterIsBounded() {
        StringBuilder manyKeys = new StringBuilder("{\"user_id\":\"a\",\"metadata\":{");
        for (int i = 0; i < 1100; i++) manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        manyKeys.append("}}");
        assertThatThrownBy(() -> parse(manyKeys.toString())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("more than " + FilterParser.MAX_CLAUSES + " conditions");

        StringBuilder bigLists = new StringBuilder("{\"user_id\":\"a\",\"OR\":[");
        for (int l = 0; l < 10; l++) {
            bigLists.append(l == 0 ? "" : ",").append("{\"metadata\":{\"k").append(l).append("\":{\"in\":[");
            for (int i = 0; i < FilterParser.MAX_LIST; i++) bigLists.append(i == 0 ? "" : ",").append(i);
            bigLists.append("]}}}");
        }
        bigLists.append("]}");
        assertThatThrownBy(() -> parse(bigLists.toString())).isInstanceOf(dev.engram.core.error.TooLargeException.class)
                .hasMessageContaining("values and clauses in all");

        StringBuilder longStrings = new StringBuilder("{\"user_id\":{\"in\":[");
        for (int i = 0; i < 100; i++) longStrings.append(i == 0 ? "" : ",").append('"').append("x".repeat(FilterParser.MAX_STRING)).append('"');
        longStrings.append("]}}");
        assertThatThrownBy(() -> parse(longStrings.toString())).isInstanceOf(dev.engram.core.error.TooLargeException.class)
                .hasMessageContaining("characters in all");
    }

    @Test
    void nullOrEmptyMeansEverything() {
        assertThat(FilterParser.parse(null)).isEqualTo(Filter.ALL);
        assertThat(parse("{}")).isEqualTo(Filter.ALL);
    }

    @Test
    void entityScopeIsRequiredOnEveryPath() {
        assertThat(Filters.hasEntityScope(parse("{\"user_id\":\"a\"}"))).isTrue();
        assertThat(Filters.hasEntityScope(parse("{\"user_id\":\"*\"}"))).isTrue();
        assertThat(Filters.hasEntityScope(parse("{\"AND\":[{\"agent_id\":{\"in\":[\"x\"]}},{\"metadata\":{\"k\":\"v\"}}]}"))).isTrue();
        assertThat(Filters.hasEntityScope(parse("{\"OR\":[{\"user_id\":\"a\"},{\"agent_id\":\"b\"}]}"))).isTrue();
        assertThat(Filters.hasEntityScope(parse("{\"OR\":[{\"user_id\":\"a\"},{\"metadata\":{\"k\":\"v\"}}]}"))).isFalse();
        assertThat(Filters.hasEntityScope(parse("{\"user_id\":{\"ne\":\"a\"}}"))).isFalse();
        assertThat(Filters.hasEntityScope(parse("{\"NOT\":{\"user_id\":\"a\"}}"))).isFalse();
        assertThat(Filters.hasEntityScope(parse("{\"metadata\":{\"k\":\"v\"}}"))).isFalse();
        assertThat(Filters.hasEntityScope(Filter.ALL)).isFalse();
    }

    @Test
    void typedEntryPointsBuildWhatTheGrammarDoes() throws Exception {
        assertThat(FilterParser.entityId("user_id", " alice ")).isEqualTo(parse("{\"user_id\":\"alice\"}"));
        assertThat(FilterParser.entityId("run_id", "*")).isEqualTo(parse("{\"run_id\":\"*\"}"));
        assertThat(FilterParser.inCategories(List.of("food", "travel"))).isEqualTo(parse("{\"categories\":{\"in\":[\"food\",\"travel\"]}}"));
        assertThat(FilterParser.createdBound("created_at", "2026-01-02", true)).isEqualTo(parse("{\"created_at\":{\"gte\":\"2026-01-02\"}}"));
        assertThat(FilterParser.createdBound("created_at", "2026-01-02", false)).isEqualTo(parse("{\"created_at\":{\"lte\":\"2026-01-02\"}}"));
        assertThat(FilterParser.createdBound("created_at", "2026-01-02T10:00:00Z", false))
                .isEqualTo(parse("{\"created_at\":{\"lte\":\"2026-01-02T10:00:00Z\"}}"));
        assertThat(FilterParser.textContains("keywords", "Tea")).isEqualTo(parse("{\"keywords\":{\"icontains\":\"Tea\"}}"));
        assertThat(FilterParser.metadata(JSON.readTree("{\"k\":\"v\",\"n\":{\"gt\":2}}")))
                .isEqualTo(parse("{\"metadata\":{\"k\":\"v\",\"n\":{\"gt\":2}}}"));

        assertThatThrownBy(() -> FilterParser.entityId("user_id", " ")).isInstanceOf(ValidationException.class).hasMessageContaining("user_id must not be empty");
        assertThatThrownBy(() -> FilterParser.entityId("user_id", "x".repeat(FilterParser.MAX_STRING + 1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limited to");
        assertThatThrownBy(() -> FilterParser.createdBound("created_at", "yesterday", true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is not an ISO date");
        assertThatThrownBy(() -> FilterParser.inCategories(List.of())).isInstanceOf(ValidationException.class);
    }
}
