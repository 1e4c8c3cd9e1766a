package dev.engram.dashboard.analytics;

import dev.engram.core.usage.UsageEventCodec;
import dev.engram.dashboard.config.DashboardConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /internal/usage}: usage events delivered over HTTP by gateways of the standalone platform
 * (newline-delimited JSON, {@link UsageEventCodec#encodeBatch}, {@code Authorization: Bearer <secret>}), rolled up like records of
 * the usage topic, one request in one transaction. Registered only when {@code engram.dashboard.usage.ingest-token} is
 * set. 204 when rolled up; 401 for another secret; 413 beyond {@value #MAX_BODY_BYTES} bytes; 415 for another content
 * type; 503 when the database fails (the sender counts the batch as failed).
 */
@ApplicationScoped
public class UsageIngestRoute {

    static final String PATH = "/internal/usage";
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(UsageIngestRoute.class);

    void register(@Observes Router router, DashboardConfig config, UsageRollup rollup) {
        byte[] secret = config.dashboard().usage().ingestToken().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (secret == null) return;
        // Two routes: the secret and the type are checked before the body is read (a body handler must come first in its route).
        router.post(PATH).order(-2).handler(ctx -> {
            if (!authorised(ctx, secret)) {
                ctx.response().setStatusCode(401).end();
            } else if (!isNdjson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                ctx.response().setStatusCode(415).end();
            } else {
                ctx.next();
            }
        });
        router.post(PATH).order(-1).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(ctx -> rollUp(ctx, rollup), false);
    }

    private static void rollUp(RoutingContext ctx, UsageRollup rollup) {
        try {
            io.vertx.core.buffer.Buffer body = ctx.body().buffer();
            rollup.applyDelivered(UsageEventCodec.splitBatch(body == null ? new byte[0] : body.getBytes()));
            ctx.response().setStatusCode(204).end();
        } catch (IllegalStateException e) {
            LOG.warnf("Usage events over HTTP were not rolled up: %s", e.getMessage());
            ctx.response().setStatusCode(503).end();
        }
    }

    private static boolean authorised(RoutingContext ctx, byte[] secret) {
        String h = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return MessageDigest.isEqual(secret, h.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isNdjson(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith(UsageEventCodec.BATCH_CONTENT_TYPE);
    }
}
