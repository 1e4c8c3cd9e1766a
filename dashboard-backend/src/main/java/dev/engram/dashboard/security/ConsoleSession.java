package dev.engram.dashboard.security;

import dev.engram.platform.error.ForbiddenException;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Cross-site request forgery defence for API calls made with the console's session cookie. A browser attaches cookies
 * to requests other sites trigger, but it only sends a custom header cross-origin after a CORS preflight, which this
 * server never grants. So a request authenticated by the session cookie (an ID token credential: the
 * authorization-code flow) must carry {@value #HEADER}: {@value #VALUE}, which the console's own {@code fetch} calls
 * send. The same header makes Quarkus answer 499 instead of a redirect to the login page when the session has ended
 * ({@code quarkus.oidc.authentication.java-script-auto-redirect=false}). Bearer-token calls are not affected. The local
 * administrator's session cookie ({@link LocalAdminSession}) is a console session too.
 */
final class ConsoleSession {

    static final String HEADER = "X-Requested-With";
    static final String VALUE = "JavaScript";

    private ConsoleSession() {
    }

    static boolean isSession(SecurityIdentity identity) {
        return identity.getCredential(IdTokenCredential.class) != null
                || identity.getCredential(LocalAdminSession.LocalAdminCredential.class) != null;
    }

    static void requireConsoleHeader(SecurityIdentity identity, ContainerRequestContext request) {
        if (isSession(identity) && !VALUE.equals(request.getHeaderString(HEADER))) {
            throw new ForbiddenException("Console API calls need the " + HEADER + ": " + VALUE + " header");
        }
    }
}
