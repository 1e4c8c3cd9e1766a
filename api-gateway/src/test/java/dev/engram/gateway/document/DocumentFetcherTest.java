package dev.engram.gateway.document;

import com.sun.net.httpserver.HttpServer;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.UnreadableContentException;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.config.EngramConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The download guard against a real HTTP server on loopback: loopback and private hosts refused unless allowed, a
 * redirect to a refused address refused (each hop resolved and checked again), a body past the limit cut off while it
 * streams, a slow server timed out, a failing one a 422.
 */
class DocumentFetcherTest {

    private static final int MAX_BYTES = 64 * 1024;

    private HttpServer server;
    private String origin;
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean streamCut;

    static EngramConfig.Documents settings(boolean allowPrivate, Duration timeout) {
        return new EngramConfig.Documents() {
            public boolean allowPrivateUrls() { return allowPrivate; }
            public int maxBytes() { return MAX_BYTES; }
            public int maxPages() { return 10; }
            public int maxChars() { return 100_000; }
            public int passageChars() { return 2000; }
            public Duration fetchTimeout() { return timeout; }
            public int maxRedirects() { return 3; }
        };
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/notes.md", ex -> {
            byte[] body = "# Notes\n\nI live in Porto.".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/markdown; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/to-other-loopback", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + server.getAddress().getPort() + "/notes.md");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/to-notes", ex -> {
            ex.getResponseHeaders().add("Location", "/notes.md");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/endless", ex -> { // chunked: no Content-Length to refuse up front
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    bytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                streamCut = true;
            }
        });
        server.createContext("/declared-large", ex -> {
            ex.sendResponseHeaders(200, 10L * MAX_BYTES);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[1024]);
            out.flush();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DocumentFetcher fetcher(boolean allowPrivate) {
        return new DocumentFetcher(settings(allowPrivate, Duration.ofSeconds(5)));
    }

    @Test
    void loopbackIsRefusedByDefault() {
        assertThatThrownBy(() -> fetcher(false).fetch(origin + "/notes.md", "url", "*/*"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("private")
                .hasMessageContaining("engram.documents.allow-private-urls");
        assertThatThrownBy(() -> fetcher(false).fetch("http://localhost:" + server.getAddress().getPort() + "/notes.md", "url", "*/*"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("private");
    }

    @Test
    void privateLinkLocalAndOddlyWrittenLoopbackAreRefusedBeforeAnyConnection() {
        DocumentFetcher strict = fetcher(false);
        for (String url : new String[]{"http://10.0.0.1/x", "http://192.168.1.1/x", "http://172.16.0.1/x", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x", "http://2130706433/x", "http://[::ffff:127.0.0.1]/x"}) {
            assertThatThrownBy(() -> strict.fetch(url, "url", "*/*")).as(url).isInstanceOf(ValidationException.class).hasMessageContaining("private");
        }
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoUserInfo() {
        DocumentFetcher any = fetcher(true);
        assertThatThrownBy(() -> any.fetch("file:///etc/passwd", "url", "*/*")).isInstanceOf(ValidationException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> any.fetch("ftp://example.com/a", "url", "*/*")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> any.fetch("http://user:pw@127.0.0.1/a", "url", "*/*")).hasMessageContaining("user information");
        assertThatThrownBy(() -> any.fetch("http:///a", "url", "*/*")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> any.fetch("http://no-such-host.invalid/a", "url", "*/*")).hasMessageContaining("does not resolve");
    }

    @Test
    void allowedWithTheSetting() {
        Download d = fetcher(true).fetch(origin + "/notes.md", "url", "*/*");
        assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo("# Notes\n\nI live in Porto.");
        assertThat(d.mediaType()).isEqualTo("text/markdown");
        assertThat(d.charset()).isEqualTo("utf-8");
        assertThat(d.url()).hasToString(origin + "/notes.md");
    }

    @Test
    void aRedirectIsFollowedAndEachHopIsCheckedAgain() {
        // Only 127.0.0.1 may be reached: the redirect to 127.0.0.2 (the same server) is refused at its own resolution.
        DocumentFetcher onlyFirst = new DocumentFetcher(settings(false, Duration.ofSeconds(5)), a -> a.getHostAddress().equals("127.0.0.1"));
        assertThat(onlyFirst.fetch(origin + "/to-notes", "url", "*/*").bytes()).hasSize(25);
        assertThatThrownBy(() -> onlyFirst.fetch(origin + "/to-other-loopback", "url", "*/*"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("127.0.0.2").hasMessageContaining("private");
        assertThatThrownBy(() -> onlyFirst.fetch(origin + "/loop", "url", "*/*"))
                .isInstanceOf(UnreadableContentException.class).hasMessageContaining("redirects more than 3 times");
    }

    @Test
    void anOversizedBodyIsCutOffWhileItStreams() {
        assertThatThrownBy(() -> fetcher(true).fetch(origin + "/endless", "url", "*/*"))
                .isInstanceOf(TooLargeException.class).hasMessageContaining(String.valueOf(MAX_BYTES));
        // The server meant to send 800 MB; the client hung up long before (socket buffers hold a few MB at most).
        long deadline = System.currentTimeMillis() + 10_000;
        while (!streamCut && System.currentTimeMillis() < deadline) Thread.onSpinWait();
        assertThat(streamCut).isTrue();
        assertThat(bytesSent.get()).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedUnread() {
        assertThatThrownBy(() -> fetcher(true).fetch(origin + "/declared-large", "url", "*/*")).isInstanceOf(TooLargeException.class);
    }

    @Test
    void aSlowOrFailingServerIs422() {
        DocumentFetcher impatient = new DocumentFetcher(settings(true, Duration.ofMillis(500)));
        assertThatThrownBy(() -> impatient.fetch(origin + "/slow", "url", "*/*"))
                .isInstanceOf(UnreadableContentException.class).hasMessageContaining("in time");
        assertThatThrownBy(() -> fetcher(true).fetch(origin + "/missing", "url", "*/*"))
                .isInstanceOf(UnreadableContentException.class).hasMessageContaining("HTTP 404");
    }
}
