package dev.engram.core.engine;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.CleanText;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.Fact;
import dev.engram.core.filter.Filters;
import dev.engram.core.reconcile.Candidate;
import dev.engram.core.reconcile.ContentTokens;
import dev.engram.core.reconcile.Decision;
import dev.engram.core.reconcile.FactCandidates;
import dev.engram.core.reconcile.Reconciliation;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The add path: validate, extract facts (or take messages verbatim), embed, find similar memories in the scope,
 * reconcile, then write the store (system of record) and the index, with a history entry for every decision.
 */
final class AddPipeline {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system");

    private final Embedder embedder;
    private final VectorIndex index;
    private final MemoryStore store;
    private final AtomicWriter writer;
    private final GroupCommitWriter groupWriter;
    private final ModelProfiles profiles;
    private final EngineSettings settings;
    private final Clock clock;
    private final ZoneId zone;
    private final ScopeLocks locks = new ScopeLocks(256);

    AddPipeline(Embedder embedder, VectorIndex index, MemoryStore store, AtomicWriter writer, ModelProfiles profiles,
                EngineSettings settings, Clock clock, ZoneId zone) {
        this.embedder = embedder;
        this.index = index;
        this.store = store;
        this.writer = writer;
        this.groupWriter = new GroupCommitWriter(writer);
        this.profiles = profiles;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    AddResult add(AddRequest request) {
        validate(request);
        String eventId = request.eventId() != null ? request.eventId() : UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant said = request.timestamp() != null ? request.timestamp() : now;
        List<Message> messages = new ArrayList<>(request.messages().size());
        for (Message m : request.messages()) messages.add(m.timestamp() == null ? m.at(said) : m);

        if (!request.infer()) return addVerbatim(request, eventId, messages, now, said);

        ReentrantLock lock = locks.lockFor(request.scope());
        lock.lock();
        try {
            Extractor ex = profiles.extractor(request);
            Extraction extraction = ex.extract(new ExtractionRequest(messages, request.scope(), said, zone, request.customInstructions(),
                    request.categories() != null ? request.categories() : DefaultCategories.ALL));
            List<Fact> facts = cleaned(extraction);
            List<MemoryRecord> evidence = evidence(request, eventId, messages, said, now);
            // One embedder call for the facts and the evidence heads; evidence that a fact stands for takes its vector, and
            // (when set) an assistant message takes the vector of the user message it answers.
            RetrievalSettings retrieval = settings.retrieval();
            Map<Integer, Integer> factOfMessage = new HashMap<>();
            if (retrieval.evidenceFromFacts()) {
                for (int i = 0; i < facts.size(); i++) for (int m : facts.get(i).messageIndexes()) factOfMessage.putIfAbsent(m, i);
            }
            List<String> texts = new ArrayList<>(facts.size() + evidence.size());
            for (Fact f : facts) texts.add(f.text());
            int[] vectorOf = new int[evidence.size()];
            int lastUser = -1;
            for (int i = 0; i < evidence.size(); i++) {
                MemoryRecord e = evidence.get(i);
                Integer fact = factOfMessage.get(e.sources().get(0).messageIndex());
                boolean assistant = "assistant".equals(e.role());
                if (!assistant) lastUser = i;
                if (fact != null) {
                    vectorOf[i] = fact;
                } else if (assistant && retrieval.assistantFromUser() && lastUser >= 0) {
                    vectorOf[i] = vectorOf[lastUser];
                } else {
                    vectorOf[i] = texts.size();
                    texts.add(Evidence.embeddedText(e.text(), retrieval.embedChars(e.role())));
                }
            }
            List<float[]> all = embedder.embedAll(texts);
            List<float[]> vectors = new ArrayList<>(all.subList(0, facts.size()));
            Batch batch = new Batch(request, eventId, messages, now, said);
            for (int i = 0; i < evidence.size(); i++) batch.put(evidence.get(i), all.get(vectorOf[i]));
            dedupeWithinBatch(facts, vectors, batch);
            List<FactCandidates> withCandidates = candidates(request.scope(), facts, vectors);
            Reconciliation rec = profiles.reconciler(request).reconcile(withCandidates);
            Map<String, float[]> vectorByText = new HashMap<>();
            for (int i = 0; i < facts.size(); i++) vectorByText.put(facts.get(i).text(), vectors.get(i));
            for (Decision d : rec.decisions()) apply(d, batch, vectorByText, withCandidates);
            batch.usage = extraction.usage().plus(rec.usage());
            commit(request.scope().tenant(), batch);
            return new AddResult(eventId, batch.events, batch.usage, extraction.extractor());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every message but the system's becomes a new memory, embedded in one call; the write joins concurrent verbatim
     * adds' in one transaction and one refresh ({@link GroupCommitWriter}). No scope lock: nothing is read or
     * reconciled, so a concurrent add of the same scope cannot change what this one writes.
     */
    private AddResult addVerbatim(AddRequest request, String eventId, List<Message> messages, Instant now, Instant said) {
        Extraction extraction = verbatim(messages);
        List<Fact> facts = cleaned(extraction);
        List<float[]> vectors = embedder.embedAll(facts.stream().map(Fact::text).toList());
        Batch batch = new Batch(request, eventId, messages, now, said);
        for (int i = 0; i < facts.size(); i++) batch.addNew(facts.get(i), vectors.get(i), "stored verbatim (infer off)", true);
        batch.usage = extraction.usage();
        if (!batch.records.isEmpty()) {
            List<IndexEntry> entries = new ArrayList<>();
            for (var e : batch.vectors.entrySet()) entries.add(new IndexEntry(batch.records.get(e.getKey()), e.getValue()));
            groupWriter.write(new GroupCommitWriter.Write(request.scope().tenant(), new ArrayList<>(batch.records.values()),
                    batch.historyEntries, entries));
        }
        return new AddResult(eventId, batch.events, batch.usage, "verbatim");
    }

    /** The extraction's facts with visible text, cleaned and cut to the longest memory. */
    private List<Fact> cleaned(Extraction extraction) {
        List<Fact> facts = new ArrayList<>();
        for (Fact f : extraction.facts()) {
            if (CleanText.isBlank(f.text())) continue; // an extractor's blank fact is no memory (and no embedder input)
            String text = CleanText.clean(f.text()).strip();
            if (text.length() > settings.maxMemoryChars()) text = text.substring(0, settings.maxMemoryChars());
            facts.add(f.withText(text));
        }
        return facts;
    }

    private void validate(AddRequest r) {
        if (r.scope() == null) throw new ValidationException("A scope (user_id, agent_id, run_id or app_id) is required");
        if (r.messages().isEmpty()) throw new ValidationException("messages must not be empty");
        if (r.messages().size() > settings.maxMessagesPerAdd()) {
            throw new TooLargeException("An add takes at most " + settings.maxMessagesPerAdd() + " messages");
        }
        for (int i = 0; i < r.messages().size(); i++) {
            Message m = r.messages().get(i);
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw new ValidationException("messages[" + i + "].role must be one of user, assistant, system");
            }
            if (m.content() == null) throw new ValidationException("messages[" + i + "].content is required");
            if (m.content().length() > settings.maxMessageChars()) {
                throw new TooLargeException("messages[" + i + "].content exceeds " + settings.maxMessageChars() + " characters");
            }
        }
        if (r.messages().stream().allMatch(m -> CleanText.isBlank(m.content()))) {
            throw new ValidationException((r.messages().size() == 1 ? "messages[0].content" : "every messages[].content")
                    + " is empty once invisible characters are removed: give some text to remember");
        }
    }

    /** The add's user and assistant messages as evidence records, when the engine keeps evidence. */
    private List<MemoryRecord> evidence(AddRequest request, String eventId, List<Message> messages, Instant said, Instant now) {
        if (!settings.retrieval().keepEvidence()) return List.of();
        List<MemoryRecord> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!Evidence.worthKeeping(m)) continue;
            out.add(Evidence.record(request.scope(), eventId, i, m, settings.maxMemoryChars(), m.metadataOver(request.metadata()),
                    request.expirationDate(), said, now));
        }
        return out;
    }

    private Extraction verbatim(List<Message> messages) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role().equals("system") || CleanText.isBlank(m.content())) continue;
            facts.add(new Fact(m.content(), List.of(i), m.name() != null ? m.name() : m.role(), m.role(), null, null, List.of()));
        }
        return new Extraction(facts, TokenUsage.NONE, "verbatim");
    }

    /** Two facts of one add that say the same thing become one (the later one's sources join the first). */
    private void dedupeWithinBatch(List<Fact> facts, List<float[]> vectors, Batch batch) {
        for (int i = facts.size() - 1; i > 0; i--) {
            for (int j = 0; j < i; j++) {
                boolean same = ContentTokens.normalized(facts.get(i).text()).equals(ContentTokens.normalized(facts.get(j).text()))
                        || Embedder.cosine(vectors.get(i), vectors.get(j)) >= settings.duplicateSimilarity();
                if (same) {
                    Fact keep = facts.get(j);
                    List<Integer> idx = new ArrayList<>(keep.messageIndexes());
                    for (int k : facts.get(i).messageIndexes()) if (!idx.contains(k)) idx.add(k);
                    facts.set(j, new Fact(keep.text(), idx, keep.speaker(), keep.role(), keep.eventTime(), keep.slot(), keep.categories()));
                    facts.remove(i);
                    vectors.remove(i);
                    break;
                }
            }
        }
    }

    /**
     * For each fact, the most similar active memories of the same scope, plus any active memory holding the fact's slot:
     * every lookup in one index call (the facts share the scope's filter) and one store read.
     */
    private List<FactCandidates> candidates(Scope scope, List<Fact> facts, List<float[]> vectors) {
        if (facts.isEmpty()) return List.of();
        Tenant tenant = scope.tenant();
        Filter active = Filter.and(Filters.forScope(scope), Filters.lifecycle(false));
        List<IndexQuery> queries = new ArrayList<>();
        int[] slotQuery = new int[facts.size()];
        for (int i = 0; i < facts.size(); i++) queries.add(new IndexQuery(vectors.get(i), facts.get(i).text(), active, settings.candidatesPerFact(), false));
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            slotQuery[i] = -1;
            if (fact.slot() == null) continue;
            slotQuery[i] = queries.size();
            queries.add(new IndexQuery(vectors.get(i), null, Filter.and(active, Filter.eq(Field.SLOT, fact.slot())), 4, false));
        }
        List<List<IndexHit>> results = index.searchEach(tenant, queries);
        List<Map<UUID, Double>> similarities = new ArrayList<>(facts.size());
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < facts.size(); i++) {
            Map<UUID, Double> similarity = new LinkedHashMap<>();
            for (IndexHit h : results.get(i)) similarity.put(h.id(), h.semantic());
            if (slotQuery[i] >= 0) {
                for (IndexHit h : results.get(slotQuery[i])) similarity.putIfAbsent(h.id(), h.semantic());
            }
            similarities.add(similarity);
            ids.addAll(similarity.keySet());
        }
        Map<UUID, MemoryRecord> records = store.getAll(tenant, ids);
        List<FactCandidates> out = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            List<Candidate> candidates = new ArrayList<>();
            for (var e : similarities.get(i).entrySet()) {
                MemoryRecord r = records.get(e.getKey());
                if (r != null && r.state() == MemoryState.ACTIVE) candidates.add(new Candidate(r, e.getValue()));
            }
            out.add(new FactCandidates(facts.get(i), candidates));
        }
        return out;
    }

    private void apply(Decision d, Batch batch, Map<String, float[]> vectors, List<FactCandidates> context) {
        switch (d) {
            case Decision.Add add -> batch.addNew(add.fact(), vectorFor(add.fact().text(), vectors), add.reason(), true);
            case Decision.Update up -> {
                MemoryRecord old = batch.current(up.target(), context);
                if (old == null) {
                    batch.addNew(up.fact(), vectorFor(up.fact().text(), vectors), "update target vanished: " + up.reason(), true);
                    return;
                }
                MemoryRecord updated = old.withText(up.newText(), batch.now).withMoreSources(batch.sources(up.fact()));
                if (up.fact().eventTime() != null && old.eventTime() == null) updated = updated.withEventTime(up.fact().eventTime());
                batch.put(updated, vectorFor(up.newText(), vectors));
                batch.history(updated.id(), HistoryEvent.UPDATE, old.text(), updated.text(), up.fact(), null, up.reason());
                batch.events.add(new MemoryEvent(updated.id(), updated.text(), MemoryEvent.Type.UPDATE, old.text(), null, up.reason()));
            }
            case Decision.Supersede sup -> {
                MemoryRecord old = batch.current(sup.target(), context);
                MemoryRecord added = batch.addNew(sup.fact(), vectorFor(sup.fact().text(), vectors), sup.reason(), old == null);
                if (old == null) return;
                MemoryRecord superseded = old.withState(MemoryState.SUPERSEDED, added.id(), batch.now);
                batch.put(superseded, vectorFor(old.text(), vectors));
                batch.history(old.id(), HistoryEvent.SUPERSEDE, old.text(), added.text(), sup.fact(), added.id(), sup.reason());
                batch.retireEvidenceOf(old, added.id());
                batch.events.add(new MemoryEvent(added.id(), added.text(), MemoryEvent.Type.SUPERSEDE, old.text(), old.id(), sup.reason()));
            }
            case Decision.Delete del -> {
                MemoryRecord old = batch.current(del.target(), context);
                if (old == null) return;
                batch.put(old.withState(MemoryState.DELETED, null, batch.now), null);
                batch.deleted.add(old.id());
                batch.history(old.id(), HistoryEvent.DELETE, old.text(), null, null, null, del.reason());
                batch.events.add(new MemoryEvent(old.id(), old.text(), MemoryEvent.Type.DELETE, null, null, del.reason()));
            }
            case Decision.None none -> {
                MemoryRecord old = batch.current(none.target(), context);
                if (old == null) return;
                // Provenance only: the text and every indexed field stay as they are, so the index is not touched.
                batch.putStoreOnly(old.withMoreSources(batch.sources(none.fact())));
                batch.history(old.id(), HistoryEvent.NONE, old.text(), none.fact().text(), none.fact(), null, none.reason());
                batch.events.add(new MemoryEvent(old.id(), old.text(), MemoryEvent.Type.NONE, null, null, none.reason()));
            }
        }
    }

    private float[] vectorFor(String text, Map<String, float[]> vectors) {
        return vectors.computeIfAbsent(text, embedder::embed);
    }

    private void commit(Tenant tenant, Batch batch) {
        if (batch.records.isEmpty() && batch.historyEntries.isEmpty()) return;
        List<IndexEntry> entries = new ArrayList<>();
        for (var e : batch.vectors.entrySet()) entries.add(new IndexEntry(batch.records.get(e.getKey()), e.getValue()));
        writer.write(tenant, new ArrayList<>(batch.records.values()), batch.historyEntries, entries, batch.deleted);
    }

    /** Everything one add writes, accumulated before a single store transaction and index write. */
    private final class Batch {
        final AddRequest request;
        final String eventId;
        final List<Message> messages;
        final Instant now;
        final Instant said;
        final Map<UUID, MemoryRecord> records = new LinkedHashMap<>();
        final Map<UUID, float[]> vectors = new LinkedHashMap<>();
        final List<UUID> deleted = new ArrayList<>();
        final List<HistoryEntry> historyEntries = new ArrayList<>();
        final List<MemoryEvent> events = new ArrayList<>();
        final Map<String, MemoryRecord> newBySlot = new HashMap<>();
        TokenUsage usage = TokenUsage.NONE;

        Batch(AddRequest request, String eventId, List<Message> messages, Instant now, Instant said) {
            this.request = request;
            this.eventId = eventId;
            this.messages = messages;
            this.now = now;
            this.said = said;
        }

        /** Stores the fact as a new memory; {@code reportAdd} false when the caller reports the decision (a supersede). */
        MemoryRecord addNew(Fact fact, float[] vector, String reason, boolean reportAdd) {
            Scope scope = request.scope();
            MemoryRecord r = new MemoryRecord(UUID.randomUUID(), scope, fact.text(), null, fact.speaker(), fact.role(),
                    metadata(fact), fact.categories(), said, now, fact.eventTime(), request.expirationDate(), request.immutable(),
                    MemoryState.ACTIVE, null, sources(fact), fact.slot());
            put(r, vector);
            history(r.id(), HistoryEvent.ADD, null, r.text(), fact, null, reason);
            if (reportAdd) events.add(new MemoryEvent(r.id(), r.text(), MemoryEvent.Type.ADD, null, null, reason));
            if (fact.slot() != null) {
                // Two values of one single-valued attribute in the same add ("lived in Paris, now Berlin"): the later wins.
                MemoryRecord earlier = newBySlot.put(fact.slot(), r);
                if (earlier != null && records.get(earlier.id()).state() == MemoryState.ACTIVE) {
                    MemoryRecord superseded = records.get(earlier.id()).withState(MemoryState.SUPERSEDED, r.id(), now);
                    put(superseded, vectors.get(earlier.id()));
                    history(earlier.id(), HistoryEvent.SUPERSEDE, earlier.text(), r.text(), fact, r.id(), "contradicted later in the same add");
                    events.add(new MemoryEvent(r.id(), r.text(), MemoryEvent.Type.SUPERSEDE, earlier.text(), earlier.id(),
                            "contradicted later in the same add"));
                }
            }
            return r;
        }

        void put(MemoryRecord r, float[] vector) {
            records.put(r.id(), r);
            if (vector != null) vectors.put(r.id(), vector);
        }

        void putStoreOnly(MemoryRecord r) {
            records.put(r.id(), r);
        }

        /**
         * The messages a superseded fact came from now speak of an old value: their evidence points to the newer memory,
         * and search leaves it out unless superseded memories are asked for.
         */
        void retireEvidenceOf(MemoryRecord old, UUID newer) {
            // Messages of this add say the newer value: only earlier messages are retired.
            List<UUID> unseen = old.sources().stream().filter(src -> !eventId.equals(src.eventId()))
                    .map(src -> Evidence.id(old.scope(), src)).toList();
            for (MemoryRecord e : store.getAll(old.tenant(), unseen).values()) {
                if (e.state() == MemoryState.EVIDENCE) records.put(e.id(), e.withState(MemoryState.EVIDENCE, newer, now));
            }
        }

        /** The latest state of a memory in this batch, else as loaded with the candidates. */
        MemoryRecord current(UUID id, List<FactCandidates> context) {
            MemoryRecord r = records.get(id);
            if (r != null) return r.state() == MemoryState.ACTIVE ? r : null;
            for (FactCandidates fc : context) for (Candidate c : fc.candidates()) if (c.memory().id().equals(id)) return c.memory();
            return null;
        }

        /** The add's metadata, with the own metadata of the fact's first message over it (a document passage's provenance). */
        Map<String, Object> metadata(Fact fact) {
            for (int i : fact.messageIndexes()) {
                if (i >= 0 && i < messages.size()) return messages.get(i).metadataOver(request.metadata());
            }
            return request.metadata();
        }

        List<Source> sources(Fact fact) {
            List<Source> out = new ArrayList<>();
            for (int i : fact.messageIndexes()) {
                if (i < 0 || i >= messages.size()) continue;
                Message m = messages.get(i);
                out.add(new Source(eventId, i, m.id(), m.name() != null ? m.name() : m.role(), m.role(), m.timestamp()));
            }
            return out;
        }

        void history(UUID memoryId, HistoryEvent event, String oldText, String newText, Fact fact, UUID related, String reason) {
            historyEntries.add(new HistoryEntry(UUID.randomUUID(), memoryId, event, oldText, newText,
                    fact == null ? null : fact.speaker(), fact == null ? null : fact.role(), now, related, eventId, reason));
        }
    }
}
