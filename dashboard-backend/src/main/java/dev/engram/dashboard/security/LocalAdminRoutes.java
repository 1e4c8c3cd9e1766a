package dev.engram.dashboard.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The local administrator's sign-in link and sign-out, registered only when the local administrator is enabled:
 * {@code GET /local-sign-in?token=...} sets the session cookie and sends the browser to the console (so the token leaves
 * the address bar); {@code /console/sign-out} removes it. With OIDC, Quarkus itself serves {@code /console/sign-out}.
 */
@ApplicationScoped
public class LocalAdminRoutes {

    static final String SIGN_IN = "/local-sign-in";

    void register(@Observes Router router, LocalAdminSession session) {
        if (!session.enabled()) return;
        router.get(SIGN_IN).handler(ctx -> signIn(ctx, session));
        router.route("/console/sign-out").order(-1).handler(ctx -> {
            ctx.response().addCookie(session.expiredCookie(secure(ctx)));
            redirect(ctx, "/signed-out.html");
        });
    }

    private static void signIn(RoutingContext ctx, LocalAdminSession session) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer");
        if (!session.tokenMatches(ctx.request().getParam("token"))) {
            ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("This sign-in link is not valid: use the one ./engram up printed (it is also in the data directory's console-sign-in file).\n");
            return;
        }
        ctx.response().addCookie(session.sessionCookie(secure(ctx)));
        redirect(ctx, "/console/");
    }

    private static boolean secure(RoutingContext ctx) {
        return "https".equalsIgnoreCase(ctx.request().scheme());
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, location).end();
    }
}
