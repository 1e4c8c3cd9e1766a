package dev.engram.core.store.jdbc;

import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.AbstractEventStoreContractTest;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.ingest.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcEventStoreTest extends AbstractEventStoreContractTest {

    @TempDir
    Path dir;

    private JdbcMemoryStore memories;

    @Override
    protected EventStore createStore() {
        memories = JdbcMemoryStore.h2InMemory("events_" + UUID.randomUUID().toString().replace("-", ""));
        return new JdbcEventStore(memories.database());
    }

    @Override
    protected void closeStore(EventStore store) {
        memories.close();
    }

    @Test
    void keepsEventsInTheMemoryStoresDatabaseAcrossReopen() {
        Path data = dir.resolve("store");
        try (JdbcMemoryStore first = JdbcMemoryStore.openH2(data)) {
            EventStore events = new JdbcEventStore(first.database());
            events.created(ACME, "e1", "ADD", PAYLOAD, T0);
            events.started(ACME, "e1", T0);
            events.succeeded(ACME, "e1", List.of(), new TokenUsage(5, 6, 1), T0.plusSeconds(1));
        }

        try (JdbcMemoryStore reopened = JdbcMemoryStore.openH2(data)) {
            var record = new JdbcEventStore(reopened.database()).get(ACME, "e1").orElseThrow();
            assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
            assertThat(record.usage()).isEqualTo(new TokenUsage(5, 6, 1));
            assertThat(record.payload()).isEqualTo(PAYLOAD);
        }
    }
}
