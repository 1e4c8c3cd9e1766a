package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data directory per test run and a known bootstrap admin key. */
public class TempDataDirResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "eng_testadmin0123456789abcdefghijklmnopqrstuv";
    /** High enough for the tests that send wrong credentials from 127.0.0.1; FailedAuthRateLimitTest exhausts it from another address. */
    public static final int FAILED_AUTH_PER_MINUTE = 3000;

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("engram-gateway-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Tests send many wrong credentials from one address on purpose; FailedAuthRateLimitTest tests the limit itself.
        // WebhookRoutesTest's receivers listen on loopback: the SSRF rule must allow it here (WebhookRulesTest and
        // WebhookDispatcherTest prove the rule itself); short waits keep its retry test quick, and ExportRoutesTest's jobs start soon.
        return Map.of("engram.data-dir", dir.toString(), "engram.bootstrap-api-key", ADMIN_KEY,
                "engram.limits.failed-auth-per-minute", String.valueOf(FAILED_AUTH_PER_MINUTE),
                "engram.webhooks.allow-private-targets", "true", "engram.webhooks.poll-interval", "100ms",
                "engram.webhooks.initial-backoff", "500ms", "engram.webhooks.max-backoff", "2s",
                "engram.exports.poll-interval", "100ms",

                // below the 4M body limit, so DocumentsRouteTest reaches the documents' own 413
                "engram.documents.max-bytes", "300000");
    }

    @Override
    public void stop() {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
