package dev.engram.core.store.memory;

import dev.engram.core.spi.AbstractMemoryStoreContractTest;
import dev.engram.core.spi.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryMemoryStoreTest extends AbstractMemoryStoreContractTest {

    @Override
    protected MemoryStore createStore() {
        return new InMemoryMemoryStore();
    }

    @Test
    void refusesUseAfterClose() {
        MemoryStore closed = new InMemoryMemoryStore();
        closed.close();

        assertThatThrownBy(() -> closed.get(ACME, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.write(ACME, List.of(simpleRecord(ACME, UUID.randomUUID(), "late")), List.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
