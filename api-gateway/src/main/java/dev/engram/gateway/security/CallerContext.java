package dev.engram.gateway.security;

import dev.engram.core.domain.Tenant;
import dev.engram.gateway.error.UnauthorizedException;
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

    public Tenant tenant() {
        return caller().tenant();
    }
}
