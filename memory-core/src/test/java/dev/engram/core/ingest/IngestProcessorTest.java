package dev.engram.core.ingest;

import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Scope;
import dev.engram.core.error.StorageException;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.offline.OfflineExtractor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.Optional;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestProcessorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4));

    /** Fails the next {@code failures} extractions with what {@code failure} supplies, then extracts offline. */
    static final class FlakyExtractor implements Extractor {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<Supplier<RuntimeException>> failure = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();
        private final Extractor offline = new OfflineExtractor();

        @Override
        public Extraction extract(ExtractionRequest request) {
            calls.incrementAndGet();
            if (failures.getAndDecrement() > 0) throw failure.get().get();
            return offline.extract(request);
        }

        @Override
        public String name() {
            return "flaky";
        }
    }

    private static final FlakyExtractor EXTRACTOR = new FlakyExtractor();
    private static Memory memory;

    private InMemoryEventStore events;
    private SimpleMeterRegistry registry;
    private IngestProcessor processor;

    @BeforeAll
    static void openMemory() {
        memory = Memory.builder().inMemory().extractor(EXTRACTOR).build();
    }

    @AfterAll
    static void closeMemory() {
        memory.close();
    }

    @BeforeEach
    void setUp() {
        EXTRACTOR.failures.set(0);
        EXTRACTOR.calls.set(0);
        events = new InMemoryEventStore();
        registry = new SimpleMeterRegistry();
        processor = new IngestProcessor(memory.engine(), events, Clock.fixed(NOW, ZoneOffset.UTC), FAST, registry);
    }

    private IngestEvent accepted(Scope scope, String text) {
        IngestEvent event = new IngestEvent(AddRequest.of(scope, text).withEventId(UUID.randomUUID().toString()), NOW.minusSeconds(1));
        events.created(event.tenant(), event.eventId(), IngestProcessor.ADD_EVENT, IngestJson.toJson(event), event.receivedAt());
        return event;
    }

    private double count(String outcome) {
        return registry.get("engram.ingest.events").tag("outcome", outcome).counter().count();
    }

    @Test
    void dropsAQueuedAddWhoseProjectWasDeletedAndWritesNothing() {
        Scope scope = Scope.user("deleted-" + UUID.randomUUID()).inTenant(Tenant.of("acme", "deleted-" + UUID.randomUUID()));
        IngestEvent queued = accepted(scope, "I live in Lisbon and I love grilled sardines");
        events.deleteTenant(queued.tenant(), NOW);

        assertThat(processor.process(queued)).isEqualTo(IngestOutcome.CANCELLED);
        processor.handle(queued); // a redelivery (Kafka) is dropped too, and not dead-lettered

        assertThat(memory.getAll(scope)).isEmpty();
        assertThat(EXTRACTOR.calls.get()).isZero();
        EventRecord record = events.get(queued.tenant(), queued.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.FAILED);
        assertThat(record.error()).isEqualTo(EventTransitions.PROJECT_DELETED);
        assertThat(record.attempts()).isZero();
        assertThat(count("cancelled")).isEqualTo(2);
    }

    @Test
    void processesAnEventToSucceededWithItsMemoryEvents() {
        Scope scope = Scope.user("proc-" + UUID.randomUUID());
        IngestEvent event = accepted(scope, "I live in Lisbon and I love grilled sardines");

        assertThat(processor.process(event)).isEqualTo(IngestOutcome.SUCCEEDED);

        EventRecord record = events.get(event.tenant(), event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.results()).isNotEmpty().allMatch(e -> e.type() == MemoryEvent.Type.ADD);
        assertThat(memory.getAll(scope)).hasSize(record.results().size());
        assertThat(count("succeeded")).isEqualTo(1);
        assertThat(registry.get("engram.ingest.process").timer().count()).isEqualTo(1);
    }

    @Test
    void theSameEventTwiceCreatesOneSetOfMemories() {
        Scope scope = Scope.user("twice-" + UUID.randomUUID());
        IngestEvent event = accepted(scope, "My favourite language is Kotlin");

        processor.handle(event);
        var afterFirst = memory.getAll(scope);
        processor.handle(event);

        assertThat(afterFirst).isNotEmpty();
        assertThat(memory.getAll(scope)).isEqualTo(afterFirst);
        assertThat(EXTRACTOR.calls.get()).isEqualTo(1);
        assertThat(count("skipped")).isEqualTo(1);
        assertThat(events.get(event.tenant(), event.eventId()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void retriesATransientFailureThenSucceeds() {
        Scope scope = Scope.user("retry-" + UUID.randomUUID());
        IngestEvent event = accepted(scope, "I work as a nurse in Oslo");
        EXTRACTOR.failure.set(() -> new StorageException("index unavailable", null));
        EXTRACTOR.failures.set(2);

        assertThat(processor.process(event)).isEqualTo(IngestOutcome.SUCCEEDED);

        EventRecord record = events.get(event.tenant(), event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.attempts()).isEqualTo(3);
        assertThat(memory.getAll(scope)).isNotEmpty();
        assertThat(registry.get("engram.ingest.retries").counter().count()).isEqualTo(2);
    }

    @Test
    void failsAtOnceWhenTheRequestItselfIsInvalid() {
        Scope scope = Scope.user("invalid-" + UUID.randomUUID());
        IngestEvent event = new IngestEvent(new AddRequest(UUID.randomUUID().toString(), scope, List.of(), null, true, null, null,
                null, null, false), NOW);
        events.created(event.tenant(), event.eventId(), "ADD", "{}", NOW);

        assertThatThrownBy(() -> processor.handle(event)).isInstanceOf(PermanentIngestFailure.class)
                .hasMessage("messages must not be empty")
                .satisfies(e -> assertThat(((PermanentIngestFailure) e).eventId()).isEqualTo(event.eventId()));

        EventRecord record = events.get(event.tenant(), event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.FAILED);
        assertThat(record.error()).isEqualTo("messages must not be empty");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void failsWithASafeMessageWhenEveryAttemptFails() {
        IngestEvent event = accepted(Scope.user("down-" + UUID.randomUUID()), "I like jazz");
        EXTRACTOR.failure.set(() -> new IllegalStateException("connection refused to 10.1.2.3:5432 (secret detail)"));
        EXTRACTOR.failures.set(100);

        assertThat(processor.process(event)).isEqualTo(IngestOutcome.FAILED);

        EventRecord record = events.get(event.tenant(), event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.FAILED);
        assertThat(record.attempts()).isEqualTo(3);
        assertThat(record.error()).isEqualTo("Processing failed after 3 attempts because of an internal error");
        assertThat(EXTRACTOR.calls.get()).isEqualTo(3);
    }

    @Test
    void aStorageOutageLongerThanTheRetriesLeavesTheEventRunningForRedeliveryWhenAsked() {
        var redelivering = new IngestProcessor(memory.engine(), events, Clock.fixed(NOW, ZoneOffset.UTC), FAST, registry,
                IngestProcessor.Listener.NONE, IngestProcessor.StorageOutage.REDELIVER);
        Scope scope = Scope.user("outage-" + UUID.randomUUID());
        IngestEvent event = accepted(scope, "I play the cello");
        EXTRACTOR.failure.set(() -> new StorageException("index unavailable", null));
        EXTRACTOR.failures.set(3); // every attempt of the first delivery

        assertThatThrownBy(() -> redelivering.handle(event)).isInstanceOf(StorageException.class).hasMessage("index unavailable");
        assertThat(events.get(event.tenant(), event.eventId()).orElseThrow().status()).isEqualTo(EventStatus.RUNNING);

        redelivering.handle(event); // the queue's next delivery, once the index is back

        assertThat(events.get(event.tenant(), event.eventId()).orElseThrow().status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(memory.getAll(scope)).isNotEmpty();
    }

    @Test
    void recordsAnEventTheStoreHasNeverSeen() {
        Scope scope = Scope.user("unknown-" + UUID.randomUUID());
        IngestEvent event = new IngestEvent(AddRequest.of(scope, "I drive a red bicycle").withEventId("lost-" + UUID.randomUUID()), NOW);

        assertThat(processor.process(event)).isEqualTo(IngestOutcome.SUCCEEDED);

        EventRecord record = events.get(event.tenant(), event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.type()).isEqualTo(IngestProcessor.ADD_EVENT);
        assertThat(IngestJson.fromJson(record.payload())).isEqualTo(event);
    }

    @Test
    void aRecordWrittenWhileTheProcessorStartsIsProcessedNotSkipped() {
        Scope scope = Scope.user("race-" + UUID.randomUUID());
        IngestEvent event = new IngestEvent(AddRequest.of(scope, "I collect vintage maps").withEventId("race-" + UUID.randomUUID()), NOW);
        // The gateway writes the PENDING record while the queue takes the event: here it lands just after the
        // processor found no record to start, and before it looks again.
        InMemoryEventStore store = new InMemoryEventStore();
        EventStore racing = new EventStore() {
            private boolean first = true;

            @Override
            public boolean started(Tenant tenant, String id, Instant at) {
                boolean started = store.started(tenant, id, at);
                if (first) {
                    first = false;
                    store.created(tenant, id, IngestProcessor.ADD_EVENT, IngestJson.toJson(event), event.receivedAt());
                }
                return started;
            }

            @Override
            public void created(Tenant tenant, String id, String type, String payload, Instant at) {
                store.created(tenant, id, type, payload, at);
            }

            @Override
            public void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at) {
                store.succeeded(tenant, id, results, usage, at);
            }

            @Override
            public void failed(Tenant tenant, String id, String error, Instant at) {
                store.failed(tenant, id, error, at);
            }

            @Override
            public Optional<EventRecord> get(Tenant tenant, String id) {
                return store.get(tenant, id);
            }

            @Override
            public Page<EventRecord> list(Tenant tenant, int page, int pageSize) {
                return store.list(tenant, page, pageSize);
            }

            @Override
            public int deleteTenant(Tenant tenant, Instant at) {
                return store.deleteTenant(tenant, at);
            }
        };
        var racingProcessor = new IngestProcessor(memory.engine(), racing, Clock.fixed(NOW, ZoneOffset.UTC), FAST, registry);

        assertThat(racingProcessor.process(event)).isEqualTo(IngestOutcome.SUCCEEDED);
        assertThat(racing.get(event.tenant(), event.eventId()).orElseThrow().status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(memory.getAll(scope)).extracting(MemoryRecord::text).anyMatch(t -> t.contains("vintage maps"));
    }

    @Test
    void anInterruptWhileWaitingToRetryLeavesTheEventForTheNextDelivery() {
        IngestEvent event = accepted(Scope.user("interrupt-" + UUID.randomUUID()), "I like tea");
        EXTRACTOR.failure.set(() -> new StorageException("busy", null));
        EXTRACTOR.failures.set(1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> processor.process(event)).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(events.get(event.tenant(), event.eventId()).orElseThrow().status()).isEqualTo(EventStatus.RUNNING);
    }
}
