package dev.engram.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline profile: resolution (newest value wins), grouping, the concision limits, determinism and schema projection. */
class ProfileBuilderTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final ObjectMapper JSON = new ObjectMapper();

    private int n;

    private MemoryRecord fact(String text, String category, String slot, int minutes) {
        return fact(text, category, slot, minutes, MemoryState.ACTIVE);
    }

    private MemoryRecord fact(String text, String category, String slot, int minutes, MemoryState state) {
        UUID id = new UUID(0, ++n);
        Instant at = T0.plusSeconds(60L * minutes);
        return new MemoryRecord(id, Scope.user("alice"), text, null, "user", "user", Map.of(), category == null ? List.of() : List.of(category),
                at, at, null, null, false, state, null, List.of(), slot);
    }

    private static ProfileBuilder builder() {
        return new ProfileBuilder(ProfileBuilder.Limits.DEFAULTS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> categories(Map<String, Object> profile) {
        return (Map<String, List<String>>) profile.get("categories");
    }

    @Test
    void factsAreGroupedByFirstCategoryInMem0sOrderNewestFirst() {
        List<MemoryRecord> memories = List.of(
                fact("Likes ramen", "food", null, 1),
                fact("Works at Acme as an engineer", "professional_details", null, 2),
                fact("Is vegetarian", "food", null, 3),
                fact("Collects stamps", "stamps_and_coins", null, 4),
                fact("Has a cat named Miso", null, null, 5),
                fact("Is called Alice", "personal_details", "user|name", 6));

        Map<String, Object> profile = builder().profile(builder().facts(memories, TODAY), null);

        assertThat(categories(profile)).containsExactly(
                Map.entry("personal_details", List.of("Is called Alice")),
                Map.entry("professional_details", List.of("Works at Acme as an engineer")),
                Map.entry("food", List.of("Is vegetarian", "Likes ramen")),
                Map.entry("misc", List.of("Has a cat named Miso")),
                Map.entry("stamps_and_coins", List.of("Collects stamps")));
    }

    @Test
    void theNewestValueOfASupersededOrContradictedFactWins() {
        List<MemoryRecord> memories = new ArrayList<>(List.of(
                fact("Lives in Paris", "personal_details", "user|location", 1, MemoryState.SUPERSEDED),
                fact("Lives in Lyon", "personal_details", "user|location", 5),
                fact("Lives in Berlin", "personal_details", "user|location", 9),
                fact("Was deleted", "personal_details", null, 10, MemoryState.DELETED),
                fact("A message kept as evidence", "personal_details", null, 11, MemoryState.EVIDENCE),
                fact("Likes tea", "food", null, 2),
                fact("Likes tea", "food", null, 7)));
        MemoryRecord expired = fact("Is in Rome this week", "travel", null, 3).withExpirationDate(TODAY.minusDays(1), T0);
        memories.add(expired);

        ProfileFacts facts = builder().facts(memories, TODAY);

        assertThat(facts.selectedTexts()).containsExactly(
                Map.entry("personal_details", List.of("Lives in Berlin")),
                Map.entry("food", List.of("Likes tea")));
        assertThat(facts.count()).isEqualTo(2);
        assertThat(facts.byCategory().get("food").getFirst().createdAt()).as("the newer copy of the same text is kept")
                .isEqualTo(T0.plusSeconds(7 * 60));
    }

    @Test
    void aDatedFactIsNewerThanOneAddedLaterAboutAnEarlierTime() {
        MemoryRecord movedToOslo = fact("Moved to Oslo", "personal_details", "user|location", 1).withEventTime(T0.plusSeconds(86_400));
        MemoryRecord livesInBergen = fact("Lives in Bergen", "personal_details", "user|location", 60);
        assertThat(builder().facts(List.of(livesInBergen, movedToOslo), TODAY).selectedTexts().get("personal_details"))
                .containsExactly("Moved to Oslo");
    }

    @Test
    void theProfileIsCappedPerCategoryAndByATokenBudgetFilledRoundRobin() {
        List<MemoryRecord> memories = new ArrayList<>();
        for (int i = 0; i < 12; i++) memories.add(fact("Food fact number " + i, "food", null, i));
        memories.add(fact("Plays tennis", "sports", null, 0));

        Map<String, List<String>> capped = new ProfileBuilder(new ProfileBuilder.Limits(3, 1000)).facts(memories, TODAY).selectedTexts();
        assertThat(capped.get("food")).containsExactly("Food fact number 11", "Food fact number 10", "Food fact number 9");
        assertThat(capped.get("sports")).containsExactly("Plays tennis");

        // "Food fact number 11" is 5 tokens, "Plays tennis" 3: a budget of 10 takes the newest of each category (sports
        // before food, in Mem0's order), then
        // stops before the second food fact (5 more) would pass it.
        Map<String, List<String>> budgeted = new ProfileBuilder(new ProfileBuilder.Limits(5, 10)).facts(memories, TODAY).selectedTexts();
        assertThat(budgeted).containsExactly(Map.entry("sports", List.of("Plays tennis")), Map.entry("food", List.of("Food fact number 11")));
    }

    @Test
    void theSameMemoriesInAnyOrderGiveTheSameProfile() throws Exception {
        List<MemoryRecord> memories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String category = List.of("food", "travel", "music", "hobbies").get(i % 4);
            memories.add(fact("Fact " + i + " about " + category, category, i % 7 == 0 ? "user|slot" + (i % 3) : null, i % 5));
        }
        String first = JSON.writeValueAsString(builder().profile(builder().facts(memories, TODAY), null));
        for (long seed = 1; seed <= 5; seed++) {
            List<MemoryRecord> shuffled = new ArrayList<>(memories);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(JSON.writeValueAsString(builder().profile(builder().facts(shuffled, TODAY), null))).isEqualTo(first);
        }
    }

    @Test
    void aSchemaIsFilledFromTheFactsUnderItsOwnPropertyNames() throws Exception {
        List<MemoryRecord> memories = List.of(
                fact("Lives in Berlin", "personal_details", "user|location", 9),
                fact("Is 34 years old", "personal_details", "user|age", 8),
                fact("Likes ramen", "food", null, 1),
                fact("Is vegetarian", "food", null, 3),
                fact("Prefers the dark theme in every app", "user_preferences", null, 4),
                fact("Plays the guitar", "music", null, 5));
        JsonNode schema = JSON.readTree("""
                {"type": "object", "properties": {
                  "homeCity": {"type": "string", "description": "Where the user lives"},
                  "food": {"type": "array", "description": "Food habits"},
                  "age": {"type": "integer", "description": "Age in years"},
                  "theme": {"type": "string", "enum": ["light", "dark"], "description": "Preferred theme"},
                  "is_student": {"type": "boolean", "description": "Whether the user studies"},
                  "pets": {"type": "array", "description": "Animals at home"},
                  "hobbies": {"type": "object", "properties": {"instrument": {"description": "Instrument played, such as guitar"}}}
                }}""");

        Map<String, Object> profile = builder().profile(builder().facts(memories, TODAY), schema);

        assertThat(profile).containsOnlyKeys("homeCity", "food", "age", "theme", "is_student", "pets", "hobbies");
        assertThat(profile.get("homeCity")).isEqualTo("Lives in Berlin");
        assertThat(profile.get("food")).isEqualTo(List.of("Is vegetarian", "Likes ramen"));
        assertThat(profile.get("age")).isEqualTo(34L);
        assertThat(profile.get("theme")).isEqualTo("dark");
        assertThat(profile.get("is_student")).isNull();
        assertThat(profile.get("pets")).isNull();
        assertThat(profile.get("hobbies")).isEqualTo(Map.of("instrument", "Plays the guitar"));
        assertThat(JSON.writeValueAsString(profile)).as("declaration order kept")
                .startsWith("{\"homeCity\":").contains("\"is_student\":null");
    }
}
