package dev.engram.dashboard.rest;

import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.security.CurrentAccess;
import dev.engram.dashboard.security.OrgAccess;
import dev.engram.dashboard.security.SignedIn;
import dev.engram.dashboard.service.AuditLog;
import dev.engram.dashboard.service.MemberService;
import dev.engram.dashboard.service.OrganisationService;
import dev.engram.dashboard.service.OrganisationView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** Organisations, their members and invitations. Rights: {@link OrgAccess} per method, see docs/dashboard.md. */
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    @Inject
    OrganisationService organisations;
    @Inject
    MemberService members;
    @Inject
    CurrentAccess access;
    @Inject
    AuditLog audit;

    @GET
    @SignedIn
    public List<Views.Org> mine() {
        return organisations.mine(access.caller().subject()).stream().map(Views.Org::of).toList();
    }

    @POST
    @SignedIn
    public Response create(Views.NameBody body) {
        OrganisationView created = organisations.create(access.caller(), Views.required(body).name());
        return Response.status(Response.Status.CREATED).entity(Views.Org.of(created)).build();
    }

    @GET
    @Path("{org_id}")
    @OrgAccess(Role.READER)
    public Views.Org get(@PathParam("org_id") String orgId) {
        return Views.Org.of(new OrganisationView(organisations.get(orgId), access.membership().role()));
    }

    @PATCH
    @Path("{org_id}")
    @OrgAccess(Role.ADMIN)
    public Views.Org rename(@PathParam("org_id") String orgId, Views.NameBody body) {
        return Views.Org.of(new OrganisationView(organisations.rename(access.membership(), Views.required(body).name()), access.membership().role()));
    }

    @DELETE
    @Path("{org_id}")
    @OrgAccess(Role.OWNER)
    public Response delete(@PathParam("org_id") String orgId) {
        organisations.delete(orgId);
        return Response.noContent().build();
    }

    @GET
    @Path("{org_id}/members")
    @OrgAccess(Role.READER)
    public List<Views.Member> members(@PathParam("org_id") String orgId) {
        return members.list(orgId).stream().map(Views.Member::of).toList();
    }

    @PATCH
    @Path("{org_id}/members/{subject}")
    @OrgAccess(Role.ADMIN)
    public Views.Member changeRole(@PathParam("org_id") String orgId, @PathParam("subject") String subject, Views.RoleBody body) {
        return Views.Member.of(members.changeRole(access.membership(), subject, Role.parse(Views.required(body).role())));
    }

    @DELETE
    @Path("{org_id}/members/{subject}")
    @OrgAccess(Role.ADMIN)
    public Response remove(@PathParam("org_id") String orgId, @PathParam("subject") String subject) {
        members.remove(access.membership(), subject);
        return Response.noContent().build();
    }

    /** The caller leaves the organisation (not its last owner). */
    @POST
    @Path("{org_id}/leave")
    @OrgAccess(Role.READER)
    public Response leave(@PathParam("org_id") String orgId) {
        members.remove(access.membership(), access.membership().subject());
        return Response.noContent().build();
    }

    @GET
    @Path("{org_id}/invitations")
    @OrgAccess(Role.ADMIN)
    public List<Views.InvitationView> invitations(@PathParam("org_id") String orgId) {
        return members.invitations(orgId).stream().map(Views.InvitationView::of).toList();
    }

    @POST
    @Path("{org_id}/invitations")
    @OrgAccess(Role.ADMIN)
    public Response invite(@PathParam("org_id") String orgId, Views.InvitationBody body) {
        Views.InvitationBody b = Views.required(body);
        Role role = b.role() == null ? Role.MEMBER : Role.parse(b.role());
        return Response.status(Response.Status.CREATED)
                .entity(Views.InvitationView.of(members.invite(access.membership(), b.email(), role))).build();
    }

    @DELETE
    @Path("{org_id}/invitations/{invitation_id}")
    @OrgAccess(Role.ADMIN)
    public Response revokeInvitation(@PathParam("org_id") String orgId, @PathParam("invitation_id") UUID id) {
        members.revokeInvitation(access.membership(), id);
        return Response.noContent().build();
    }

    /** The organisation's audit log, newest first (owners only: it names every member and key). */
    @GET
    @Path("{org_id}/audit")
    @OrgAccess(Role.OWNER)
    public Views.AuditPage audit(@PathParam("org_id") String orgId, @QueryParam("page") Integer page,
                                 @QueryParam("page_size") Integer pageSize) {
        return Views.AuditPage.of(audit.page(orgId, page == null ? 1 : page, pageSize == null ? 50 : pageSize));
    }
}
