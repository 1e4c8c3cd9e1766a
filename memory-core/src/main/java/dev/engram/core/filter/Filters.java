package dev.engram.core.filter;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Filters the engine builds itself: a scope as a filter, and the lifecycle conditions added to every read. */
public final class Filters {

    private Filters() {
    }

    /** Every entity id the scope sets must match (AND), as Mem0 does for top-level ids. The tenant is not a filter. */
    public static Filter forScope(Scope scope) {
        List<Filter> clauses = new ArrayList<>();
        if (scope.userId() != null) clauses.add(Filter.eq(Field.USER_ID, scope.userId()));
        if (scope.agentId() != null) clauses.add(Filter.eq(Field.AGENT_ID, scope.agentId()));
        if (scope.runId() != null) clauses.add(Filter.eq(Field.RUN_ID, scope.runId()));
        if (scope.appId() != null) clauses.add(Filter.eq(Field.APP_ID, scope.appId()));
        return Filter.and(clauses);
    }

    /** Active memories only, or active and superseded ones. Deleted memories are never returned. */
    public static Filter lifecycle(boolean includeSuperseded) {
        return includeSuperseded
                ? Filter.in(Field.STATE, List.of(MemoryState.ACTIVE.name(), MemoryState.SUPERSEDED.name()))
                : Filter.eq(Field.STATE, MemoryState.ACTIVE.name());
    }

    /** Evidence records (messages kept verbatim beside the facts drawn from them). */
    public static Filter evidence() {
        return Filter.eq(Field.STATE, MemoryState.EVIDENCE.name());
    }

    /** Everything not deleted: memories (active, superseded) and evidence. */
    public static Filter anyLive() {
        return Filter.in(Field.STATE, List.of(MemoryState.ACTIVE.name(), MemoryState.SUPERSEDED.name(), MemoryState.EVIDENCE.name()));
    }

    /** Not expired at {@code startOfToday}: no expiration date, or one on or after today. */
    public static Filter notExpired(Instant startOfToday) {
        return Filter.or(
                Filter.not(new Filter.Compare(Field.EXPIRATION_DATE, Op.EXISTS, null)),
                new Filter.Compare(Field.EXPIRATION_DATE, Op.GTE, startOfToday));
    }

    /**
     * True when the filter positively names at least one entity (eq, in or the wildcard on user, agent, app or run id)
     * on every path: Mem0 requires searches and listings to be scoped.
     */
    public static boolean hasEntityScope(Filter f) {
        return switch (f) {
            case Filter.Compare c -> c.field().isEntityId() && (c.op() == Op.EQ || c.op() == Op.IN || c.op() == Op.EXISTS);
            case Filter.And a -> a.clauses().stream().anyMatch(Filters::hasEntityScope);
            case Filter.Or o -> !o.clauses().isEmpty() && o.clauses().stream().allMatch(Filters::hasEntityScope);
            case Filter.Not n -> false;
            case Filter.All all -> false;
        };
    }
}
