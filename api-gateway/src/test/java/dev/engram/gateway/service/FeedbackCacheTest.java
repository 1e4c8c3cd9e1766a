package dev.engram.gateway.service;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Tenant;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.feedback.FeedbackValue;
import dev.engram.core.feedback.JdbcFeedbackStore;
import dev.engram.core.feedback.MemoryFeedback;
import dev.engram.core.store.jdbc.JdbcDatabase;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-project feedback snapshot: one read per TTL, the VERY_NEGATIVE memories as one NIN on the memory id, a write
 * through this gateway visible at once, and a read that raced a write never kept as the current snapshot.
 */
class FeedbackCacheTest {

    private static final Tenant TENANT = Tenant.of("org", "p");
    private static final Duration TTL = Duration.ofSeconds(2);

    private final JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:feedback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcFeedbackStore store = JdbcFeedbackStore.migrating(JdbcDatabase.h2(pool));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @AfterEach
    void close() {
        pool.dispose();
    }

    private MemoryFeedback feedback(UUID id, FeedbackValue value) {
        return new MemoryFeedback(id, value, null, "key", clock.instant());
    }

    @Test
    void veryNegativeMemoriesBecomeOneNinOnTheMemoryId() {
        FeedbackCache cache = new FeedbackCache(store, TTL, clock);
        assertThat(cache.of(TENANT).withoutVeryNegative()).isEqualTo(Filter.ALL);

        UUID bad = UUID.randomUUID(), worse = UUID.randomUUID(), fine = UUID.randomUUID();
        store.put(TENANT, feedback(bad, FeedbackValue.VERY_NEGATIVE));
        store.put(TENANT, feedback(worse, FeedbackValue.VERY_NEGATIVE));
        store.put(TENANT, feedback(fine, FeedbackValue.NEGATIVE));
        cache.invalidate(TENANT);

        FeedbackCache.Snapshot s = cache.of(TENANT);
        assertThat(s.withoutVeryNegative()).isInstanceOfSatisfying(Filter.Compare.class, c -> {
            assertThat(c.field()).isEqualTo(Field.MEMORY_ID);
            assertThat(c.op()).isEqualTo(Op.NIN);
            assertThat(new java.util.HashSet<Object>((List<?>) c.value())).isEqualTo(java.util.Set.of(bad.toString(), worse.toString()));
        });
        assertThat(s.of(fine).value()).isEqualTo(FeedbackValue.NEGATIVE);
        assertThat(s.of(UUID.randomUUID())).isNull();
    }

    @Test
    void aWriteElsewhereAppliesAfterTheTtlAndAnInvalidationAtOnce() {
        FeedbackCache cache = new FeedbackCache(store, TTL, clock);
        UUID id = UUID.randomUUID();
        assertThat(cache.of(TENANT).of(id)).isNull();

        store.put(TENANT, feedback(id, FeedbackValue.POSITIVE));
        clock.now = clock.now.plus(TTL).minusMillis(1);
        assertThat(cache.of(TENANT).of(id)).as("within the TTL").isNull();
        clock.now = clock.now.plusMillis(1);
        assertThat(cache.of(TENANT).of(id)).as("after the TTL").isNotNull();

        store.clear(TENANT, id);
        cache.invalidate(TENANT);
        assertThat(cache.of(TENANT).of(id)).as("after an invalidation").isNull();
    }

    @Test
    void aReadThatRacedAWriteIsNotKept() {
        UUID id = UUID.randomUUID();
        FeedbackCache[] cache = new FeedbackCache[1];
        // A store whose first read is overtaken by a write and its invalidation (another request's feedback).
        FeedbackStore racing = new FeedbackStore() {
            boolean raced;

            @Override
            public List<MemoryFeedback> all(Tenant tenant) {
                List<MemoryFeedback> before = store.all(tenant);
                if (!raced) {
                    raced = true;
                    store.put(tenant, feedback(id, FeedbackValue.VERY_NEGATIVE));
                    cache[0].invalidate(tenant);
                }
                return before;
            }

            @Override
            public void put(Tenant tenant, MemoryFeedback feedback) {
                store.put(tenant, feedback);
            }

            @Override
            public boolean clear(Tenant tenant, UUID memoryId) {
                return store.clear(tenant, memoryId);
            }

            @Override
            public Optional<MemoryFeedback> get(Tenant tenant, UUID memoryId) {
                return store.get(tenant, memoryId);
            }

            @Override
            public void forget(Tenant tenant, Collection<UUID> memoryIds) {
                store.forget(tenant, memoryIds);
            }

            @Override
            public void deleteTenant(Tenant tenant) {
                store.deleteTenant(tenant);
            }
        };
        cache[0] = new FeedbackCache(racing, TTL, clock);

        assertThat(cache[0].of(TENANT).of(id)).as("the racing read itself saw the store before the write").isNull();
        assertThat(cache[0].of(TENANT).of(id)).as("the next request reads again").isNotNull();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
