package dev.engram.dashboard.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The Panache repositories of the dashboard's persistence unit; only the stores of this package use them. */
final class Repositories {

    private Repositories() {
    }

    @ApplicationScoped
    static class Organisations implements PanacheRepositoryBase<OrganisationEntity, String> {
    }

    @ApplicationScoped
    static class Users implements PanacheRepositoryBase<UserEntity, String> {
    }

    @ApplicationScoped
    static class Memberships implements PanacheRepositoryBase<MembershipEntity, UUID> {
    }

    @ApplicationScoped
    static class Invitations implements PanacheRepositoryBase<InvitationEntity, UUID> {
    }

    @ApplicationScoped
    static class Audit implements PanacheRepositoryBase<AuditEntity, UUID> {
    }

    @ApplicationScoped
    static class Settings implements PanacheRepositoryBase<ProjectSettingsEntity, ProjectSettingsKey> {
    }
}
