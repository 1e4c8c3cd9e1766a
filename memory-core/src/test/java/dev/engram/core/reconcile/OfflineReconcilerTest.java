package dev.engram.core.reconcile;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineReconcilerTest {

    private final OfflineReconciler reconciler = new OfflineReconciler(EngineSettings.defaults().reconcileThresholds());

    private static Fact fact(String text, String slot) {
        return new Fact(text, List.of(0), "user", "user", null, slot, List.of());
    }

    private static MemoryRecord memory(String text, String slot, boolean immutable) {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        return new MemoryRecord(UUID.randomUUID(), Scope.user("u"), text, null, "user", "user", null, null, t, t, null, null,
                immutable, MemoryState.ACTIVE, null, List.of(), slot);
    }

    private Decision decide(Fact f, Candidate... candidates) {
        return reconciler.reconcile(List.of(new FactCandidates(f, List.of(candidates)))).decisions().get(0);
    }

    @Test
    void noCandidatesMeansAdd() {
        assertThat(decide(fact("Likes hiking", null))).isInstanceOf(Decision.Add.class);
    }

    @Test
    void exactDuplicateIgnoringCaseAndPunctuationIsNone() {
        MemoryRecord m = memory("Likes hiking.", null, false);
        Decision d = decide(fact("likes Hiking", null), new Candidate(m, 0.5));
        assertThat(d).isInstanceOf(Decision.None.class);
        assertThat(((Decision.None) d).target()).isEqualTo(m.id());
    }

    @Test
    void sameSlotDifferentValueSupersedes() {
        MemoryRecord paris = memory("Lives in Paris", "user|location", false);
        Decision d = decide(fact("Moved to Berlin", "user|location"), new Candidate(paris, 0.62));
        assertThat(d).isInstanceOfSatisfying(Decision.Supersede.class, s -> {
            assertThat(s.target()).isEqualTo(paris.id());
            assertThat(s.reason()).contains("location");
        });
    }

    @Test
    void sameSlotSameStatementIsNone() {
        MemoryRecord berlin = memory("Lives in Berlin", "user|location", false);
        assertThat(decide(fact("Lives in Berlin now", "user|location"), new Candidate(berlin, 0.93))).isInstanceOf(Decision.None.class);
    }

    @Test
    void immutableMemoriesAreNeverSupersededOrUpdated() {
        MemoryRecord paris = memory("Lives in Paris", "user|location", true);
        assertThat(decide(fact("Lives in Berlin", "user|location"), new Candidate(paris, 0.9))).isInstanceOf(Decision.Add.class);
        MemoryRecord tea = memory("Likes tea", null, true);
        assertThat(decide(fact("Likes tea, especially green tea from Japan", null), new Candidate(tea, 0.88))).isInstanceOf(Decision.Add.class);
    }

    @Test
    void richerRestatementUpdates() {
        MemoryRecord tea = memory("Likes green tea", null, false);
        Decision d = decide(fact("Likes green tea, especially sencha from Shizuoka", null), new Candidate(tea, 0.86));
        assertThat(d).isInstanceOfSatisfying(Decision.Update.class, u -> {
            assertThat(u.target()).isEqualTo(tea.id());
            assertThat(u.newText()).isEqualTo("Likes green tea, especially sencha from Shizuoka");
        });
    }

    @Test
    void poorerRestatementIsNone() {
        MemoryRecord tea = memory("Likes green tea, especially sencha", null, false);
        assertThat(decide(fact("Likes green tea", null), new Candidate(tea, 0.9))).isInstanceOf(Decision.None.class);
    }

    @Test
    void similarButDifferentFactsAreBothKept() {
        // Embeddings of "likes cats" and "likes dogs" are close; the lexical check keeps them apart.
        MemoryRecord cats = memory("Likes cats", null, false);
        assertThat(decide(fact("Likes dogs", null), new Candidate(cats, 0.9))).isInstanceOf(Decision.Add.class);
    }

    @Test
    void veryHighSimilarityParaphraseIsNone() {
        MemoryRecord m = memory("Is allergic to peanuts", null, false);
        assertThat(decide(fact("Has a peanut allergy", null), new Candidate(m, 0.96))).isInstanceOf(Decision.None.class);
    }

    @Test
    void chineseRestatementIsNoneAndRicherIsUpdate() {
        MemoryRecord m = memory("用户偏好使用React和TypeScript开发", null, false);
        assertThat(decide(fact("偏好使用React和TypeScript开发", null), new Candidate(m, 0.93))).isInstanceOf(Decision.None.class);
        assertThat(decide(fact("用户偏好使用React和TypeScript开发前端项目，尤其是管理后台", null), new Candidate(m, 0.88)))
                .isInstanceOf(Decision.Update.class);
    }

    @Test
    void belowRelatedSimilarityIsAdd() {
        MemoryRecord m = memory("Likes green tea", null, false);
        assertThat(decide(fact("Likes green tea", null).withText("Drinks green tea daily"), new Candidate(m, 0.5))).isInstanceOf(Decision.Add.class);
    }

    @Test
    void restatementMarkedStillIsNoneWithTheClosestMemory() {
        MemoryRecord m = memory("User doesn't drink alcohol, which makes client dinners awkward", null, false);
        Decision d = decide(fact("User still doesn't drink, even at the office party", null), new Candidate(m, 0.81));
        assertThat(d).isInstanceOfSatisfying(Decision.None.class, n -> assertThat(n.target()).isEqualTo(m.id()));
        MemoryRecord zh = memory("用户不吃香菜", null, false);
        assertThat(decide(fact("用户还是不吃香菜，闻着就难受", null), new Candidate(zh, 0.85))).isInstanceOf(Decision.None.class);
    }

    @Test
    void restatementFarFromEveryMemoryIsAdded() {
        MemoryRecord m = memory("User plays the cello", null, false);
        assertThat(decide(fact("User still lives near the harbour", null), new Candidate(m, 0.6))).isInstanceOf(Decision.Add.class);
    }

    @Test
    void changeSupersedesTheClosestMemoryOnTheSameTopic() {
        MemoryRecord bus = memory("User takes the bus to work", null, false);
        MemoryRecord cello = memory("User plays the cello", null, false);
        Decision d = decide(fact("User switched from the bus to cycling to work", null),
                new Candidate(bus, 0.66), new Candidate(cello, 0.62));
        assertThat(d).isInstanceOfSatisfying(Decision.Supersede.class, s -> assertThat(s.target()).isEqualTo(bus.id()));

        MemoryRecord zh = memory("用户每周二晚上上瑜伽课", null, false);
        assertThat(decide(fact("用户瑜伽课改到周四晚上了", null), new Candidate(zh, 0.7))).isInstanceOf(Decision.Supersede.class);
    }

    @Test
    void changeWithoutACommonWordNeedsAVeryCloseMemory() {
        MemoryRecord cello = memory("User plays the cello", null, false);
        assertThat(decide(fact("User switched to a standing desk", null), new Candidate(cello, 0.7))).isInstanceOf(Decision.Add.class);
        assertThat(decide(fact("User switched to a standing desk", null), new Candidate(cello, 0.83))).isInstanceOf(Decision.Supersede.class);
    }

    @Test
    void changeNeverSupersedesAnImmutableMemory() {
        MemoryRecord bus = memory("User takes the bus to work", null, true);
        assertThat(decide(fact("User switched from the bus to cycling to work", null), new Candidate(bus, 0.7)))
                .isInstanceOf(Decision.Add.class);
    }

    @Test
    void newQuantityForTheSameThingSupersedes() {
        MemoryRecord m = memory("User's choir has 20 singers", null, false);
        assertThat(decide(fact("User's choir has 26 singers", null), new Candidate(m, 0.9))).isInstanceOf(Decision.Supersede.class);
        MemoryRecord same = memory("User's choir has 20 singers", null, false);
        assertThat(decide(fact("User's choir has 20 singers in total", null), new Candidate(same, 0.9))).isInstanceOf(Decision.Update.class);
    }
}
