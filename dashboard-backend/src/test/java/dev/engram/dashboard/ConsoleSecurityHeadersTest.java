package dev.engram.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's secure defaults (docs/security.md#the-console): a Content-Security-Policy without inline script and
 * without framing, nosniff and a referrer policy on every response, pages and scripts never cached as immutable, the
 * session cookie Secure behind a TLS-terminating proxy, and no inline script, handler or style in the console's files.
 * Standalone profile (same boot as {@link StandaloneProfileTest}).
 */
@QuarkusTest
@TestProfile(StandaloneProfileTest.Standalone.class)
class ConsoleSecurityHeadersTest {

    private static final Path STATIC = Path.of("src/main/resources/META-INF/resources");

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        String session = signIn(false).getCookie("engram_local_session");
        List<Response> responses = List.of(
                given().redirects().follow(false).cookie("engram_local_session", session).get("/console/"),
                given().cookie("engram_local_session", session).get("/console/app.js"),
                given().get("/local-sign-in.html"),
                given().get("/pages.css"),
                given().header("X-Requested-With", "JavaScript").get("/api/v1/me"),
                given().get("/no-such-page"));
        for (Response r : responses) {
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as("CSP").contains("script-src 'self'").contains("frame-ancestors 'none'").contains("default-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isIn("same-origin", "no-referrer");
        }
        assertThat(responses.get(0).statusCode()).isEqualTo(200);
        assertThat(responses.get(1).statusCode()).isEqualTo(200);
        assertThat(responses.get(4).statusCode()).isEqualTo(401);
    }

    @Test
    void pagesScriptsAndStylesAreRevalidatedNeverCachedAsImmutable() {
        String session = signIn(false).getCookie("engram_local_session");
        for (String path : List.of("/console/", "/console/index.html", "/console/app.js", "/console/console.css")) {
            Response r = given().cookie("engram_local_session", session).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        for (String path : List.of("/local-sign-in.html", "/signed-out.html", "/pages.css", "/")) {
            Response r = given().redirects().follow(false).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
    }

    @Test
    void theSessionCookieIsSecureWhenTheBrowserUsedHttpsThroughAProxy() {
        assertThat(signIn(true).header("Set-Cookie")).contains("engram_local_session=").containsIgnoringCase("; Secure");
        assertThat(signIn(false).header("Set-Cookie")).contains("engram_local_session=").doesNotContainIgnoringCase("Secure");
    }

    @Test
    void theConsolesFilesHaveNoInlineScriptHandlerOrStyle() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(STATIC)) {
            files = walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js")).toList();
        }
        assertThat(files).hasSizeGreaterThan(4);
        for (Path f : files) {
            String text = Files.readString(f);
            if (f.toString().endsWith(".html")) {
                assertThat(inlineScript.matcher(text).find()).as(f + ": inline <script>").isFalse();
                assertThat(handler.matcher(text).find()).as(f + ": on...= handler").isFalse();
            }
            // Markup that scripts build (innerHTML and templates) obeys the same policy.
            assertThat(style.matcher(text).find()).as(f + ": inline style or javascript: URL").isFalse();
        }
    }

    private static Response signIn(boolean forwardedHttps) {
        var request = given().redirects().follow(false).queryParam("token", StandaloneProfileTest.LOCAL_ADMIN_TOKEN);
        if (forwardedHttps) request = request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "engram.example.com");
        Response r = request.get("/local-sign-in");
        assertThat(r.statusCode()).isEqualTo(303);
        return r;
    }
}
