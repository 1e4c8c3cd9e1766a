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
@Table(name = "memberships")
public class MembershipEntity implements OrgOwned {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "org_id", nullable = false, length = 128)
    public String orgId;

    @Column(name = "subject", nullable = false, length = 255)
    public String subject;

    @Column(name = "email", length = 320)
    public String email;

    @Column(name = "display_name", length = 256)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    public Role role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String orgId() {
        return orgId;
    }

    Membership toRecord() {
        return new Membership(orgId, subject, email, displayName, role, createdAt);
    }
}
