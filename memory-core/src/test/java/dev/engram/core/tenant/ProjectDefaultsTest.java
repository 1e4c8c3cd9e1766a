package dev.engram.core.tenant;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Scope;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectDefaultsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 2, 27);
    private static final ProjectDefaults PROJECT = new ProjectDefaults("Only hobbies.", Map.of("hiking", "walks in the hills"), 3, true);

    @Test
    void fillsWhatTheAddLeavesOut() {
        AddRequest applied = PROJECT.applyTo(AddRequest.of(Scope.user("u"), "I hike on Sundays"), TODAY);

        assertThat(applied.customInstructions()).isEqualTo("Only hobbies.");
        assertThat(applied.categories()).containsExactly(Map.entry("hiking", "walks in the hills"));
        assertThat(applied.expirationDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(applied.offlineOnly()).isTrue();
    }

    @Test
    void theAddsOwnValuesWin() {
        AddRequest own = AddRequest.of(Scope.user("u"), "I hike on Sundays").withCustomInstructions("Everything.")
                .withCategories(Map.of("sport", "")).withExpirationDate(LocalDate.of(2030, 1, 1));

        AddRequest applied = PROJECT.applyTo(own, TODAY);

        assertThat(applied.customInstructions()).isEqualTo("Everything.");
        assertThat(applied.categories()).containsOnlyKeys("sport");
        assertThat(applied.expirationDate()).isEqualTo(LocalDate.of(2030, 1, 1));
    }

    @Test
    void noDefaultsChangeNothing() {
        AddRequest request = AddRequest.of(Scope.user("u"), "hello");
        assertThat(ProjectDefaults.NONE.applyTo(request, TODAY)).isEqualTo(request);
        assertThat(new ProjectDefaults(" ", Map.of(), null, false).isNone()).isTrue();
    }

    @Test
    void refusesAnExpirationBelowOneDay() {
        assertThatThrownBy(() -> new ProjectDefaults(null, null, 0, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonKeepsEveryFieldAndTheCategoryOrder() {
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("zeta", "z");
        categories.put("alpha", "a");
        ProjectDefaults d = new ProjectDefaults("rules", categories, 10, true);

        String json = ProjectDefaultsJson.write(d);

        assertThat(json).isEqualTo("{\"custom_instructions\":\"rules\",\"categories\":{\"zeta\":\"z\",\"alpha\":\"a\"},"
                + "\"default_expiration_days\":10,\"offline_only\":true}");
        assertThat(ProjectDefaultsJson.read(json)).isEqualTo(d);
        assertThat(ProjectDefaultsJson.read(json).categories().keySet()).containsExactly("zeta", "alpha");
        assertThat(ProjectDefaultsJson.write(ProjectDefaults.NONE)).isNull();
        assertThat(ProjectDefaultsJson.read(null)).isEqualTo(ProjectDefaults.NONE);
        assertThat(ProjectDefaultsJson.read("{\"offline_only\":true,\"later_field\":1}")).isEqualTo(new ProjectDefaults(null, null, null, true));
    }

    @Test
    void theLlmProfileIsStoredAndGivenToAddsWithoutOne() {
        ProjectDefaults d = new ProjectDefaults(null, null, null, false, " claude ");

        assertThat(d.llmProfile()).isEqualTo("claude");
        assertThat(d.isNone()).isFalse();
        assertThat(ProjectDefaultsJson.write(d)).isEqualTo("{\"offline_only\":false,\"llm_profile\":\"claude\"}");
        assertThat(ProjectDefaultsJson.read(ProjectDefaultsJson.write(d))).isEqualTo(d);
        assertThat(d.applyTo(AddRequest.of(Scope.user("u"), "hi"), TODAY).llmProfile()).isEqualTo("claude");
        assertThat(d.applyTo(AddRequest.of(Scope.user("u"), "hi").withLlmProfile("local"), TODAY).llmProfile()).isEqualTo("local");
        assertThat(new ProjectDefaults(null, null, null, false, " ").isNone()).isTrue();
    }
}
