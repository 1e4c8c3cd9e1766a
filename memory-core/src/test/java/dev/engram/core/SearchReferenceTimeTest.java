package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.filter.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Search with a reference time: time expressions of the question favour memories of that time; nothing later is returned. */
class SearchReferenceTimeTest {

    private static final Instant NOW = Instant.parse("2024-06-30T12:00:00Z");
    /** Wednesday 2024-05-15: "last week" is Monday 2024-05-06 to Sunday 2024-05-12. */
    private static final Instant REFERENCE = Instant.parse("2024-05-15T18:00:00Z");
    private static final Scope USER = Scope.user("hiker");
    private Memory memory;

    @AfterEach
    void close() {
        if (memory != null) memory.close();
    }

    private Memory open(EngineSettings settings) {
        memory = Memory.builder().inMemory().settings(settings).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        memory.add(session("april", "I went hiking on Mount Tamalpais with my sister.", "2024-04-10T10:00:00Z"));
        memory.add(session("may", "I went hiking on Point Reyes with my brother.", "2024-05-08T10:00:00Z"));
        memory.add(session("june", "I went hiking on Mount Diablo with my cousin.", "2024-06-02T10:00:00Z"));
        return memory;
    }

    private static AddRequest session(String id, String text, String at) {
        Instant when = Instant.parse(at);
        return AddRequest.of(USER, List.of(Message.user(text).withId(id).at(when))).withEventId(id).withTimestamp(when);
    }

    private List<SearchHit> search(String query, Instant reference) {
        return memory.search(SearchRequest.of(Tenant.DEFAULT, query, Filters.forScope(USER)).withReferenceTime(reference)).hits();
    }

    private static List<String> said(List<SearchHit> hits) {
        return hits.stream().map(h -> h.memory().sources().get(0).messageId()).distinct().toList();
    }

    @Test
    void theQuestionsTimeRanksItsMemoriesFirst() {
        open(EngineSettings.defaults().withRetrieval(EngineSettings.defaults().retrieval().withTimeWeight(0.1)));
        assertThat(said(search("Where did I go hiking last week?", REFERENCE))).first().isEqualTo("may");
        assertThat(said(search("Where did I go hiking last month?", REFERENCE))).first().isEqualTo("april");
    }

    @Test
    void nothingSaidAfterTheReferenceTimeIsReturned() {
        open(EngineSettings.defaults());
        assertThat(said(search("Where did I go hiking?", REFERENCE))).containsExactlyInAnyOrder("april", "may");
        assertThat(said(search("Where did I go hiking?", null))).containsExactlyInAnyOrder("april", "may", "june");
        // As of a day: what was said later that day still counts.
        assertThat(said(search("Where did I go hiking?", Instant.parse("2024-05-08T08:00:00Z")))).containsExactlyInAnyOrder("april", "may");
        assertThat(said(search("Where did I go hiking?", Instant.parse("2024-05-07T23:00:00Z")))).containsExactly("april");
    }

    @Test
    void aRecencyPriorFavoursTheNewerOfMemoriesThatMatchAlike() {
        EngineSettings recencyOnly = EngineSettings.defaults().withRetrieval(EngineSettings.defaults().retrieval().withRecencyWeight(1));
        open(recencyOnly);
        assertThat(said(search("Where did I go hiking?", null))).containsExactly("june", "may", "april");
    }
}
