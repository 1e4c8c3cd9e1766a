package dev.engram.gateway.webhook;

import dev.engram.core.webhook.WebhookBackoff;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.platform.webhook.WebhookDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Starts the gateway's {@link WebhookDispatcher} at start ({@code engram.webhooks.dispatch}, on by default) and stops it
 * at shutdown, before the stores close. Adds processed by ingest workers write the same outbox on the shared database,
 * so the gateways send their deliveries too.
 */
@Singleton
public class WebhookDispatchLifecycle {

    private static final Logger LOG = Logger.getLogger(WebhookDispatchLifecycle.class);

    private final EngramConfig config;
    private final WebhookStore store;
    private final MeterRegistry registry;
    private WebhookDispatcher dispatcher;

    WebhookDispatchLifecycle(EngramConfig config, WebhookStore store, MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        EngramConfig.Webhooks w = config.webhooks();
        if (!w.dispatch()) {
            LOG.info("Webhook deliveries are not sent from this gateway (engram.webhooks.dispatch=false)");
            return;
        }
        var settings = new WebhookDispatcher.Settings(w.pollInterval(), w.timeout(),
                new WebhookBackoff(w.initialBackoff(), w.maxBackoff(), w.maxAttempts()), w.allowPrivateTargets());
        dispatcher = new WebhookDispatcher(store, settings, Clock.systemUTC(), registry);
        dispatcher.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (dispatcher != null) dispatcher.close();
    }
}
