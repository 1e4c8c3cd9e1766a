package dev.engram.dashboard.security;

import dev.engram.core.error.NotFoundException;
import dev.engram.dashboard.identity.ConsoleUser;
import dev.engram.dashboard.service.Memberships;
import dev.engram.dashboard.store.Membership;
import dev.engram.platform.error.ForbiddenException;
import dev.engram.platform.error.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;

/**
 * The one place where the dashboard API decides who may call what. Every resource method carries {@link SignedIn} or
 * {@link OrgAccess}; others are refused. A request without a valid sign-in is a 401; on organisation routes a caller
 * who is not a member gets 404 (the organisation's existence is not revealed) and a member whose role is below the
 * route's gets 403. Calls with the console's session cookie must carry the console's header ({@link ConsoleSession}:
 * cross-site request forgery). What passes is recorded in {@link CurrentAccess} for the resource.
 */
public class AccessFilter {

    static final String NOT_FOUND = "Organisation not found";
    /** The console API signs in with OIDC bearer tokens: what a 401's {@code WWW-Authenticate} asks for. */
    static final String BEARER = "Bearer";

    private final SecurityIdentity identity;
    private final Memberships memberships;
    private final CurrentAccess access;

    AccessFilter(SecurityIdentity identity, Memberships memberships, CurrentAccess access) {
        this.identity = identity;
        this.memberships = memberships;
        this.access = access;
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request, SimpleResourceInfo resource) {
        Method method = method(resource);
        OrgAccess orgAccess = method == null ? null : method.getAnnotation(OrgAccess.class);
        boolean signedIn = method != null && method.isAnnotationPresent(SignedIn.class);
        if (orgAccess == null && !signedIn) throw new ForbiddenException("This route is not open");
        ConsoleUser caller = CallerResolver.from(identity)
                .orElseThrow(() -> new UnauthorizedException("Sign in with an OIDC bearer token or a console session", BEARER));
        ConsoleSession.requireConsoleHeader(identity, request);
        if (orgAccess == null) {
            access.set(caller, null);
            return;
        }
        String orgId = request.getUriInfo().getPathParameters().getFirst(OrgAccess.ORG_PARAM);
        if (orgId == null) throw new IllegalStateException(resource.getMethodName() + " has @OrgAccess but no {org_id} path parameter");
        Membership membership = memberships.find(orgId, caller.subject()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (!membership.role().atLeast(orgAccess.value())) {
            throw new ForbiddenException("This needs the " + orgAccess.value().wireName() + " role or higher; you are "
                    + membership.role().wireName());
        }
        access.set(caller, membership);
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
