package dev.engram.core.engine;

import dev.engram.core.domain.Scope;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises adds of the same scope inside one process, so two concurrent adds of one fact cannot both decide ADD.
 * Striped: a fixed set of locks chosen by the scope's hash (distinct scopes rarely wait on each other). Across
 * processes the platform keeps one scope's events in order by partitioning its queue by scope.
 */
final class ScopeLocks {

    private final ReentrantLock[] stripes;

    ScopeLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) stripes[i] = new ReentrantLock();
    }

    ReentrantLock lockFor(Scope scope) {
        int h = scope.hashCode();
        h ^= (h >>> 16);
        return stripes[Math.floorMod(h, stripes.length)];
    }
}
