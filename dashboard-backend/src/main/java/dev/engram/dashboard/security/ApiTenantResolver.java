package dev.engram.dashboard.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the OIDC tenant per request. API requests ({@value #API_PATH}) without a console session cookie go to the
 * bearer-only tenant {@value #API_TENANT}, so a missing or bad token is a 401 rather than a redirect to the login page;
 * everything else (console pages, API calls of a signed-in console) uses the default hybrid tenant.
 */
@ApplicationScoped
public class ApiTenantResolver implements TenantResolver {

    static final String API_TENANT = "api";
    static final String API_PATH = "/api/";
    /** The default tenant's session cookie (also its chunks, {@code q_session_chunk_N}). */
    private static final String SESSION_COOKIE = "q_session";

    @Override
    public String resolve(RoutingContext context) {
        if (!context.normalizedPath().startsWith(API_PATH)) return null;
        for (Cookie c : context.request().cookies()) {
            if (c.getName().startsWith(SESSION_COOKIE)) return null;
        }
        return API_TENANT;
    }
}
