package dev.engram.platform.webhook;

import dev.engram.core.error.ValidationException;
import dev.engram.core.webhook.Webhook;
import dev.engram.core.webhook.WebhookBackoff;
import dev.engram.core.webhook.WebhookDelivery;
import dev.engram.core.webhook.WebhookSignature;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.core.webhook.WebhookTargets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the webhook outbox ({@link WebhookStore}): every {@code pollInterval} it claims the due deliveries and POSTs each
 * on a virtual thread, with its JSON body, {@value WebhookSignature#TIMESTAMP_HEADER} (the attempt's Unix seconds),
 * {@value WebhookSignature#HEADER} ({@code sha256=} HMAC of {@code <timestamp>.<body>} with the webhook's secret), {@value #DELIVERY_HEADER} (the delivery id: the same on every attempt, the receiver's idempotency
 * key) and {@value #EVENT_HEADER} ({@code memory_add}, ...). A 2xx answer delivers it; anything else (another status, no
 * answer within {@code timeout}, a refused connection, a target that now resolves to a forbidden address) fails the
 * attempt, which is retried after {@link WebhookBackoff} until its last attempt. Redirects are not followed. Nothing here
 * runs on a request's thread: adds, updates and deletes only write the outbox.
 */
public final class WebhookDispatcher implements AutoCloseable {

    public static final String DELIVERY_HEADER = "X-Engram-Delivery";
    public static final String EVENT_HEADER = "X-Engram-Event";
    /** The most deliveries claimed per poll. */
    static final int BATCH = 50;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    /**
     * @param pollInterval        how often the outbox is read
     * @param timeout             connect and response timeout of one attempt
     * @param backoff             when failed attempts are tried again, and how many there are
     * @param allowPrivateTargets true: loopback and private addresses may be targeted ({@link WebhookTargets})
     */
    public record Settings(Duration pollInterval, Duration timeout, WebhookBackoff backoff, boolean allowPrivateTargets) {
        public Settings {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
        }
    }

    private final WebhookStore store;
    private final Settings settings;
    private final Clock clock;
    private final WebhookTargets targets;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private ScheduledExecutorService poller;

    public WebhookDispatcher(WebhookStore store, Settings settings, Clock clock, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targets = new WebhookTargets(settings.allowPrivateTargets());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders).build();
        this.delivered = outcome(registry, "delivered");
        this.retried = outcome(registry, "retry");
        this.failed = outcome(registry, "failed");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("engram.webhook.attempts").tag("outcome", outcome)
                .description("Webhook delivery attempts, by outcome (retry: failed, will be tried again)").register(registry);
    }

    /** Starts polling on a thread of its own. */
    public synchronized void start() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("engram-webhooks").daemon().factory());
        long every = Math.max(10, settings.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            while (dispatchDue() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the webhook outbox failed; trying again in {} ms: {}", settings.pollInterval().toMillis(), e.toString());
        }
    }

    /**
     * Claims the due deliveries and makes one attempt of each, waiting for them all.
     *
     * @return how many were attempted
     */
    public int dispatchDue() {
        Instant now = clock.instant();
        Duration lease = settings.timeout().multipliedBy(2).plusSeconds(30);
        List<WebhookDelivery> due = store.claimDue(now, lease, BATCH);
        List<Future<?>> running = new ArrayList<>();
        for (WebhookDelivery d : due) running.add(senders.submit(() -> attempt(d)));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("A webhook delivery attempt failed unexpectedly", e.getCause());
            }
        }
        return due.size();
    }

    private void attempt(WebhookDelivery d) {
        Optional<Webhook> hook = store.get(d.tenant(), d.webhookId());
        if (hook.isEmpty()) return; // deleted meanwhile, with its deliveries
        Webhook w = hook.get();
        Integer status = null;
        String error;
        try {
            URI uri = targets.check(w.url());
            Instant signedAt = clock.instant();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Engram-Webhooks/1")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(signedAt.getEpochSecond()))
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(w.secret(), signedAt, d.payload()))
                    .header(DELIVERY_HEADER, d.id().toString())
                    .header(EVENT_HEADER, d.event().wireName())
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                store.delivered(d.id(), status, clock.instant());
                delivered.increment();
                return;
            }
            error = "HTTP " + status;
        } catch (ValidationException e) {
            error = "Target refused: " + e.getMessage();
        } catch (HttpTimeoutException e) {
            error = "No answer within " + settings.timeout().toMillis() + " ms";
        } catch (IOException e) {
            error = "Connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease ends and the delivery is attempted again
        } catch (IllegalArgumentException e) {
            error = "Invalid request: " + e.getMessage();
        }
        int attempts = d.attempts() + 1;
        Duration wait = settings.backoff().delayAfter(attempts);
        Instant now = clock.instant();
        store.attemptFailed(d.id(), status, error, wait == null ? null : now.plus(wait), now);
        if (wait == null) {
            failed.increment();
            LOG.warn("Webhook delivery {} to webhook {} failed for good after {} attempts: {}", d.id(), w.id(), attempts, error);
        } else {
            retried.increment();
            LOG.info("Webhook delivery {} to webhook {} failed (attempt {}), next in {} ms: {}", d.id(), w.id(), attempts, wait.toMillis(), error);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
        senders.shutdownNow();
        http.close();
    }
}
