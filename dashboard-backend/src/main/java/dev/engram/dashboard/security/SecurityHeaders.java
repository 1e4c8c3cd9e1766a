package dev.engram.dashboard.security;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers every response of the dashboard carries (docs/security.md#the-console): a Content-Security-Policy that
 * allows only the console's own files (no inline script or style, no framing), {@code X-Frame-Options: DENY} for older
 * browsers, {@code X-Content-Type-Options: nosniff} and a same-origin referrer policy. Pages, scripts and style sheets
 * are revalidated on every use ({@code Cache-Control: no-cache}): their names carry no content hash, so a cached copy
 * marked immutable would outlive an upgrade. The headers are set when the response's headers are written, after every
 * handler (static files, REST, sign-in), so none of them can leave one out.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::addOnHeadersEnd);
    }

    private static void addOnHeadersEnd(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> apply(ctx.response().headers()));
        ctx.next();
    }

    static void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", headers.contains("Referrer-Policy") ? headers.get("Referrer-Policy") : "same-origin");
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null && isPageOrCode(type) && !"no-store".equals(headers.get(HttpHeaders.CACHE_CONTROL))) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

    private static boolean isPageOrCode(String contentType) {
        String t = contentType.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("text/html") || t.startsWith("text/javascript") || t.startsWith("application/javascript") || t.startsWith("text/css");
    }
}
