package dev.engram.core.engine;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.CleanText;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.extract.Extractor;
import dev.engram.core.filter.FilterEvaluator;
import dev.engram.core.filter.Filters;
import dev.engram.core.reconcile.Reconciler;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The memory engine: adds (through {@link AddPipeline}), hybrid search, listing and the single-memory operations. It
 * is framework-free; the platform wires it with its own store and index, the embedded {@code Memory} with embedded ones.
 */
public final class MemoryEngine implements AutoCloseable {

    private final Embedder embedder;
    private final VectorIndex index;
    private final MemoryStore store;
    private final EngineSettings settings;
    private final Clock clock;
    private final ZoneId zone;
    private final AddPipeline adds;
    private final IndexRepair repairs;
    private final AtomicWriter writer;
    private final SearchRanker ranker;
    private final Timer addTimer;
    private final Timer searchTimer;
    private final Map<MemoryEvent.Type, Counter> eventCounters = new EnumMap<>(MemoryEvent.Type.class);

    public MemoryEngine(Embedder embedder, VectorIndex index, MemoryStore store, Extractor extractor, Reconciler reconciler,
                        EngineSettings settings, Clock clock, ZoneId zone, MeterRegistry registry) {
        this(embedder, index, store, ModelProfiles.of(extractor, reconciler), settings, clock, zone, registry);
    }

    /** @param profiles the extractor and reconciler of each add: the default pair, or its LLM profile's */
    public MemoryEngine(Embedder embedder, VectorIndex index, MemoryStore store, ModelProfiles profiles,
                        EngineSettings settings, Clock clock, ZoneId zone, MeterRegistry registry) {
        if (index.dimension() != embedder.dimension()) {
            throw new dev.engram.core.error.ConfigurationException("The vector index holds " + index.dimension()
                    + "-dimensional vectors but the embedding model '" + embedder.name() + "' produces " + embedder.dimension()
                    + ": configure the model the index was built with, or reindex into a new index");
        }
        this.embedder = embedder;
        this.index = index;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
        this.repairs = new IndexRepair(store, index, embedder, settings.retrieval());
        this.writer = new AtomicWriter(store, index, repairs);
        IndexRecovery.run(store, index, repairs);
        this.adds = new AddPipeline(embedder, index, store, writer, profiles, settings, clock, zone);
        this.ranker = new SearchRanker(index, store, settings.retrieval(), embedder);
        this.addTimer = Timer.builder("engram.memory.add").description("Time to process one add (extraction, reconciliation, writes)")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        this.searchTimer = Timer.builder("engram.memory.search").description("Time to answer one search, embedding included")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        for (MemoryEvent.Type t : MemoryEvent.Type.values()) {
            eventCounters.put(t, Counter.builder("engram.memory.events").tag("type", t.name()).description("Memory decisions").register(registry));
        }
    }

    public AddResult add(AddRequest request) {
        AddResult result = addTimer.record(() -> adds.add(request));
        for (MemoryEvent e : result.events()) eventCounters.get(e.type()).increment();
        return result;
    }

    /** How much one search or listing may ask for ({@link EngineSettings#limits()}). */
    public RequestLimits limits() {
        return settings.limits();
    }

    public SearchResult search(SearchRequest r) {
        return searchTimer.record(() -> doSearch(r));
    }

    private SearchResult doSearch(SearchRequest r) {
        String query = CleanText.required(r.query(), "query");
        if (query.length() > settings.maxQueryChars()) throw new TooLargeException("query exceeds " + settings.maxQueryChars() + " characters");
        settings.limits().checkTopK(r.topK());
        double threshold = r.threshold() != null ? r.threshold() : settings.defaultSearchThreshold();
        if (threshold < 0 || threshold > 1) throw new ValidationException("threshold must be between 0 and 1");
        if (r.maxTokens() != null && r.maxTokens() < 1) throw new ValidationException("max_tokens must be positive");

        float[] vector = embedder.embedQuery(query);
        QueryTime.Resolved time = QueryTime.resolve(query, r.referenceTime(), zone);
        Filter client = asOf(r.filter(), r.referenceTime());
        List<SearchRanker.Ranked> ranked = ranker.rank(r.tenant(), query, time, vector,
                readFilter(client, Filters.lifecycle(r.includeSuperseded()), r.showExpired()),
                readFilter(client, Filters.evidence(), r.showExpired()),
                r.hybrid(), r.includeSuperseded(), threshold, r.topK(), r.rerank());
        List<SearchHit> out = new ArrayList<>();
        int tokens = 0;
        for (SearchRanker.Ranked s : ranked) {
            int t = TokenEstimator.estimate(s.shown().text());
            if (r.maxTokens() != null && tokens + t > r.maxTokens()) break;
            tokens += t;
            out.add(new SearchHit(s.shown(), s.score(), s.semantic(), s.keyword()));
        }
        return new SearchResult(out, tokens);
    }

    /**
     * Search as of the reference time's day (in the engine's zone): nothing created after that day is returned. A day,
     * not the instant: Mem0's reference_date is a date, and conversations replayed with a question asked at 10:30 may
     * hold that day's later messages (LongMemEval_S does).
     */
    private Filter asOf(Filter client, Instant referenceTime) {
        if (referenceTime == null) return client;
        Instant nextDay = referenceTime.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        Filter notLater = new Filter.Compare(Field.CREATED_AT, Op.LT, nextDay);
        return client == null ? notLater : Filter.and(client, notLater);
    }

    /** The client's filter plus a state and the expiry conditions, evaluated inside the index. */
    private Filter readFilter(Filter client, Filter state, boolean showExpired) {
        List<Filter> parts = new ArrayList<>();
        parts.add(client == null ? Filter.ALL : client);
        parts.add(state);
        if (!showExpired) parts.add(Filters.notExpired(FilterEvaluator.startOfDay(LocalDate.now(clock.withZone(zone)))));
        return Filter.and(parts);
    }

    public Page<MemoryRecord> list(ListRequest r) {
        if (r.page() < 1) throw new ValidationException("page must be 1 or more");
        settings.limits().checkPageSize(r.pageSize());
        long offset = (long) (r.page() - 1) * r.pageSize();
        if (offset > Integer.MAX_VALUE) throw new ValidationException("page is out of range");
        Filter filter = readFilter(r.filter(), Filters.lifecycle(r.includeSuperseded()), r.showExpired());
        IndexPage page = index.list(r.tenant(), filter, (int) offset, r.pageSize());
        Map<UUID, MemoryRecord> records = store.getAll(r.tenant(), page.ids());
        List<MemoryRecord> items = new ArrayList<>();
        for (UUID id : page.ids()) {
            MemoryRecord m = records.get(id);
            if (m != null && m.state() != MemoryState.DELETED && m.state() != MemoryState.EVIDENCE) items.add(m);
        }
        return new Page<>(items, page.total(), r.page(), r.pageSize());
    }

    /** A memory that is active or superseded, or an evidence message a search returned; deleted ones are gone for readers. */
    public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
        return store.get(tenant, id).filter(m -> m.state() != MemoryState.DELETED);
    }

    public MemoryRecord update(UpdateRequest u) {
        return updateAll(List.of(u)).get(0);
    }

    /**
     * Applies every update or none: all are validated and embedded before the first write, then the store (one
     * transaction, history included) and the index are written as one operation. Later updates of the same memory apply
     * on top of earlier ones.
     */
    public List<MemoryRecord> updateAll(List<UpdateRequest> updates) {
        if (updates.isEmpty()) return List.of();
        Tenant tenant = updates.get(0).tenant();
        Instant now = clock.instant();
        Map<UUID, MemoryRecord> current = new LinkedHashMap<>();
        List<HistoryEntry> history = new ArrayList<>();
        List<MemoryRecord> results = new ArrayList<>();
        for (UpdateRequest u : updates) {
            if (!u.tenant().equals(tenant)) throw new IllegalArgumentException("One batch of updates belongs to one tenant");
            MemoryRecord old = current.containsKey(u.memoryId()) ? current.get(u.memoryId())
                    : get(tenant, u.memoryId()).orElseThrow(() -> new NotFoundException("Memory not found: " + u.memoryId()));
            MemoryRecord updated = prepareUpdate(old, u, now);
            current.put(updated.id(), updated);
            history.add(new HistoryEntry(UUID.randomUUID(), old.id(), HistoryEvent.UPDATE, old.text(), updated.text(), "api", null, now,
                    null, null, "updated by client"));
            results.add(updated);
        }
        List<MemoryRecord> records = new ArrayList<>(current.values());
        writer.write(tenant, records, history, repairs.entries(records), List.of());
        return results;
    }

    /** The memory as the update leaves it, checked in full; nothing is written. */
    private MemoryRecord prepareUpdate(MemoryRecord old, UpdateRequest u, Instant now) {
        if (old.state() == MemoryState.EVIDENCE) {
            throw new ConflictException("Memory " + old.id() + " is a message kept as evidence and cannot be updated; delete it instead");
        }
        if (old.immutable()) throw new ConflictException("Memory " + old.id() + " is immutable and cannot be updated");
        MemoryRecord updated = old;
        if (u.text() != null) {
            String text = CleanText.required(u.text(), "text");
            if (text.length() > settings.maxMemoryChars()) throw new TooLargeException("text exceeds " + settings.maxMemoryChars() + " characters");
            updated = updated.withText(text, now);
        }
        if (u.metadata() != null) {
            Map<String, Object> merged = new LinkedHashMap<>(old.metadata());
            for (var e : u.metadata().entrySet()) {
                if (e.getValue() == null) merged.remove(e.getKey());
                else merged.put(e.getKey(), e.getValue());
            }
            updated = updated.withMetadata(merged, now);
        }
        if (u.timestamp() != null) updated = updated.withCreatedAt(u.timestamp());
        if (u.clearExpiration()) updated = updated.withExpirationDate(null, now);
        else if (u.expirationDate() != null) updated = updated.withExpirationDate(u.expirationDate(), now);
        if (updated == old) throw new ValidationException("Nothing to update: give text, metadata, timestamp or expiration_date");
        return new MemoryRecord(updated.id(), updated.scope(), updated.text(), updated.hash(), updated.actor(), updated.role(),
                updated.metadata(), updated.categories(), updated.createdAt(), now, updated.eventTime(), updated.expirationDate(),
                updated.immutable(), updated.state(), updated.replacedBy(), updated.sources(), updated.slot());
    }

    public void delete(Tenant tenant, UUID id) {
        deleteAll(tenant, List.of(id));
    }

    /** Deletes every listed memory or none: a {@link NotFoundException} when one of them does not exist. */
    public List<MemoryRecord> deleteAll(Tenant tenant, Collection<UUID> ids) {
        Map<UUID, MemoryRecord> found = new LinkedHashMap<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            found.put(id, get(tenant, id).orElseThrow(() -> new NotFoundException("Memory not found: " + id)));
        }
        // What the client asks to forget is forgotten with the messages it came from.
        List<UUID> evidence = new ArrayList<>();
        for (MemoryRecord m : found.values()) for (var src : m.sources()) evidence.add(Evidence.id(m.scope(), src));
        for (MemoryRecord e : store.getAll(tenant, evidence).values()) {
            if (e.state() == MemoryState.EVIDENCE) found.putIfAbsent(e.id(), e);
        }
        List<MemoryRecord> deleted = new ArrayList<>(found.values());
        deleteRecords(tenant, deleted, "deleted by client");
        return deleted;
    }

    /**
     * Counts the tenant's index entries: one round trip to the index (Lucene on disk, Qdrant over the network) and no
     * store read, what readiness uses to tell that the index answers. Throws what the index throws when it cannot.
     */
    public long indexEntries(Tenant tenant) {
        return index.count(tenant, Filter.ALL);
    }

    /**
     * Deletes every memory (active or superseded) and evidence message matching the filter in one operation; returns how
     * many memories. Index entries without a record are dropped.
     */
    public int deleteAll(Tenant tenant, Filter filter) {
        return (int) deleteMatching(tenant, filter).stream().filter(m -> m.state() != MemoryState.EVIDENCE).count();
    }

    /** Deletes every live memory matching the filter, with their evidence; returns them as they were. */
    public List<MemoryRecord> deleteMatching(Tenant tenant, Filter filter) {
        Filter f = Filter.and(filter == null ? Filter.ALL : filter, Filters.anyLive());
        List<MemoryRecord> deleted = new ArrayList<>();
        while (true) {
            Set<UUID> ids = new LinkedHashSet<>();
            for (int offset = 0; ; offset += 500) {
                IndexPage page = index.list(tenant, f, offset, 500);
                ids.addAll(page.ids());
                if (page.ids().size() < 500) break;
            }
            if (ids.isEmpty()) return deleted;
            Map<UUID, MemoryRecord> records = store.getAll(tenant, ids);
            List<MemoryRecord> batch = new ArrayList<>();
            for (MemoryRecord m : records.values()) if (m.state() != MemoryState.DELETED) batch.add(m);
            List<UUID> orphans = ids.stream().filter(id -> !records.containsKey(id) || records.get(id).state() == MemoryState.DELETED).toList();
            if (!orphans.isEmpty()) index.delete(tenant, orphans); // index ahead of the store: nothing to keep
            if (batch.isEmpty()) continue;
            deleteRecords(tenant, batch, "deleted with its scope");
            deleted.addAll(batch);
        }
    }

    private void deleteRecords(Tenant tenant, List<MemoryRecord> records, String reason) {
        Instant now = clock.instant();
        List<MemoryRecord> tombstones = new ArrayList<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (MemoryRecord m : records) {
            tombstones.add(m.withState(MemoryState.DELETED, m.replacedBy(), now));
            if (m.state() == MemoryState.EVIDENCE) continue; // evidence has no history of its own
            history.add(new HistoryEntry(UUID.randomUUID(), m.id(), HistoryEvent.DELETE, m.text(), null, "api", null, now, null, null, reason));
        }
        writer.write(tenant, tombstones, history, List.of(), records.stream().map(MemoryRecord::id).toList());
    }

    /** Compares the tenant's store and index; with {@code repair}, rewrites the index entries that differ from the store. */
    public ConsistencyReport checkConsistency(Tenant tenant, boolean repair) {
        return repairs.check(tenant, repair);
    }

    public List<HistoryEntry> history(Tenant tenant, UUID id) {
        if (store.get(tenant, id).isEmpty()) throw new NotFoundException("Memory not found");
        return store.history(tenant, id);
    }

    /**
     * Restores memories verbatim (an import): the records as given (ids, text, scope, metadata, state, sources), their
     * history entries that the tenant does not hold yet, and their index entries, as one operation; nothing is
     * extracted or reconciled. Writing the same records again changes nothing more, so a repeated import adds no
     * duplicate. Records must belong to {@code tenant}; a history entry must belong to one of {@code records}.
     *
     * @return how many records were written
     */
    public int restore(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history) {
        if (records.isEmpty()) return 0;
        Set<UUID> ids = new LinkedHashSet<>();
        for (MemoryRecord m : records) {
            if (!m.tenant().equals(tenant)) throw new ValidationException("A restored memory belongs to another project: " + m.id());
            if (m.state() == MemoryState.DELETED || m.state() == MemoryState.EVIDENCE) {
                throw new ValidationException("Only active or superseded memories can be restored: " + m.id());
            }
            if (!ids.add(m.id())) throw new ValidationException("A memory appears twice in one batch: " + m.id());
        }
        Set<UUID> known = new java.util.HashSet<>();
        for (UUID id : store.getAll(tenant, ids).keySet()) for (HistoryEntry h : store.history(tenant, id)) known.add(h.id());
        List<HistoryEntry> fresh = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!ids.contains(h.memoryId())) throw new ValidationException("A history entry names a memory not in its batch: " + h.memoryId());
            if (known.add(h.id())) fresh.add(h);
        }
        writer.write(tenant, records, fresh, repairs.entries(records), List.of());
        return records.size();
    }

    /** Removes every memory and history entry of the tenant, for good. */
    public void reset(Tenant tenant) {
        index.deleteTenant(tenant);
        store.deleteTenant(tenant);
    }

    /**
     * Rebuilds the tenant's index entries from the store (after an index loss or a model change); returns the count of
     * memories (evidence messages are reindexed too, not counted).
     */
    public int reindex(Tenant tenant) {
        index.deleteTenant(tenant);
        List<MemoryRecord> pending = new ArrayList<>();
        int[] count = {0};
        store.scan(tenant, m -> {
            if (m.state() == MemoryState.DELETED) return;
            pending.add(m);
            if (pending.size() == 256) {
                count[0] += writeIndex(tenant, pending);
                pending.clear();
            }
        });
        count[0] += writeIndex(tenant, pending);
        return count[0];
    }

    private int writeIndex(Tenant tenant, List<MemoryRecord> records) {
        if (records.isEmpty()) return 0;
        index.upsert(tenant, repairs.entries(records));
        return (int) records.stream().filter(m -> m.state() != MemoryState.EVIDENCE).count();
    }

    public Embedder embedder() {
        return embedder;
    }

    MemoryStore store() {
        return store;
    }

    VectorIndex index() {
        return index;
    }

    @Override
    public void close() {
        try {
            index.close();
        } finally {
            store.close();
        }
    }
}
