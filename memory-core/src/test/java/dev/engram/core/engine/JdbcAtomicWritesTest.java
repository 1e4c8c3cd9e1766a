package dev.engram.core.engine;

import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.jdbc.JdbcMemoryStore;

import java.util.UUID;

/** All-or-nothing writes on the JDBC store (H2) with the Lucene index. */
class JdbcAtomicWritesTest extends AbstractAtomicWritesTest {

    @Override
    protected MemoryStore newStore() {
        return JdbcMemoryStore.h2InMemory("atomic-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
