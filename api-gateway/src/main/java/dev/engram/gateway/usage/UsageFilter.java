package dev.engram.gateway.usage;

import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageSink;
import dev.engram.gateway.security.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Records one {@link UsageEvent.Kind#REQUEST} usage event per authenticated API request: the route template (from the
 * resource's {@code @Path} annotations, so no ids end up in the key), status, latency, tenant, and what the services
 * noted in {@link RequestUsage}. Requests without a caller (refused credentials) or without a matched route have no
 * tenant to count them for and are not recorded.
 */
public class UsageFilter {

    private static final String STARTED = UsageFilter.class.getName() + ".started";

    @Inject
    UsageSink sink;
    @Inject
    CallerContext caller;
    @Inject
    RequestUsage usage;

    private final Clock clock = Clock.systemUTC();

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!(request.getProperty(STARTED) instanceof Long started)) return;
        var current = caller.current();
        String route = route(request.getMethod(), resource);
        if (current.isEmpty() || route == null) return;
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        sink.emit(UsageEvent.request(current.get().tenant(), clock.instant(), usage.operation(), route, response.getStatus(),
                latencyMs, usage.userId(), usage.contextTokens(), usage.rawTokens()));
    }

    /** {@code POST /v3/memories/search/}: method, class and method {@code @Path}s joined, with Mem0's trailing slash. */
    static String route(String httpMethod, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) return null;
        Path classPath = resource.getResourceClass().getAnnotation(Path.class);
        Path methodPath = null;
        try {
            Method m = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
            methodPath = m.getAnnotation(Path.class);
        } catch (NoSuchMethodException | RuntimeException e) {
            // a method we cannot see: the class path alone
        }
        String path = "/" + (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value()) + "/";
        return httpMethod + " " + path.replaceAll("/{2,}", "/");
    }
}
