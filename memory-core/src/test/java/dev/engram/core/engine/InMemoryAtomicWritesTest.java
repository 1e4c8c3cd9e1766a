package dev.engram.core.engine;

import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.memory.InMemoryMemoryStore;

/** All-or-nothing writes on the in-memory store with the Lucene index. */
class InMemoryAtomicWritesTest extends AbstractAtomicWritesTest {

    @Override
    protected MemoryStore newStore() {
        return new InMemoryMemoryStore();
    }
}
