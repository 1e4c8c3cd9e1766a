package dev.engram.core.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every {@link EventStore} must show; one subclass per implementation. */
public abstract class AbstractEventStoreContractTest {

    protected static final Tenant ACME = Tenant.of("acme", "prod");
    protected static final Tenant GLOBEX = Tenant.of("globex", "prod");
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
    protected static final String PAYLOAD = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user_id\":\"alice\"}";

    protected EventStore store;

    protected abstract EventStore createStore();

    protected void closeStore(EventStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) closeable.close();
    }

    @BeforeEach
    void open() {
        store = createStore();
    }

    @AfterEach
    void close() throws Exception {
        closeStore(store);
    }

    @Test
    void recordsANewEventAsPending() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);

        EventRecord record = store.get(ACME, "e1").orElseThrow();
        assertThat(record.id()).isEqualTo("e1");
        assertThat(record.tenant()).isEqualTo(ACME);
        assertThat(record.type()).isEqualTo("ADD");
        assertThat(record.status()).isEqualTo(EventStatus.PENDING);
        assertThat(record.payload()).isEqualTo(PAYLOAD);
        assertThat(record.attempts()).isZero();
        assertThat(record.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z"));
        assertThat(record.updatedAt()).isEqualTo(record.createdAt());
        assertThat(record.startedAt()).isNull();
        assertThat(record.completedAt()).isNull();
        assertThat(record.latencyMillis()).isNull();
        assertThat(record.results()).isEmpty();
        assertThat(record.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void createdTwiceKeepsTheFirstRecord() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        store.started(ACME, "e1", T0.plusSeconds(1));

        store.created(ACME, "e1", "ADD", "{\"other\":true}", T0.plusSeconds(2));

        EventRecord record = store.get(ACME, "e1").orElseThrow();
        assertThat(record.payload()).isEqualTo(PAYLOAD);
        assertThat(record.status()).isEqualTo(EventStatus.RUNNING);
    }

    @Test
    void runsToSuccessWithResultsAndUsage() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        assertThat(store.started(ACME, "e1", T0.plusMillis(10))).isTrue();
        assertThat(store.get(ACME, "e1").orElseThrow().status()).isEqualTo(EventStatus.RUNNING);

        List<MemoryEvent> results = List.of(
                new MemoryEvent(UUID.randomUUID(), "Likes coffee", MemoryEvent.Type.ADD, null, null, null),
                new MemoryEvent(UUID.randomUUID(), "Lives in Paris", MemoryEvent.Type.SUPERSEDE, "Lives in Rome", UUID.randomUUID(), "moved"));
        TokenUsage usage = new TokenUsage(120, 30, 2);
        store.succeeded(ACME, "e1", results, usage, T0.plusMillis(250));

        EventRecord record = store.get(ACME, "e1").orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.results()).isEqualTo(results);
        assertThat(record.usage()).isEqualTo(usage);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.error()).isNull();
        assertThat(record.latencyMillis()).isEqualTo(240);
        assertThat(record.completedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.373Z"));
    }

    @Test
    void aSynchronousAddIsRecordedInOneCallAsTheThreeStepsWould() {
        List<MemoryEvent> results = List.of(new MemoryEvent(UUID.randomUUID(), "Likes tea", MemoryEvent.Type.ADD, null, null, null));
        TokenUsage usage = new TokenUsage(5, 1, 1);
        store.created(ACME, "steps", "ADD", PAYLOAD, T0);
        store.started(ACME, "steps", T0);
        store.succeeded(ACME, "steps", results, usage, T0.plusMillis(7));
        store.recordSucceeded(ACME, "once", "ADD", PAYLOAD, T0, results, usage, T0.plusMillis(7));

        EventRecord steps = store.get(ACME, "steps").orElseThrow();
        EventRecord once = store.get(ACME, "once").orElseThrow();
        assertThat(once.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(once.results()).isEqualTo(results);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.latencyMillis()).isEqualTo(7);
        assertThat(once).usingRecursiveComparison().ignoringFields("id").isEqualTo(steps);
    }

    @Test
    void aSucceededEventIsNotStartedOrFailedAgain() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        store.started(ACME, "e1", T0);
        store.succeeded(ACME, "e1", List.of(), TokenUsage.NONE, T0.plusSeconds(1));

        assertThat(store.started(ACME, "e1", T0.plusSeconds(2))).isFalse();
        store.failed(ACME, "e1", "late duplicate failed", T0.plusSeconds(3));

        EventRecord record = store.get(ACME, "e1").orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.error()).isNull();
    }

    @Test
    void countsAttemptsAndKeepsTheFirstStart() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        store.started(ACME, "e1", T0.plusSeconds(1));
        store.started(ACME, "e1", T0.plusSeconds(5));

        EventRecord record = store.get(ACME, "e1").orElseThrow();
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.startedAt()).isEqualTo(T0.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(record.updatedAt()).isEqualTo(T0.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void failsWithAReasonAndCanBeStartedAgain() {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        store.started(ACME, "e1", T0);
        store.failed(ACME, "e1", "messages must not be empty", T0.plusSeconds(1));

        EventRecord failed = store.get(ACME, "e1").orElseThrow();
        assertThat(failed.status()).isEqualTo(EventStatus.FAILED);
        assertThat(failed.error()).isEqualTo("messages must not be empty");
        assertThat(failed.completedAt()).isNotNull();

        assertThat(store.started(ACME, "e1", T0.plusSeconds(2))).isTrue();
        EventRecord retried = store.get(ACME, "e1").orElseThrow();
        assertThat(retried.status()).isEqualTo(EventStatus.RUNNING);
        assertThat(retried.error()).isNull();
        assertThat(retried.completedAt()).isNull();
        assertThat(retried.attempts()).isEqualTo(2);
    }

    @Test
    void anUnknownEventIsNotStartedAndCannotComplete() {
        assertThat(store.started(ACME, "nope", T0)).isFalse();
        assertThat(store.get(ACME, "nope")).isEmpty();
        assertThatThrownBy(() -> store.succeeded(ACME, "nope", List.of(), TokenUsage.NONE, T0)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.failed(ACME, "nope", "x", T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsNewestFirstInPages() {
        for (int i = 0; i < 5; i++) store.created(ACME, "e" + i, "ADD", PAYLOAD, T0.plusSeconds(i));

        Page<EventRecord> first = store.list(ACME, 1, 2);
        Page<EventRecord> last = store.list(ACME, 3, 2);

        assertThat(first.items()).extracting(EventRecord::id).containsExactly("e4", "e3");
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(last.items()).extracting(EventRecord::id).containsExactly("e0");
        assertThat(last.hasNext()).isFalse();
        assertThat(store.list(ACME, 4, 2).items()).isEmpty();
    }

    @Test
    void refusesBadPages() {
        assertThatThrownBy(() -> store.list(ACME, 0, 10)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store.list(ACME, 1, 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store.list(ACME, Integer.MAX_VALUE, 10)).as("an offset past what a store can seek")
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void keepsTenantsApart() {
        store.created(ACME, "shared-id", "ADD", PAYLOAD, T0);
        store.created(GLOBEX, "shared-id", "ADD", "{\"globex\":1}", T0);
        store.created(GLOBEX, "globex-only", "ADD", PAYLOAD, T0);

        store.started(ACME, "shared-id", T0);
        store.succeeded(ACME, "shared-id", List.of(), TokenUsage.NONE, T0.plusSeconds(1));

        assertThat(store.get(GLOBEX, "shared-id").orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        assertThat(store.get(GLOBEX, "shared-id").orElseThrow().payload()).isEqualTo("{\"globex\":1}");
        assertThat(store.get(ACME, "globex-only")).isEmpty();
        assertThat(store.started(ACME, "globex-only", T0)).isFalse();
        assertThatThrownBy(() -> store.failed(ACME, "globex-only", "x", T0)).isInstanceOf(NotFoundException.class);
        assertThat(store.list(ACME, 1, 10).items()).extracting(EventRecord::id).containsExactly("shared-id");
        assertThat(store.list(GLOBEX, 1, 10).total()).isEqualTo(2);
        assertThat(store.get(GLOBEX, "globex-only").orElseThrow().status()).isEqualTo(EventStatus.PENDING);
    }

    @Test
    void deletingATenantRemovesItsFinishedEventsCancelsTheUnfinishedAndLeavesOtherTenants() {
        store.created(ACME, "pending", "ADD", PAYLOAD, T0);
        store.created(ACME, "running", "ADD", PAYLOAD, T0);
        store.started(ACME, "running", T0);
        store.created(ACME, "done", "ADD", PAYLOAD, T0);
        store.started(ACME, "done", T0);
        store.succeeded(ACME, "done", List.of(), TokenUsage.NONE, T0);
        store.created(ACME, "failed", "ADD", PAYLOAD, T0);
        store.failed(ACME, "failed", "bad input", T0);
        store.created(GLOBEX, "pending", "ADD", PAYLOAD, T0);
        Instant deletedAt = T0.plusSeconds(60);

        assertThat(store.deleteTenant(ACME, deletedAt)).isEqualTo(4);

        assertThat(store.get(ACME, "done")).isEmpty();
        assertThat(store.get(ACME, "failed")).isEmpty();
        for (String id : List.of("pending", "running")) {
            EventRecord cancelled = store.get(ACME, id).orElseThrow();
            assertThat(cancelled.status()).isEqualTo(EventStatus.FAILED);
            assertThat(cancelled.error()).isEqualTo(EventTransitions.PROJECT_DELETED);
            assertThat(cancelled.payload()).as("the client's content is erased").isNull();
            assertThat(cancelled.completedAt()).isEqualTo(deletedAt.truncatedTo(ChronoUnit.MILLIS));
            assertThat(store.started(ACME, id, deletedAt)).as("a cancelled event never runs").isFalse();
            store.failed(ACME, id, "other reason", deletedAt);
            assertThat(store.get(ACME, id).orElseThrow().error()).isEqualTo(EventTransitions.PROJECT_DELETED);
        }
        assertThat(store.list(ACME, 1, 10).total()).isEqualTo(2);
        assertThat(store.get(GLOBEX, "pending").orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        assertThat(store.deleteTenant(ACME, deletedAt)).as("a second deletion keeps the cancellations").isEqualTo(2);
        assertThat(store.get(ACME, "pending").orElseThrow().error()).isEqualTo(EventTransitions.PROJECT_DELETED);
    }

    @Test
    void concurrentStartsOfOneEventAllCount() throws Exception {
        store.created(ACME, "e1", "ADD", PAYLOAD, T0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 20; i++) starts.add(pool.submit(() -> store.started(ACME, "e1", T0)));
            for (Future<Boolean> f : starts) assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.get(ACME, "e1").orElseThrow().attempts()).isEqualTo(20);
    }
}
