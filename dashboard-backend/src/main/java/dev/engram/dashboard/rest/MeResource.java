package dev.engram.dashboard.rest;

import dev.engram.dashboard.security.CurrentAccess;
import dev.engram.dashboard.security.SignedIn;
import dev.engram.dashboard.service.OrganisationService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The signed-in person. The first call signs them up (see {@link OrganisationService#signIn}). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    OrganisationService organisations;
    @Inject
    CurrentAccess access;

    @GET
    @SignedIn
    public Views.Me me() {
        return Views.Me.of(organisations.signIn(access.caller()));
    }
}
