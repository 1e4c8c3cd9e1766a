package dev.engram.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.error.ConnectionException;
import dev.engram.client.error.EngramException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Sends one API call: builds the request (auth header, JSON body, timeout), retries it as the {@link RetryPolicy} says,
 * and completes with the 2xx body or fails with an {@link EngramException}. Asynchronous throughout; waits between
 * attempts are scheduled, never slept on a thread.
 */
final class HttpTransport {

    /** Call settings that do not change per request. */
    public record Settings(URI baseUrl, String apiKey, Duration requestTimeout, RetryPolicy retry, String userAgent,
                           Map<String, String> headers) {
    }

    private final HttpClient http;
    private final Settings settings;
    private final ObjectMapper json;
    private final ProblemDecoder problems;
    private final DoubleSupplier random;
    private final Executor executor;

    HttpTransport(HttpClient http, Settings settings, ObjectMapper json, ProblemDecoder problems, DoubleSupplier random,
                         Executor executor) {
        this.http = http;
        this.settings = settings;
        this.json = json;
        this.problems = problems;
        this.random = random;
        this.executor = executor;
    }

    /**
     * @param method     GET, POST, PUT or DELETE
     * @param path       the path and query, starting with {@code /} (already percent-encoded)
     * @param body       serialized as JSON, or null for no body
     * @param idempotent whether sending it twice is harmless (then a reset connection or a timeout is retried too)
     * @return the response body of a 2xx answer
     */
    public CompletableFuture<String> send(String method, String path, Object body, boolean idempotent) {
        HttpRequest request;
        try {
            request = request(method, path, body);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the request body cannot be written as JSON", e));
        }
        return attempt(request, idempotent, 1);
    }

    private HttpRequest request(String method, String path, Object body) throws JsonProcessingException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", settings.userAgent());
        if (settings.apiKey() != null) b.header("Authorization", "Token " + settings.apiKey());
        settings.headers().forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private CompletableFuture<String> attempt(HttpRequest request, boolean idempotent, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> error != null
                        ? onFailure(request, idempotent, attempt, unwrap(error))
                        : onResponse(request, idempotent, attempt, response))
                .thenCompose(next -> next);
    }

    private CompletableFuture<String> onResponse(HttpRequest request, boolean idempotent, int attempt, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) return CompletableFuture.completedFuture(response.body());
        String retryAfterHeader = response.headers().firstValue("Retry-After").orElse(null);
        RetryPolicy policy = settings.retry();
        if (policy.retryStatuses().contains(status) && attempt < policy.maxAttempts()) {
            Optional<Duration> retryAfter = problems.retryAfter(retryAfterHeader);
            if (retryAfter.isEmpty() || retryAfter.get().compareTo(policy.maxRetryAfter()) <= 0) {
                return later(request, idempotent, attempt, retryAfter.orElseGet(() -> policy.backoff(attempt, random)));
            }
        }
        return CompletableFuture.failedFuture(problems.decode(status, retryAfterHeader, response.body()));
    }

    private CompletableFuture<String> onFailure(HttpRequest request, boolean idempotent, int attempt, Throwable error) {
        if (!(error instanceof IOException io)) return CompletableFuture.failedFuture(error);
        // Nothing reached the server when the connection was refused or never established: safe to resend anything.
        boolean notSent = causedBy(io, ConnectException.class) || io instanceof HttpConnectTimeoutException;
        RetryPolicy policy = settings.retry();
        if ((notSent || idempotent) && attempt < policy.maxAttempts()) {
            return later(request, idempotent, attempt, policy.backoff(attempt, random));
        }
        String what = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        return CompletableFuture.failedFuture(new ConnectionException(request.method() + " " + request.uri().getPath() + ": " + what
                + " (after " + attempt + (attempt == 1 ? " attempt)" : " attempts)"), io));
    }

    private CompletableFuture<String> later(HttpRequest request, boolean idempotent, int attempt, Duration wait) {
        Executor delayed = CompletableFuture.delayedExecutor(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS, executor);
        return CompletableFuture.supplyAsync(() -> attempt(request, idempotent, attempt + 1), delayed).thenCompose(next -> next);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return true;
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
        return c;
    }
}
