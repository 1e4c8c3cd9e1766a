package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.tenant.ProjectDefaults;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectDefaultsCacheTest {

    private static final Tenant TENANT = Tenant.of("org", "p");

    private final JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:defaults-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcApiKeyStore store = JdbcApiKeyStore.migrating(pool);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ProjectDefaultsCache cache = new ProjectDefaultsCache(store, clock);

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void aChangeMadeElsewhereAppliesAfterTheTtlAndAnInvalidationAtOnce() {
        store.createProject(TENANT, "P", clock.instant());
        assertThat(cache.get(TENANT)).isEqualTo(ProjectDefaults.NONE);
        ProjectDefaults first = new ProjectDefaults("rules", Map.of("a", ""), 3, true);
        store.updateDefaults(TENANT, first, clock.instant());

        clock.now = clock.now.plus(ProjectDefaultsCache.TTL).minusMillis(1);
        assertThat(cache.get(TENANT)).isEqualTo(ProjectDefaults.NONE); // still the cached read
        clock.now = clock.now.plusMillis(1);
        assertThat(cache.get(TENANT)).isEqualTo(first);

        ProjectDefaults second = new ProjectDefaults(null, null, 9, false);
        store.updateDefaults(TENANT, second, clock.instant());
        assertThat(cache.get(TENANT)).isEqualTo(first);
        cache.invalidate(TENANT);
        assertThat(cache.get(TENANT)).isEqualTo(second);
    }

    @Test
    void aTenantWithoutAProjectRowHasNoDefaults() {
        assertThat(cache.get(Tenant.of("nobody", "none"))).isEqualTo(ProjectDefaults.NONE);
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
