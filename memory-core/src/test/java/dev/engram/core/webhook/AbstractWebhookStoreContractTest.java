package dev.engram.core.webhook;

import dev.engram.core.domain.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link WebhookStore} does, whatever the database: webhooks confined to their project (another project can
 * neither read, change, delete nor read the deliveries of one), deliveries queued per subscribed active webhook, claimed
 * once per lease, retried or failed for good, and logged. Each implementation runs it with a thin subclass.
 */
public abstract class AbstractWebhookStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<WebhookEventType> ADD_AND_DELETE = EnumSet.of(WebhookEventType.MEMORY_ADD, WebhookEventType.MEMORY_DELETE);

    protected WebhookStore store;
    private Tenant mine;
    private Tenant other;

    /** A store on an empty database. */
    protected abstract WebhookStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        String run = UUID.randomUUID().toString().substring(0, 8);
        mine = Tenant.of("org-" + run, "p1");
        other = Tenant.of("org-" + run, "p2");
    }

    /**
     * This test's due deliveries, claimed: the claim spans tenants, so on a database shared by several tests (PostgreSQL)
     * the others' leftovers are claimed too and left out here.
     */
    private List<WebhookDelivery> claim(Instant now) {
        return store.claimDue(now, LEASE, 1000).stream().filter(d -> d.tenant().equals(mine) || d.tenant().equals(other)).toList();
    }

    @Test
    void webhookIsCreatedListedAndChangedPartially() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "whsec_1", T0);
        store.create(mine, "second", "https://example.com/b", Set.of(WebhookEventType.MEMORY_UPDATE), "whsec_2", T0.plusSeconds(1));

        assertThat(store.list(mine)).extracting(Webhook::name).containsExactly("hook", "second");
        assertThat(store.get(mine, w.id())).hasValueSatisfying(found -> {
            assertThat(found.url()).isEqualTo("https://example.com/a");
            assertThat(found.eventTypes()).containsExactlyInAnyOrderElementsOf(ADD_AND_DELETE);
            assertThat(found.secret()).isEqualTo("whsec_1");
            assertThat(found.active()).isTrue();
            assertThat(found.createdAt()).isEqualTo(T0);
        });

        Webhook changed = store.update(mine, w.id(), new WebhookChange(null, "https://example.com/c", null, false), T0.plusSeconds(5)).orElseThrow();
        assertThat(changed.name()).isEqualTo("hook");
        assertThat(changed.url()).isEqualTo("https://example.com/c");
        assertThat(changed.eventTypes()).containsExactlyInAnyOrderElementsOf(ADD_AND_DELETE);
        assertThat(changed.active()).isFalse();
        assertThat(store.get(mine, w.id())).contains(changed);
    }

    @Test
    void anotherProjectCannotReadChangeOrDeleteAWebhook() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "whsec_1", T0);
        store.enqueue(mine, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "x")), T0);

        assertThat(store.list(other)).isEmpty();
        assertThat(store.get(other, w.id())).isEmpty();
        assertThat(store.update(other, w.id(), new WebhookChange("taken", null, null, null), T0)).isEmpty();
        assertThat(store.delete(other, w.id())).isFalse();
        assertThat(store.deliveries(other, w.id(), 10)).isEmpty();
        assertThat(store.get(mine, w.id())).hasValueSatisfying(found -> assertThat(found.name()).isEqualTo("hook"));
        assertThat(store.deliveries(mine, w.id(), 10)).hasSize(1);
    }

    @Test
    void eventsAreQueuedOncePerSubscribedActiveWebhookOfTheProject() {
        Webhook adds = store.create(mine, "adds", "https://example.com/a", Set.of(WebhookEventType.MEMORY_ADD), "s", T0);
        Webhook updates = store.create(mine, "updates", "https://example.com/u", Set.of(WebhookEventType.MEMORY_UPDATE), "s", T0);
        Webhook paused = store.create(mine, "paused", "https://example.com/p", Set.of(WebhookEventType.MEMORY_ADD), "s", T0);
        store.update(mine, paused.id(), new WebhookChange(null, null, null, false), T0);
        Webhook elsewhere = store.create(other, "other", "https://example.com/o", Set.of(WebhookEventType.MEMORY_ADD), "s", T0);
        OutboundEvent add = WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "likes tea");

        assertThat(store.enqueue(mine, List.of(add), T0)).isEqualTo(1);

        assertThat(store.deliveries(mine, adds.id(), 10)).singleElement().satisfies(d -> {
            assertThat(d.payload()).isEqualTo(add.payload());
            assertThat(d.event()).isEqualTo(WebhookEventType.MEMORY_ADD);
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.tenant()).isEqualTo(mine);
        });
        assertThat(store.deliveries(mine, updates.id(), 10)).isEmpty();
        assertThat(store.deliveries(mine, paused.id(), 10)).isEmpty();
        assertThat(store.deliveries(other, elsewhere.id(), 10)).isEmpty();
    }

    @Test
    void aDueDeliveryIsClaimedOncePerLeaseThenRetriedAndDelivered() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "s", T0);
        store.enqueue(mine, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_DELETE, UUID.randomUUID(), "gone")), T0);

        List<WebhookDelivery> first = claim(T0);
        assertThat(first).singleElement().satisfies(d -> assertThat(d.webhookId()).isEqualTo(w.id()));
        assertThat(claim(T0.plusSeconds(1))).as("leased").isEmpty();
        assertThat(claim(T0.plus(LEASE).plusSeconds(1))).as("a dead dispatcher's lease ends").hasSize(1);

        UUID id = first.get(0).id();
        store.attemptFailed(id, 500, "HTTP 500", T0.plusSeconds(100), T0.plusSeconds(40));
        assertThat(store.deliveries(mine, w.id(), 10)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastStatusCode()).isEqualTo(500);
            assertThat(d.lastError()).isEqualTo("HTTP 500");
            assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(100));
        });
        assertThat(claim(T0.plusSeconds(99))).isEmpty();
        assertThat(claim(T0.plusSeconds(100))).hasSize(1);

        store.delivered(id, 204, T0.plusSeconds(101));
        assertThat(store.deliveries(mine, w.id(), 10)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastStatusCode()).isEqualTo(204);
            assertThat(d.lastError()).isNull();
            assertThat(d.deliveredAt()).isEqualTo(T0.plusSeconds(101));
            assertThat(d.nextAttemptAt()).isNull();
        });
        assertThat(claim(T0.plusSeconds(1000))).isEmpty();
    }

    @Test
    void aDeliveryOutOfAttemptsFailsForGood() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "s", T0);
        store.enqueue(mine, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "x")), T0);
        UUID id = claim(T0).get(0).id();

        store.attemptFailed(id, null, "connection refused", null, T0.plusSeconds(1));

        assertThat(store.deliveries(mine, w.id(), 10)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.lastStatusCode()).isNull();
            assertThat(d.lastError()).isEqualTo("connection refused");
        });
        assertThat(claim(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void deletingAWebhookDeletesItsDeliveries() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "s", T0);
        store.enqueue(mine, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "x")), T0);

        assertThat(store.delete(mine, w.id())).isTrue();

        assertThat(store.get(mine, w.id())).isEmpty();
        assertThat(store.delete(mine, w.id())).isFalse();
        assertThat(claim(T0)).isEmpty();
    }

    @Test
    void theLogIsNewestFirstAndLimited() {
        Webhook w = store.create(mine, "hook", "https://example.com/a", ADD_AND_DELETE, "s", T0);
        for (int i = 0; i < 5; i++) {
            store.enqueue(mine, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "m" + i)), T0.plusSeconds(i));
        }
        assertThat(store.deliveries(mine, w.id(), 3)).extracting(d -> d.payload().replaceAll(".*\"memory\":\"(m\\d)\".*", "$1"))
                .containsExactly("m4", "m3", "m2");
    }
}
