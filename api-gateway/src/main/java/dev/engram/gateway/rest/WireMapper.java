package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.Source;
import dev.engram.core.ingest.EventRecord;
import dev.engram.gateway.rest.dto.AddEventView;
import dev.engram.gateway.rest.dto.EventView;
import dev.engram.gateway.rest.dto.HistoryView;
import dev.engram.gateway.rest.dto.MemoryPage;
import dev.engram.gateway.rest.dto.MemoryResult;
import dev.engram.gateway.rest.dto.MemoryView;
import dev.engram.gateway.rest.dto.PageView;
import dev.engram.gateway.rest.dto.ProjectedMemory;
import dev.engram.core.feedback.MemoryFeedback;
import dev.engram.gateway.service.FeedbackCache;
import dev.engram.gateway.service.JsonLimits;
import dev.engram.gateway.service.WireValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Maps domain objects to their wire shapes (snake_case, ISO-8601 times with offset, Mem0 field names). */
@ApplicationScoped
public class WireMapper {

    private final ObjectMapper mapper;
    private final JsonLimits json;
    private final FeedbackCache feedback;

    WireMapper(ObjectMapper mapper, JsonLimits json, FeedbackCache feedback) {
        this.mapper = mapper;
        this.json = json;
        this.feedback = feedback;
    }

    public MemoryView memory(MemoryRecord m) {
        return memory(m, null);
    }

    public MemoryView memory(SearchHit h) {
        return memory(h.memory(), Math.round(h.score() * 1e6) / 1e6);
    }

    /** The memory's wire shape, with its current feedback from the {@link FeedbackCache} (no database read of its own). */
    private MemoryView memory(MemoryRecord m, Double score) {
        var s = m.scope();
        MemoryFeedback f = feedback.of(m.tenant()).of(m.id());
        return new MemoryView(m.id().toString(), m.text(), m.hash(), s.userId(), s.agentId(), s.appId(), s.runId(), s.runId(), m.actor(),
                m.role(), m.metadata(), m.categories(), WireValues.format(m.createdAt()), WireValues.format(m.updatedAt()),
                WireValues.format(m.expirationDate()), m.immutable(), score, m.state().name(),
                m.replacedBy() == null ? null : m.replacedBy().toString(), WireValues.format(m.eventTime()),
                m.sources().stream().map(WireMapper::source).toList(), f == null ? null : f.value().name(), f == null ? null : f.reason());
    }

    private static MemoryView.SourceView source(Source s) {
        return new MemoryView.SourceView(s.eventId(), s.messageIndex(), s.messageId(), s.speaker(), s.role(), WireValues.format(s.timestamp()));
    }

    /** The memory views, reduced to {@code fields} (plus {@code id}) when the client asked for some. */
    public List<MemoryResult> project(List<MemoryView> views, List<String> fields) {
        if (fields == null || fields.isEmpty()) return List.copyOf(views);
        Set<String> keep = new HashSet<>(fields);
        keep.add("id");
        List<MemoryResult> out = new ArrayList<>(views.size());
        for (MemoryView v : views) {
            ObjectNode n = mapper.valueToTree(v);
            n.retain(keep);
            out.add(new ProjectedMemory(n));
        }
        return out;
    }

    /** The memory page envelope, each memory reduced to {@code fields} when the client asked for some. */
    public MemoryPage memoryPage(Page<MemoryRecord> page, List<String> fields, UriInfo uri) {
        PageView<MemoryView> view = page(page, this::memory, uri);
        return new MemoryPage(view.count(), view.next(), view.previous(), project(view.results(), fields));
    }

    public HistoryView history(MemoryRecord m, HistoryEntry h) {
        var s = m.scope();
        List<Map<String, String>> input = h.newText() == null ? List.of() : List.of(Map.of("role", h.role() == null ? "user" : h.role(), "content", h.newText()));
        return new HistoryView(h.id().toString(), h.memoryId().toString(), input, h.oldText(), h.newText(), s.userId(), s.agentId(), s.appId(),
                s.runId(), s.runId(), m.categories(), h.event().name(), m.metadata(), WireValues.format(h.at()), WireValues.format(h.at()),
                h.actor(), h.role(), h.relatedMemoryId() == null ? null : h.relatedMemoryId().toString(), h.eventId(), h.reason());
    }

    /** One add result item: {@code {id, memory, event, data:{memory}}}; covers the v1.0 and v1.1 shapes at once. */
    public AddEventView addResult(MemoryEvent e) {
        return new AddEventView(e.memoryId().toString(), e.text(), e.type().name(), new AddEventView.Data(e.text() == null ? "" : e.text()),
                e.previousText(), e.related() == null ? null : e.related().toString());
    }

    public EventView event(EventRecord e) {
        JsonNode payload = json.parse(e.payload());
        Map<String, Long> usage = Map.of("input_tokens", e.usage().inputTokens(), "output_tokens", e.usage().outputTokens());
        return new EventView(e.id(), e.type(), e.status().name(), payload, Map.of(), e.results().stream().map(this::addResult).toList(),
                WireValues.format(e.createdAt()), WireValues.format(e.updatedAt()), WireValues.format(e.startedAt()),
                WireValues.format(e.completedAt()), e.latencyMillis(), null, e.error(), e.attempts(), usage);
    }

    /** The envelope {@code {count, next, previous, results}} with absolute page URLs. */
    public <T, V> PageView<V> page(Page<T> page, Function<T, V> map, UriInfo uri) {
        String next = page.hasNext() ? pageUrl(uri, page.page() + 1, page.pageSize()) : null;
        String previous = page.page() > 1 ? pageUrl(uri, page.page() - 1, page.pageSize()) : null;
        return new PageView<>(page.total(), next, previous, page.items().stream().map(map).toList());
    }

    public static String pageUrl(UriInfo uri, int page, int pageSize) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", page).replaceQueryParam("page_size", pageSize).build().toString();
    }
}
