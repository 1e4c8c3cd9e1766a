package dev.engram.bench.quality;

import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.RequestLimits;
import dev.engram.core.filter.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Plays one conversation into a fresh {@link Memory} and scores it. Each session is one add (event id
 * {@code <conversation>/<session>}, the messages with their dataset ids and timestamps, the add stamped with the
 * session's last message time), as a chat client that saves a conversation when it ends would. Then every question is
 * searched in the user's scope (top 10; recall@5 reads the first five of the same result).
 */
public final class ConversationRunner {

    static final int TOP_K = 10, SHORT_K = 5;
    private static final int PAGE_SIZE = RequestLimits.defaults().maxPageSize();

    private final Timer addTimer;
    private final Timer searchTimer;

    private final boolean rerank;

    public ConversationRunner(MeterRegistry registry) {
        this(registry, false);
    }

    /** @param rerank every question's search asks for the second stage ({@code SearchRequest.rerank}) */
    public ConversationRunner(MeterRegistry registry, boolean rerank) {
        this.rerank = rerank;
        this.addTimer = latencyTimer("engram.quality.add", "one add of one session", registry);
        this.searchTimer = latencyTimer("engram.quality.search", "one top-10 search, query embedding included", registry);
    }

    public ConversationResult run(Memory memory, Conversation c) {
        Scope scope = new Scope(Tenant.DEFAULT, c.userId(), c.agentId(), null, null);
        Filter inScope = Filters.forScope(scope);
        for (Conversation.Session session : c.sessions()) {
            List<Message> messages = session.messages().stream().map(DatasetMessage::toMessage).toList();
            Instant endedAt = session.messages().getLast().timestamp();
            AddRequest add = AddRequest.of(scope, messages).withEventId(c.id() + "/" + session.sessionId()).withTimestamp(endedAt);
            addTimer.record(() -> memory.add(add));
        }

        List<MemoryRecord> stored = listAll(memory, inScope);
        List<MemoryRecord> active = stored.stream().filter(m -> m.state() == MemoryState.ACTIVE).toList();

        var questions = new ArrayList<QuestionResult>();
        for (Conversation.Question q : c.questions()) {
            SearchRequest request = SearchRequest.of(Tenant.DEFAULT, q.question(), inScope).withTopK(TOP_K).withRerank(rerank);
            SearchResult result = searchTimer.record(() -> memory.search(request));
            List<MemoryRecord> top10 = result.hits().stream().map(SearchHit::memory).toList();
            List<MemoryRecord> top5 = top10.subList(0, Math.min(SHORT_K, top10.size()));
            var covered = new HashSet<String>();
            top10.forEach(m -> covered.addAll(QualityMetrics.sourceIds(m)));
            List<String> missed = q.evidence().stream().distinct().filter(id -> !covered.contains(id)).toList();
            questions.add(new QuestionResult(c.id(), c.language(), q.category(), q.question(),
                    QualityMetrics.evidenceRecall(top5, q.evidence()), QualityMetrics.evidenceRecall(top10, q.evidence()),
                    result.contextTokens(), missed));
        }

        int supersedesCorrect = (int) c.supersedes().stream().filter(s -> QualityMetrics.correctlySuperseded(stored, c, s)).count();
        return new ConversationResult(c.id(), c.language(), questions, QualityMetrics.duplicates(stored, c),
                supersedesCorrect, c.supersedes().size(), active.size(), stored.size());
    }

    public LatencySummary addLatency() {
        return LatencySummary.of(addTimer);
    }

    public LatencySummary searchLatency() {
        return LatencySummary.of(searchTimer);
    }

    /** Every active and superseded memory of the scope (deleted ones are never listed). */
    private static List<MemoryRecord> listAll(Memory memory, Filter inScope) {
        ListRequest request = ListRequest.of(Tenant.DEFAULT, inScope).withIncludeSuperseded(true);
        return Page.collect(page -> memory.list(request.page(page, PAGE_SIZE)), Integer.MAX_VALUE);
    }

    /**
     * Client-side p50/p95 over the whole run: the statistics window is stretched to a day so a long run does not rotate
     * early samples out, as Micrometer's default two-minute window would.
     */
    private static Timer latencyTimer(String name, String description, MeterRegistry registry) {
        return Timer.builder(name).description(description)
                .publishPercentiles(0.5, 0.95)
                .distributionStatisticExpiry(Duration.ofDays(1))
                .distributionStatisticBufferLength(1)
                .register(registry);
    }
}
