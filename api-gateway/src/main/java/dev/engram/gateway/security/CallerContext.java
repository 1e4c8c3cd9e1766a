package dev.engram.gateway.security;

import dev.engram.core.domain.Tenant;
import dev.engram.platform.error.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated caller of the current request, set once by {@link AuthenticationFilter}. Services take the tenant
 * from here and nowhere else: tenant resolution happens in one place.
 */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller c) {
        this.caller = c;
    }

    public Caller caller() {
        if (caller == null) throw new UnauthorizedException("Invalid API key: no credentials were presented");
        return caller;
    }

    /** The caller, when the request was authenticated (the usage filter runs for refused requests too). */
    public java.util.Optional<Caller> current() {
        return java.util.Optional.ofNullable(caller);
    }

    public Tenant tenant() {
        return caller().tenant();
    }
}
