package dev.engram.dashboard.store;

import dev.engram.dashboard.identity.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "invitations")
public class InvitationEntity implements OrgOwned {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "org_id", nullable = false, length = 128)
    public String orgId;

    @Column(name = "email", nullable = false, length = 320)
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    public Role role;

    @Column(name = "invited_by", nullable = false, length = 255)
    public String invitedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Override
    public String orgId() {
        return orgId;
    }

    Invitation toRecord() {
        return new Invitation(id, orgId, email, role, invitedBy, createdAt, acceptedAt);
    }
}
