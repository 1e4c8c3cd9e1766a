package dev.engram.gateway.security;

import dev.engram.gateway.error.ForbiddenException;
import dev.engram.gateway.error.UnauthorizedException;
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
 * fills the request's {@link CallerContext}. Routes without the annotation are refused, so none is open by mistake.
 */
public class AuthenticationFilter {

    private final Instance<CredentialResolver> resolvers;
    private final CallerContext context;
    private final RateLimiter rateLimiter;

    AuthenticationFilter(Instance<CredentialResolver> resolvers, CallerContext context, RateLimiter rateLimiter) {
        this.resolvers = resolvers;
        this.context = context;
        this.rateLimiter = rateLimiter;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        RequiresScope required = requiredScope(resource);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        String scheme = h.substring(0, space).toLowerCase(Locale.ROOT);
        String credential = h.substring(space + 1).strip();
        if (!scheme.equals("token") && !scheme.equals("bearer")) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        Caller caller = null;
        for (CredentialResolver r : resolvers) {
            Optional<Caller> c = r.resolve(scheme, credential);
            if (c.isPresent()) {
                caller = c.get();
                break;
            }
        }
        if (caller == null) throw new UnauthorizedException(ApiKeyResolver.INVALID);
        rateLimiter.acquire(caller.credentialId());
        if (!caller.has(required.value())) {
            throw new ForbiddenException("These credentials lack the '" + required.value().wireName() + "' scope");
        }
        context.set(caller);
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
