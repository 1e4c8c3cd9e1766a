package dev.engram.dashboard.security;

import dev.engram.dashboard.identity.ConsoleUser;
import dev.engram.dashboard.store.Membership;
import jakarta.enterprise.context.RequestScoped;

/**
 * What {@link AccessFilter} established about the current request: the signed-in caller and, on organisation routes,
 * their membership of the organisation in the path.
 */
@RequestScoped
public class CurrentAccess {

    private ConsoleUser caller;
    private Membership membership;

    void set(ConsoleUser caller, Membership membership) {
        this.caller = caller;
        this.membership = membership;
    }

    public ConsoleUser caller() {
        if (caller == null) throw new IllegalStateException("No caller: the route was not checked by AccessFilter");
        return caller;
    }

    /** The caller's membership of the path's organisation; only on {@link OrgAccess} routes. */
    public Membership membership() {
        if (membership == null) throw new IllegalStateException("No membership: the route is not an @OrgAccess route");
        return membership;
    }
}
