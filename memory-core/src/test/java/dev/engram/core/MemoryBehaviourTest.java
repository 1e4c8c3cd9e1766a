package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.filter.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's promises, end to end through the embedded facade with the real ONNX model, offline. */
class MemoryBehaviourTest {

    private static final Instant NOW = Instant.parse("2024-05-15T12:00:00Z"); // a Wednesday
    private Memory memory;

    @BeforeEach
    void open() {
        memory = Memory.builder().inMemory().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private List<MemoryRecord> active(Scope scope) {
        return memory.getAll(scope);
    }

    @Test
    void seedExampleRanksFirst() {
        Scope dev = Scope.user("developer_001");
        memory.add("用户偏好使用React和TypeScript开发", dev);
        memory.add("周末喜欢去郊外徒步", dev);
        memory.add("养了一只叫咪咪的猫", dev);
        memory.add("最近搬到了上海", dev);
        memory.add("每天早上都要喝一杯咖啡", dev);

        List<SearchHit> hits = memory.search("前端开发", dev);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).memory().text()).contains("React").contains("TypeScript");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(hits.size() - 1).score());
    }

    @Test
    void everyFactOfOneMessageStaysFindable() {
        // One message, two facts: the job and the preference. The job matches 前端开发 best; the preference drawn from
        // the same message must still be returned beside it, not hidden behind its sibling.
        Scope dev = Scope.user("developer_003");
        memory.add("我是一名前端开发工程师，喜欢用 React 和 TypeScript", dev);
        memory.add("周末喜欢去爬山", dev);
        memory.add("我养了一只猫，叫咪咪", dev);

        List<SearchHit> hits = memory.search("前端开发", dev);

        assertThat(hits.stream().map(h -> h.memory().text()).filter(t -> t.contains("React") && t.contains("TypeScript")))
                .as("the preference fact, in %s", hits.stream().map(h -> h.memory().text()).toList()).hasSize(1);
        assertThat(hits.stream().map(h -> h.memory().text()).filter(t -> t.contains("前端开发工程师")))
                .as("the job fact").isNotEmpty();
    }

    @Test
    void englishTwinRanksFirst() {
        Scope dev = Scope.user("developer_002");
        memory.add("I prefer using React and TypeScript for development.", dev);
        memory.add("I love hiking in the mountains on weekends.", dev);
        memory.add("I have a cat called Mimi.", dev);
        memory.add("I recently moved to Shanghai.", dev);
        memory.add("I drink a cup of coffee every morning.", dev);

        List<SearchHit> hits = memory.search("frontend development", dev);

        assertThat(hits.get(0).memory().text()).contains("React").contains("TypeScript");
    }

    @Test
    void theSameFactFiveTimesIsOneMemory() {
        Scope u = Scope.user("u-peanuts");
        List<String> sayings = List.of(
                "I'm allergic to peanuts.",
                "I'm allergic to peanuts.",
                "Just so you know, I'm allergic to peanuts.",
                "I am allergic to peanuts.",
                "I'm allergic to peanuts!");
        for (int i = 0; i < sayings.size(); i++) {
            memory.add(AddRequest.of(u, List.of(Message.user(sayings.get(i)).withId("m" + i))).withEventId("e" + i));
        }

        List<MemoryRecord> all = active(u);
        assertThat(all).hasSize(1);
        MemoryRecord m = all.get(0);
        assertThat(m.text().toLowerCase()).contains("peanut");
        assertThat(m.sources()).extracting(s -> s.messageId()).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
        assertThat(memory.history(m.id())).extracting(HistoryEntry::event)
                .containsExactly(HistoryEvent.ADD, HistoryEvent.NONE, HistoryEvent.NONE, HistoryEvent.NONE, HistoryEvent.NONE);
    }

    @Test
    void aMoveSupersedesTheOldCityAndSearchReturnsTheNewest() {
        Scope u = Scope.user("u-move");
        memory.add("I live in Paris.", u);
        AddResult moved = memory.add("I moved to Berlin.", u);

        assertThat(moved.events()).extracting(MemoryEvent::type).containsExactly(MemoryEvent.Type.SUPERSEDE);
        List<MemoryRecord> now = active(u);
        assertThat(now).hasSize(1);
        assertThat(now.get(0).text()).contains("Berlin");

        List<MemoryRecord> all = memory.list(ListRequest.of(Tenant.DEFAULT, Filters.forScope(u)).withIncludeSuperseded(true)).items();
        MemoryRecord paris = all.stream().filter(r -> r.text().contains("Paris")).findFirst().orElseThrow();
        assertThat(paris.state()).isEqualTo(MemoryState.SUPERSEDED);
        assertThat(paris.replacedBy()).isEqualTo(now.get(0).id());
        assertThat(memory.history(paris.id())).extracting(HistoryEntry::event).containsExactly(HistoryEvent.ADD, HistoryEvent.SUPERSEDE);
        assertThat(memory.history(paris.id()).get(1).relatedMemoryId()).isEqualTo(now.get(0).id());

        List<SearchHit> where = memory.search("Which city does the user live in?", u);
        assertThat(where).extracting(h -> h.memory().text()).noneMatch(t -> t.contains("Paris"));
        assertThat(where.get(0).memory().text()).contains("Berlin");
        SearchResult withOld = memory.search(SearchRequest.of(Tenant.DEFAULT, "Which city does the user live in?", Filters.forScope(u))
                .withIncludeSuperseded(true));
        assertThat(withOld.hits()).extracting(h -> h.memory().text()).anyMatch(t -> t.contains("Paris"));
    }

    @Test
    void relativeDatesResolveAgainstTheMessageTime() {
        Scope u = Scope.user("u-dates");
        memory.add(AddRequest.of(u, "Yesterday I ran my first marathon.").withTimestamp(NOW));
        memory.add(AddRequest.of(u, "我昨天去了长城。").withTimestamp(NOW));

        List<MemoryRecord> all = active(u);
        MemoryRecord marathon = all.stream().filter(r -> r.text().contains("marathon")).findFirst().orElseThrow();
        assertThat(marathon.text()).contains("2024-05-14");
        assertThat(marathon.eventTime()).isEqualTo(Instant.parse("2024-05-14T00:00:00Z"));
        MemoryRecord wall = all.stream().filter(r -> r.text().contains("长城")).findFirst().orElseThrow();
        assertThat(wall.text()).contains("2024年5月14日");
        assertThat(wall.eventTime()).isEqualTo(Instant.parse("2024-05-14T00:00:00Z"));
    }

    @Test
    void timestampBackdatesCreatedAt() {
        Instant said = Instant.parse("2023-03-01T09:00:00Z");
        AddResult r = memory.add(AddRequest.of(Scope.user("u-ts"), "I started learning the violin.").withTimestamp(said));
        MemoryRecord m = memory.get(r.events().get(0).memoryId()).orElseThrow();
        assertThat(m.createdAt()).isEqualTo(said);
        assertThat(m.sources().get(0).timestamp()).isEqualTo(said);
    }

    @Test
    void usersAgentsRunsAndTenantsAreIsolated() {
        Tenant other = Tenant.of("org-2", "proj-1");
        String fact = "I love sailing on the lake.";
        memory.add(fact, Scope.user("alice"));
        memory.add(fact, Scope.user("bob"));
        memory.add(fact, Scope.agent("planner"));
        memory.add(fact, Scope.user("alice").withRun("run-1"));
        AddResult otherTenant = memory.add(fact, Scope.user("alice").inTenant(other));

        for (Scope s : List.of(Scope.user("alice"), Scope.user("bob"), Scope.agent("planner"), Scope.user("alice").inTenant(other))) {
            assertThat(memory.search("sailing", s)).isNotEmpty().allSatisfy(h -> {
                assertThat(h.memory().scope().tenant()).isEqualTo(s.tenant());
                if (s.userId() != null) assertThat(h.memory().scope().userId()).isEqualTo(s.userId());
                if (s.agentId() != null) assertThat(h.memory().scope().agentId()).isEqualTo(s.agentId());
            });
        }
        assertThat(memory.search("sailing", Scope.user("alice").withRun("run-1"))).hasSize(1);
        assertThat(memory.search("sailing", Scope.user("carol"))).isEmpty();
        assertThat(memory.getAll(Scope.user("alice"))).hasSize(2); // its own and the run's
        assertThat(memory.getAll(Scope.user("alice").inTenant(other))).hasSize(1);

        UUID foreign = otherTenant.events().get(0).memoryId();
        assertThat(memory.get(foreign)).isEmpty();
        assertThatThrownBy(() -> memory.delete(foreign)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> memory.history(foreign)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> memory.update(foreign, "x")).isInstanceOf(NotFoundException.class);

        assertThat(memory.deleteAll(Scope.user("alice"))).isEqualTo(2);
        assertThat(memory.getAll(Scope.user("alice").inTenant(other))).hasSize(1);
        assertThat(memory.getAll(Scope.user("bob"))).hasSize(1);
        memory.reset();
        assertThat(memory.getAll(Scope.user("bob"))).isEmpty();
        assertThat(memory.getAll(Scope.user("alice").inTenant(other))).hasSize(1);
    }

    @Test
    void filtersApplyInsideTheSearch() {
        Scope u = Scope.user("u-filters");
        for (int i = 0; i < 30; i++) {
            memory.add(AddRequest.of(u, List.of(Message.user("I enjoy jazz concert number " + i + " in the city."))).withInfer(false)
                    .withMetadata(Map.of("i", i)));
        }
        memory.add(AddRequest.of(u, "My sister is a doctor in Lyon.").withMetadata(Map.of("kind", "family")));
        Filter onlyFamily = Filter.and(Filters.forScope(u), Filter.eq(Field.metadata("kind"), "family"));

        SearchResult r = memory.search(SearchRequest.of(Tenant.DEFAULT, "jazz concert", onlyFamily).withTopK(1).withThreshold(0.0));

        assertThat(r.hits()).hasSize(1);
        assertThat(r.hits().get(0).memory().text()).contains("Lyon");
    }

    @Test
    void maxTokensBudgetCutsResults() {
        Scope u = Scope.user("u-budget");
        for (String s : List.of("I play tennis every Tuesday.", "I play chess online at night.", "I play the piano since childhood.")) {
            memory.add(s, u);
        }
        SearchResult all = memory.search(SearchRequest.of(Tenant.DEFAULT, "which games and sports does the user play", Filters.forScope(u)));
        assertThat(all.hits()).hasSize(3);
        int firstTwo = all.hits().get(0).memory().text().length() / 4 + 1 + all.hits().get(1).memory().text().length() / 4 + 1;
        SearchResult cut = memory.search(SearchRequest.of(Tenant.DEFAULT, "which games and sports does the user play", Filters.forScope(u))
                .withMaxTokens(firstTwo));
        assertThat(cut.hits()).hasSize(2);
        assertThat(cut.contextTokens()).isLessThanOrEqualTo(firstTwo).isPositive();
    }

    @Test
    void inferOffStoresEachNonSystemMessageVerbatim() {
        Scope u = Scope.user("u-raw");
        AddResult r = memory.add(AddRequest.of(u, List.of(
                Message.system("You are helpful."),
                Message.user("hello there").named("Ann"),
                Message.assistant("Hi Ann, how can I help?"))).withInfer(false));
        assertThat(r.events()).hasSize(2).allMatch(e -> e.type() == MemoryEvent.Type.ADD);
        assertThat(active(u)).extracting(MemoryRecord::text).containsExactlyInAnyOrder("hello there", "Hi Ann, how can I help?");
        assertThat(active(u)).filteredOn(m -> m.text().equals("hello there")).first().extracting(MemoryRecord::actor).isEqualTo("Ann");
    }

    @Test
    void updateDeleteAndHistory() {
        Scope u = Scope.user("u-crud");
        UUID id = memory.add(AddRequest.of(u, "I work as a nurse.").withMetadata(Map.of("a", 1))).events().get(0).memoryId();

        MemoryRecord updated = memory.update(new UpdateRequest(Tenant.DEFAULT, id, "Works as a head nurse", Map.of("b", 2), null, null, false));
        assertThat(updated.text()).isEqualTo("Works as a head nurse");
        assertThat(updated.metadata()).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(memory.search("nurse", u).get(0).memory().text()).isEqualTo("Works as a head nurse");

        memory.delete(id);
        assertThat(memory.get(id)).isEmpty();
        assertThat(memory.search("nurse", u)).isEmpty();
        assertThat(memory.history(id)).extracting(HistoryEntry::event).containsExactly(HistoryEvent.ADD, HistoryEvent.UPDATE, HistoryEvent.DELETE);
        assertThatThrownBy(() -> memory.delete(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void immutableMemoriesRefuseUpdates() {
        UUID id = memory.add(AddRequest.of(Scope.user("u-imm"), "My blood type is O negative.").withImmutable(true)).events().get(0).memoryId();
        assertThatThrownBy(() -> memory.update(id, "x")).isInstanceOf(ConflictException.class);
    }

    @Test
    void expiredMemoriesAreHiddenUnlessAskedFor() {
        Scope u = Scope.user("u-exp");
        memory.add(AddRequest.of(u, "I am staying at the Hilton hotel this week.").withExpirationDate(LocalDate.parse("2024-05-14")));
        memory.add(AddRequest.of(u, "I am attending the Berlin conference next month.").withExpirationDate(LocalDate.parse("2024-05-15")));
        assertThat(memory.search("hotel conference", u)).extracting(h -> h.memory().text()).noneMatch(t -> t.contains("Hilton"));
        assertThat(memory.search(SearchRequest.of(Tenant.DEFAULT, "hotel conference", Filters.forScope(u)).withShowExpired(true)).hits())
                .extracting(h -> h.memory().text()).anyMatch(t -> t.contains("Hilton"));
    }

    @Test
    void badInputIsAValidationError() {
        assertThatThrownBy(() -> memory.add(AddRequest.of(Scope.user("u"), List.of()))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> memory.add(AddRequest.of(Scope.user("u"), List.of(new Message("robot", "x", null, null, null)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> Scope.user(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Scope.user("a b")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> memory.search(SearchRequest.of(Tenant.DEFAULT, "q", Filter.ALL).withTopK(0))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> memory.search(SearchRequest.of(Tenant.DEFAULT, " ", Filter.ALL))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> memory.search(SearchRequest.of(Tenant.DEFAULT, "q", Filter.ALL).withThreshold(1.5))).isInstanceOf(ValidationException.class);
    }
}
