package dev.engram.dashboard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "organisations")
public class OrganisationEntity implements OrgOwned {

    @Id
    @Column(name = "id", length = 128)
    public String id;

    @Column(name = "name", nullable = false, length = 256)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String orgId() {
        return id;
    }

    Organisation toRecord() {
        return new Organisation(id, name, createdAt);
    }
}
