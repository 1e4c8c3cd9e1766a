package dev.engram.core.ingest;

class InMemoryEventStoreTest extends AbstractEventStoreContractTest {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
