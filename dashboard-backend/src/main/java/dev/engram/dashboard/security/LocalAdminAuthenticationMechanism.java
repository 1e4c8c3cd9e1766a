package dev.engram.dashboard.security;

import dev.engram.dashboard.identity.ConsoleUser;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates the local administrator's session cookie ({@link LocalAdminSession}) when
 * {@code engram.dashboard.local-admin.enabled}; otherwise it recognises nobody and challenges nobody, and OIDC does both.
 * It runs before OIDC, so a browser without a session is sent to the page that explains the sign-in link instead of to
 * an identity provider that does not exist.
 */
@ApplicationScoped
public class LocalAdminAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The local administrator's subject: no identity provider issues it. */
    public static final String SUBJECT = ConsoleUser.LOCAL_ADMINISTRATOR_SUBJECT;
    static final String SIGN_IN_PAGE = "/local-sign-in.html";

    private final LocalAdminSession session;

    LocalAdminAuthenticationMechanism(LocalAdminSession session) {
        this.session = session;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!session.enabled()) return Uni.createFrom().nullItem();
        Cookie cookie = context.request().getCookie(LocalAdminSession.COOKIE);
        if (cookie == null || !session.sessionMatches(cookie.getValue())) return Uni.createFrom().nullItem();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(SUBJECT))
                .addCredential(new LocalAdminSession.LocalAdminCredential())
                .setAnonymous(false)
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!session.enabled()) return Uni.createFrom().nullItem();
        // API calls get a 401 problem from AccessFilter; a page request is sent to the explanation of the sign-in link.
        return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, SIGN_IN_PAGE));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }
}
