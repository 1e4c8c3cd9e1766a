package dev.engram.gateway.security;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.KeyScope;
import dev.engram.platform.error.ForbiddenException;
import dev.engram.platform.error.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every API request: reads {@code Authorization: Token <key>} (or {@code Bearer <key>}, or
 * {@code Bearer <OIDC access token>}), asks the {@link CredentialResolver}s for the caller, checks the route's {@link RequiresScope} and the key's rate budget, and
 * fills the request's {@link CallerContext}. A client address that keeps failing authentication is held back by
 * {@link FailedAuthLimiter}. Routes without the annotation are refused, so none is open by mistake.
 *
 * <p>An admin-scoped credential may act for another tenant by sending {@value #ORG_HEADER} and {@value #PROJECT_HEADER}
 * (the dashboard's memory browser does): the request then runs as that project, with the credential's own id and scopes.
 * This grants nothing new, since an admin key can already create keys for any project through the admin API; OIDC tokens
 * never carry the admin scope, so they cannot do it.
 */
public class AuthenticationFilter {

    /** Names the organisation an admin credential acts for; sent together with {@link #PROJECT_HEADER}. */
    public static final String ORG_HEADER = "X-Engram-Org-Id";
    /** Names the project an admin credential acts for; sent together with {@link #ORG_HEADER}. */
    public static final String PROJECT_HEADER = "X-Engram-Project-Id";

    private final Instance<CredentialResolver> resolvers;
    private final CallerContext context;
    private final RateLimiter rateLimiter;
    private final ApiKeyStore store;
    private final FailedAuthLimiter failedAuth;

    AuthenticationFilter(Instance<CredentialResolver> resolvers, CallerContext context, RateLimiter rateLimiter, ApiKeyStore store,
                         FailedAuthLimiter failedAuth) {
        this.failedAuth = failedAuth;
        this.resolvers = resolvers;
        this.context = context;
        this.rateLimiter = rateLimiter;
        this.store = store;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, SimpleResourceInfo resource, HttpServerRequest http) {
        RequiresScope required = requiredScope(resource);
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        failedAuth.check(address);
        Caller caller;
        try {
            caller = resolve(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (UnauthorizedException e) {
            failedAuth.failed(address);
            throw e;
        }
        rateLimiter.acquire(caller.credentialId());
        if (!caller.has(required.value())) {
            throw new ForbiddenException("These credentials lack the '" + required.value().wireName() + "' scope");
        }
        context.set(actingFor(request, caller));
    }

    private Caller resolve(String header) {
        if (header == null || header.isBlank()) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        String scheme = h.substring(0, space).toLowerCase(Locale.ROOT);
        String credential = h.substring(space + 1).strip();
        if (!scheme.equals("token") && !scheme.equals("bearer")) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        for (CredentialResolver r : resolvers) {
            Optional<Caller> c = r.resolve(scheme, credential);
            if (c.isPresent()) return c.get();
        }
        throw new UnauthorizedException(ApiKeyResolver.INVALID);
    }

    /** The caller itself, or, when the request names a tenant in the acting-for headers, the caller confined to that tenant. */
    private Caller actingFor(ContainerRequestContext request, Caller caller) {
        String org = request.getHeaderString(ORG_HEADER);
        String project = request.getHeaderString(PROJECT_HEADER);
        if (org == null && project == null) return caller;
        if (org == null || project == null) {
            throw new ValidationException(ORG_HEADER + " and " + PROJECT_HEADER + " must be sent together");
        }
        if (!caller.has(KeyScope.ADMIN)) {
            throw new ForbiddenException("Only credentials with the 'admin' scope may act for another project");
        }
        Tenant tenant;
        try {
            tenant = Tenant.of(org.strip(), project.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(ORG_HEADER + " and " + PROJECT_HEADER + " must be 1-128 characters without '/' or control characters");
        }
        if (store.project(tenant).isEmpty()) throw new NotFoundException("Project not found: " + tenant.orgId() + "/" + tenant.projectId());
        return new Caller(tenant, caller.credentialId(), caller.scopes(), caller.userEmail(), caller.defaultUserId());
    }

    private static RequiresScope requiredScope(SimpleResourceInfo resource) {
        try {
            Method m = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
            RequiresScope s = m.getAnnotation(RequiresScope.class);
            if (s == null) s = resource.getResourceClass().getAnnotation(RequiresScope.class);
            if (s != null) return s;
        } catch (NoSuchMethodException e) {
            // fall through: an unknown method is treated as unannotated
        }
        throw new ForbiddenException("This route is not open to API keys");
    }
}
