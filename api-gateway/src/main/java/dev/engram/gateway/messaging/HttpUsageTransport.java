package dev.engram.gateway.messaging;

import dev.engram.core.usage.BufferedUsageSink;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Delivers usage events to a dashboard over HTTP: one {@code POST} per batch, the events as newline-delimited JSON
 * ({@link UsageEventCodec#encodeBatch}), authenticated with a shared bearer secret. The
 * standalone platform's way (no Kafka): the dashboard rolls each request up in one transaction. Like the Kafka transport
 * it does not retry: a batch the dashboard did not take is counted as failed by {@link BufferedUsageSink}, and a retry
 * could count requests twice.
 */
public final class HttpUsageTransport implements BufferedUsageSink.Transport {

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;

    public HttpUsageTransport(URI url, String secret, Duration timeout) {
        if (secret == null || secret.isBlank()) throw new IllegalArgumentException("the usage endpoint's secret is required");
        this.url = url;
        this.secret = secret.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(List<UsageEvent> batch) {
        if (batch.isEmpty()) return;
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Authorization", "Bearer " + secret).header("Content-Type", UsageEventCodec.BATCH_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UsageEventCodec.encodeBatch(batch))).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the usage endpoint " + url + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the usage endpoint " + url + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering usage events", e);
        }
    }
}
