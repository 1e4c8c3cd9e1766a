package dev.engram.core.export;

import dev.engram.core.domain.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ExportJobStore} does, whatever the database: jobs confined to their project (another project can
 * neither read one nor its JSON), claimed once, taken over when their runner falls silent, finished once by the run
 * that holds them, and deleted after retention. Each implementation runs it with a thin subclass.
 */
public abstract class AbstractExportJobStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Duration STALE = Duration.ofMinutes(2);
    private static final ExportRequest REQUEST = new ExportRequest("{\"user_id\":\"alice\"}", "{\"type\":\"object\"}", "be brief");

    protected ExportJobStore store;
    private Tenant mine;
    private Tenant other;

    /** A store on an empty database. */
    protected abstract ExportJobStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        String run = UUID.randomUUID().toString().substring(0, 8);
        mine = Tenant.of("org-" + run, "p1");
        other = Tenant.of("org-" + run, "p2");
    }

    /**
     * Claims this test's next job: the claim spans tenants, so on a database shared by several tests (PostgreSQL) other
     * tests' leftovers may be claimed first; those are failed out of the way.
     */
    private Optional<ExportJob> claim(Instant now) {
        while (true) {
            Optional<ExportJob> job = store.claimNext(now, STALE);
            if (job.isEmpty() || job.get().tenant().equals(mine) || job.get().tenant().equals(other)) return job;
            store.fail(job.get().id(), job.get().attempts(), "left over by another test", now);
        }
    }

    @Test
    void jobIsCreatedPendingAndReadBackWithItsRequest() {
        ExportJob job = store.create(mine, REQUEST, T0);

        ExportJob found = store.get(mine, job.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(ExportStatus.PENDING);
        assertThat(found.request()).isEqualTo(REQUEST);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.processed()).isZero();
        assertThat(found.finishedAt()).isNull();
        assertThat(store.result(mine, job.id())).isEmpty();
    }

    @Test
    void anotherProjectCannotReadAJobOrItsResult() {
        ExportJob job = store.create(mine, REQUEST, T0);
        ExportJob claimed = claim(T0).orElseThrow();
        store.complete(claimed.id(), claimed.attempts(), "{\"memories\":[]}", 0, T0.plusSeconds(1));

        assertThat(store.get(other, job.id())).isEmpty();
        assertThat(store.result(other, job.id())).isEmpty();
        assertThat(store.list(other, 10)).isEmpty();
        assertThat(store.result(mine, job.id())).contains("{\"memories\":[]}");
    }

    @Test
    void jobsAreListedNewestFirst() {
        ExportJob first = store.create(mine, REQUEST, T0);
        ExportJob second = store.create(mine, REQUEST, T0.plusSeconds(1));

        assertThat(store.list(mine, 10)).extracting(ExportJob::id).containsExactly(second.id(), first.id());
        assertThat(store.list(mine, 1)).extracting(ExportJob::id).containsExactly(second.id());
    }

    @Test
    void aJobIsClaimedOnceAndCompletedWithProgressAndResult() {
        ExportJob job = store.create(mine, REQUEST, T0);

        ExportJob claimed = claim(T0.plusSeconds(1)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(job.id());
        assertThat(claimed.status()).isEqualTo(ExportStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claim(T0.plusSeconds(2))).isEmpty();

        assertThat(store.progress(job.id(), 1, 200, 450, T0.plusSeconds(3))).isTrue();
        ExportJob running = store.get(mine, job.id()).orElseThrow();
        assertThat(running.processed()).isEqualTo(200);
        assertThat(running.total()).isEqualTo(450);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));

        assertThat(store.complete(job.id(), 1, "{\"count\":450}", 450, T0.plusSeconds(4))).isTrue();
        ExportJob done = store.get(mine, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.processed()).isEqualTo(450);
        assertThat(done.resultBytes()).isEqualTo(13L);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(store.result(mine, job.id())).contains("{\"count\":450}");
        assertThat(store.fail(job.id(), 1, "late", T0.plusSeconds(5))).isFalse();
    }

    @Test
    void aSilentRunningJobIsTakenOverAndTheOldRunCanNoLongerReport() {
        ExportJob job = store.create(mine, REQUEST, T0);
        ExportJob first = claim(T0).orElseThrow();
        store.progress(job.id(), first.attempts(), 10, 100, T0.plusSeconds(10));

        assertThat(claim(T0.plusSeconds(60))).as("still within the stale window").isEmpty();
        ExportJob second = claim(T0.plusSeconds(10).plus(STALE).plusSeconds(1)).orElseThrow();
        assertThat(second.id()).isEqualTo(job.id());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(store.get(mine, job.id()).orElseThrow().processed()).as("starts over").isZero();

        assertThat(store.progress(job.id(), first.attempts(), 20, 100, T0.plusSeconds(200))).isFalse();
        assertThat(store.complete(job.id(), first.attempts(), "{}", 0, T0.plusSeconds(200))).isFalse();
        assertThat(store.complete(job.id(), second.attempts(), "{}", 0, T0.plusSeconds(200))).isTrue();
    }

    @Test
    void aFailedJobKeepsItsReasonAndNoResult() {
        ExportJob job = store.create(mine, REQUEST, T0);
        ExportJob claimed = claim(T0).orElseThrow();

        assertThat(store.fail(job.id(), claimed.attempts(), "x".repeat(2000), T0.plusSeconds(1))).isTrue();
        ExportJob failed = store.get(mine, job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(failed.error()).hasSize(JdbcExportJobStore.MAX_ERROR_LENGTH);
        assertThat(store.result(mine, job.id())).isEmpty();
        assertThat(claim(T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void finishedJobsAreDeletedAfterRetentionAndUnfinishedOnesKept() {
        ExportJob old = store.create(mine, REQUEST, T0);
        ExportJob c = claim(T0).orElseThrow();
        store.complete(c.id(), c.attempts(), "{}", 0, T0.plusSeconds(1));
        ExportJob pending = store.create(mine, REQUEST, T0.plusSeconds(2));

        store.deleteFinishedBefore(T0.plusSeconds(10));

        assertThat(store.get(mine, old.id())).isEmpty();
        assertThat(store.get(mine, pending.id())).isPresent();
        assertThat(store.list(mine, 10)).extracting(ExportJob::id).isEqualTo(List.of(pending.id()));
    }

    @Test
    void deletingAProjectsJobsLeavesTheOtherProjectsAndStopsARunningOne() {
        ExportJob running = store.create(mine, REQUEST, T0);
        ExportJob claimed = claim(T0).orElseThrow();
        ExportJob others = store.create(other, REQUEST, T0);

        assertThat(store.deleteTenant(mine)).isEqualTo(1);

        assertThat(store.get(mine, running.id())).isEmpty();
        assertThat(store.progress(claimed.id(), claimed.attempts(), 1, 1, T0.plusSeconds(1))).isFalse();
        assertThat(store.get(other, others.id())).isPresent();
    }
}
