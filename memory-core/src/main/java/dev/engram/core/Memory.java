package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.filter.Filters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Engram embedded in any Java program: zero configuration, offline.
 *
 * <pre>{@code
 * try (Memory memory = Memory.create()) {
 *     memory.add("用户偏好使用React和TypeScript开发", Scope.user("developer_001"));
 *     var hits = memory.search("前端开发", Scope.user("developer_001"));
 * }
 * }</pre>
 *
 * {@link #create()} keeps memories under {@code $ENGRAM_DATA_DIR} (default {@code ~/.engram/data}); {@link #inMemory()}
 * keeps nothing; {@link #builder()} configures the data directory, an LLM, the embedding model or other backends.
 * Thread-safe. Close it to release the index and the store.
 */
public final class Memory implements AutoCloseable {

    private final MemoryEngine engine;

    Memory(MemoryEngine engine) {
        this.engine = engine;
    }

    /** A persistent memory in the default data directory. */
    public static Memory create() {
        return builder().build();
    }

    /** A memory that lives in this process only. */
    public static Memory inMemory() {
        return builder().inMemory().build();
    }

    /** A persistent memory in {@code dataDir}. */
    public static Memory open(Path dataDir) {
        return builder().dataDir(dataDir).build();
    }

    public static MemoryBuilder builder() {
        return new MemoryBuilder();
    }

    /** Extracts and stores what is worth remembering in {@code text}, said by the scope's user. */
    public AddResult add(String text, Scope scope) {
        return engine.add(AddRequest.of(scope, text));
    }

    public AddResult add(List<Message> messages, Scope scope) {
        return engine.add(AddRequest.of(scope, messages));
    }

    public AddResult add(AddRequest request) {
        return engine.add(request);
    }

    /** The ten most relevant active memories of the scope. */
    public List<SearchHit> search(String query, Scope scope) {
        return engine.search(SearchRequest.of(scope.tenant(), query, Filters.forScope(scope))).hits();
    }

    public SearchResult search(SearchRequest request) {
        return engine.search(request);
    }

    public Optional<MemoryRecord> get(UUID id) {
        return engine.get(Tenant.DEFAULT, id);
    }

    public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
        return engine.get(tenant, id);
    }

    /** Every active memory of the scope, newest first. */
    public List<MemoryRecord> getAll(Scope scope) {
        ListRequest request = ListRequest.of(scope.tenant(), Filters.forScope(scope));
        return Page.collect(page -> engine.list(request.page(page, engine.limits().maxPageSize())), Integer.MAX_VALUE);
    }

    public Page<MemoryRecord> list(ListRequest request) {
        return engine.list(request);
    }

    public MemoryRecord update(UUID id, String text) {
        return engine.update(UpdateRequest.text(Tenant.DEFAULT, id, text));
    }

    public MemoryRecord update(UpdateRequest request) {
        return engine.update(request);
    }

    public void delete(UUID id) {
        engine.delete(Tenant.DEFAULT, id);
    }

    public void delete(Tenant tenant, UUID id) {
        engine.delete(tenant, id);
    }

    /** Deletes every memory of the scope; returns how many. */
    public int deleteAll(Scope scope) {
        return engine.deleteAll(scope.tenant(), Filters.forScope(scope));
    }

    public int deleteAll(Tenant tenant, Filter filter) {
        return engine.deleteAll(tenant, filter);
    }

    public List<HistoryEntry> history(UUID id) {
        return engine.history(Tenant.DEFAULT, id);
    }

    public List<HistoryEntry> history(Tenant tenant, UUID id) {
        return engine.history(tenant, id);
    }

    /** Forgets everything of the default tenant. */
    public void reset() {
        engine.reset(Tenant.DEFAULT);
    }

    public void reset(Tenant tenant) {
        engine.reset(tenant);
    }

    /** Rebuilds the tenant's index from the store; returns the number of memories indexed. */
    public int reindex(Tenant tenant) {
        return engine.reindex(tenant);
    }

    /** The engine behind this facade, for hosts (the platform) that need all of it. */
    public MemoryEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
