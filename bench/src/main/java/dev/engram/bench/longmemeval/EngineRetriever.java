package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.EngineVariants.EngineVariant;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Turn;
import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import dev.engram.core.store.memory.InMemoryMemoryStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine as a {@link Retriever}: each session of the haystack is one add (event id = session id, every message
 * with its id {@code <session>#<turn>} and the session's date, the add stamped with that date), offline only; the
 * question is searched in the same user scope and each hit maps back to the message ids of its sources. A message
 * longer than the engine's per-message limit is cut to it (3 of the ~199k messages of LongMemEval_S are).
 */
final class EngineRetriever implements Retriever {

    private final EngineVariant variant;
    private final Embedder embedder;
    private final EngineSettings limits = EngineSettings.defaults();
    private final SharedIngests shared;

    EngineRetriever(EngineVariant variant, Embedder embedder, SharedIngests shared) {
        this.variant = variant;
        this.embedder = embedder;
        this.shared = shared;
    }

    @Override
    public String name() {
        return "engram:" + variant.name();
    }

    @Override
    public String description() {
        return "Engram, " + variant.description() + "; one add per session";
    }

    @Override
    public Index load(String questionId, List<Session> haystack) {
        Scope scope = Scope.user("lme-" + questionId);
        if (variant.base() != null) {
            SharedIngests.Ingest ingest = shared.of(variant.base(), questionId);
            return index(variant.memory(embedder, ingest.store(), ingest.index()), scope, variant.rerank(), () -> shared.release(variant.base()));
        }
        Memory memory;
        Runnable close;
        if (shared.shared(variant.name())) {
            MemoryStore store = new InMemoryMemoryStore();
            VectorIndex vectors = LuceneVectorIndex.inMemory(embedder.dimension());
            memory = variant.memory(embedder, store, vectors);
            shared.opened(variant.name(), new SharedIngests.Ingest(questionId, store, vectors, memory, new int[1]));
            close = () -> shared.release(variant.name());
        } else {
            memory = variant.memory(embedder);
            close = memory::close;
        }
        try {
            for (Session s : haystack) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < s.turns().size(); i++) {
                    Turn t = s.turns().get(i);
                    String content = t.content().length() > limits.maxMessageChars() ? t.content().substring(0, limits.maxMessageChars()) : t.content();
                    messages.add(new Message(t.role(), content, null, s.messageId(i), s.date()));
                }
                for (int from = 0; from < messages.size(); from += limits.maxMessagesPerAdd()) {
                    List<Message> part = messages.subList(from, Math.min(messages.size(), from + limits.maxMessagesPerAdd()));
                    memory.add(AddRequest.of(scope, part).withEventId(s.id() + (from == 0 ? "" : "/" + from))
                            .withTimestamp(s.date()).withInfer(variant.infer()).withOfflineOnly(true));
                }
            }
        } catch (RuntimeException e) {
            close.run();
            throw e;
        }
        return index(memory, scope, variant.rerank(), close);
    }

    /** Searches {@code memory} in {@code scope} (with the second stage when {@code rerank}); closing the index runs {@code close}. */
    private static Index index(Memory memory, Scope scope, boolean rerank, Runnable close) {
        return new Index() {
            @Override
            public List<Retrieved> search(String query, Instant referenceTime, int k) {
                var request = SearchRequest.of(Tenant.DEFAULT, query, Filters.forScope(scope)).withTopK(k).withReferenceTime(referenceTime)
                        .withRerank(rerank);
                List<Retrieved> out = new ArrayList<>();
                for (SearchHit h : memory.search(request).hits()) {
                    List<String> ids = h.memory().sources().stream().map(Source::messageId).filter(Objects::nonNull).distinct().toList();
                    out.add(new Retrieved(h.memory().text(), ids));
                }
                return out;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
