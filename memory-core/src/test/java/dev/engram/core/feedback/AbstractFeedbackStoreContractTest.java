package dev.engram.core.feedback;

import dev.engram.core.domain.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link FeedbackStore} does, whatever the database: one current feedback per memory, replaced by the next
 * submission, cleared, forgotten with its memory, and confined to its project (another project can neither read,
 * replace, clear nor forget it, even with the same memory id). Each implementation runs it with a thin subclass.
 */
public abstract class AbstractFeedbackStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    protected FeedbackStore store;
    private Tenant mine;
    private Tenant other;

    /** A store on an empty database. */
    protected abstract FeedbackStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        String run = UUID.randomUUID().toString().substring(0, 8);
        mine = Tenant.of("org-" + run, "p1");
        other = Tenant.of("org-" + run, "p2");
    }

    @Test
    void latestFeedbackReplacesTheEarlierOne() {
        UUID m = UUID.randomUUID();
        store.put(mine, new MemoryFeedback(m, FeedbackValue.POSITIVE, "useful", "key-1", T0));
        store.put(mine, new MemoryFeedback(m, FeedbackValue.VERY_NEGATIVE, null, "key-2", T0.plusSeconds(5)));

        assertThat(store.get(mine, m)).hasValue(new MemoryFeedback(m, FeedbackValue.VERY_NEGATIVE, null, "key-2", T0.plusSeconds(5)));
        assertThat(store.all(mine)).hasSize(1);
    }

    @Test
    void reasonAndSubmitterAreKeptAsGiven() {
        UUID m = UUID.randomUUID();
        String reason = "wrong — the user moved to Zürich ✓ " + "x".repeat(MemoryFeedback.MAX_REASON_LENGTH - 40);
        store.put(mine, new MemoryFeedback(m, FeedbackValue.NEGATIVE, reason, "oidc:alice@example.com", T0));

        MemoryFeedback read = store.get(mine, m).orElseThrow();
        assertThat(read.reason()).isEqualTo(reason);
        assertThat(read.submittedBy()).isEqualTo("oidc:alice@example.com");
        assertThat(read.submittedAt()).isEqualTo(T0);
    }

    @Test
    void clearRemovesTheFeedback() {
        UUID m = UUID.randomUUID();
        store.put(mine, new MemoryFeedback(m, FeedbackValue.NEGATIVE, "stale", null, T0));

        assertThat(store.clear(mine, m)).isTrue();
        assertThat(store.get(mine, m)).isEmpty();
        assertThat(store.clear(mine, m)).isFalse();
        // Feedback again after a clear is a new row, not an error.
        store.put(mine, new MemoryFeedback(m, FeedbackValue.POSITIVE, null, null, T0.plusSeconds(1)));
        assertThat(store.get(mine, m)).map(MemoryFeedback::value).hasValue(FeedbackValue.POSITIVE);
    }

    @Test
    void allListsEveryMemoryWithFeedbackOfTheProject() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        store.put(mine, new MemoryFeedback(a, FeedbackValue.POSITIVE, null, null, T0));
        store.put(mine, new MemoryFeedback(b, FeedbackValue.VERY_NEGATIVE, "made up", null, T0));
        store.put(other, new MemoryFeedback(c, FeedbackValue.VERY_NEGATIVE, null, null, T0));

        assertThat(store.all(mine)).extracting(MemoryFeedback::memoryId).containsExactlyInAnyOrder(a, b);
        assertThat(store.all(other)).extracting(MemoryFeedback::memoryId).containsExactly(c);
    }

    @Test
    void forgetRemovesTheFeedbackOfDeletedMemoriesOnly() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), kept = UUID.randomUUID();
        for (UUID m : List.of(a, b, kept)) store.put(mine, new MemoryFeedback(m, FeedbackValue.NEGATIVE, null, null, T0));

        store.forget(mine, List.of(a, b, UUID.randomUUID()));
        store.forget(mine, List.of());

        assertThat(store.all(mine)).extracting(MemoryFeedback::memoryId).containsExactly(kept);
    }

    @Test
    void anotherProjectCanNeitherReadNorChangeNorRemoveIt() {
        UUID m = UUID.randomUUID();
        MemoryFeedback mineFeedback = new MemoryFeedback(m, FeedbackValue.VERY_NEGATIVE, "mine", "key-1", T0);
        store.put(mine, mineFeedback);

        assertThat(store.get(other, m)).isEmpty();
        assertThat(store.all(other)).isEmpty();
        assertThat(store.clear(other, m)).isFalse();
        store.forget(other, List.of(m));
        // The same memory id in the other project is the other project's own row.
        store.put(other, new MemoryFeedback(m, FeedbackValue.POSITIVE, "theirs", "key-9", T0.plusSeconds(1)));
        store.deleteTenant(other);

        assertThat(store.get(mine, m)).hasValue(mineFeedback);
        assertThat(store.get(other, m)).isEmpty();
    }

    @Test
    void deleteTenantRemovesOnlyThatProjectsFeedback() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        store.put(mine, new MemoryFeedback(a, FeedbackValue.POSITIVE, null, null, T0));
        store.put(other, new MemoryFeedback(b, FeedbackValue.POSITIVE, null, null, T0));

        store.deleteTenant(mine);

        assertThat(store.all(mine)).isEmpty();
        assertThat(store.all(other)).extracting(MemoryFeedback::memoryId).containsExactly(b);
    }
}
