package dev.engram.dashboard.rest;

import dev.engram.core.domain.Page;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.dashboard.service.OrganisationView;
import dev.engram.dashboard.service.SignIn;
import dev.engram.dashboard.store.AuditEntry;
import dev.engram.dashboard.store.ExtractionMode;
import dev.engram.dashboard.store.Invitation;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.ProjectSettings;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The dashboard API's JSON shapes (snake_case on the wire, by the global Jackson naming strategy). */
final class Views {

    private Views() {
    }

    record Org(String id, String name, String role, Instant createdAt) {
        static Org of(OrganisationView v) {
            return new Org(v.organisation().id(), v.organisation().name(), v.role().wireName(), v.organisation().createdAt());
        }
    }

    /** {@code localAdministrator}: the standalone platform's sign-in, where no one else can sign in (no invitations). */
    record Me(String subject, String email, boolean emailVerified, String name, boolean localAdministrator, boolean signedUp,
              int invitationsAccepted, List<Org> organisations) {
        static Me of(SignIn s) {
            return new Me(s.caller().subject(), s.caller().email(), s.caller().emailVerified(), s.caller().friendlyName(),
                    s.caller().isLocalAdministrator(), s.organisationCreated(), s.invitationsAccepted(),
                    s.organisations().stream().map(Org::of).toList());
        }
    }

    record Member(String subject, String email, String displayName, String role, Instant joinedAt) {
        static Member of(Membership m) {
            return new Member(m.subject(), m.email(), m.displayName(), m.role().wireName(), m.createdAt());
        }
    }

    record InvitationView(UUID id, String email, String role, String invitedBy, Instant createdAt) {
        static InvitationView of(Invitation i) {
            return new InvitationView(i.id(), i.email(), i.role().wireName(), i.invitedBy(), i.createdAt());
        }
    }

    record AuditView(UUID id, Instant at, String actorSubject, String actorEmail, String action, String target, String detail) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.occurredAt(), e.actorSubject(), e.actorEmail(), e.action().wireName(), e.target(), e.detail());
        }
    }

    record AuditPage(long count, int page, int pageSize, List<AuditView> results) {
        static AuditPage of(Page<AuditEntry> p) {
            return new AuditPage(p.total(), p.page(), p.pageSize(), p.items().stream().map(AuditView::of).toList());
        }
    }

    record ProjectView(String id, String orgId, String name, Instant createdAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.tenant().projectId(), p.tenant().orgId(), p.name(), p.createdAt());
        }
    }

    record Key(UUID id, String name, String prefix, List<String> scopes, String createdBy, Instant createdAt,
               Instant lastUsedAt, Instant revokedAt, boolean active, String defaultUserId) {
        static Key of(ApiKey k) {
            return new Key(k.id(), k.name(), k.prefix(), k.scopes().stream().sorted().map(KeyScope::wireName).toList(),
                    k.userEmail(), k.createdAt(), k.lastUsedAt(), k.revokedAt(), k.active(), k.defaultUserId());
        }
    }

    /** A new key: the only response that carries its text ({@code key}). */
    record CreatedKey(UUID id, String name, String prefix, List<String> scopes, String createdBy, Instant createdAt,
                      String defaultUserId, String key) {
        static CreatedKey of(ApiKey k, String text) {
            return new CreatedKey(k.id(), k.name(), k.prefix(), k.scopes().stream().sorted().map(KeyScope::wireName).toList(),
                    k.userEmail(), k.createdAt(), k.defaultUserId(), text);
        }
    }

    record Webhook(String url, List<String> events) {
    }

    /** Project settings, read and written in this shape. */
    record Settings(String customInstructions, List<String> categories, String extractionMode, String llmProvider, String llmModel,
                    String llmProfile, Integer defaultExpirationDays, List<Webhook> webhooks, Instant updatedAt) {

        static Settings of(ProjectSettings s) {
            return new Settings(s.customInstructions(), s.categories(), s.extractionMode().name().toLowerCase(Locale.ROOT),
                    s.llmProvider(), s.llmModel(), s.llmProfile(), s.defaultExpirationDays(),
                    s.webhooks().stream().map(w -> new Webhook(w.url(), w.events())).toList(), s.updatedAt());
        }

        ProjectSettings toSettings() {
            noNulls(categories, "categories");
            noNulls(webhooks, "webhooks");
            List<ProjectSettings.Webhook> hooks = webhooks == null ? List.of() : webhooks.stream().map(w -> {
                noNulls(w.events(), "events");
                return new ProjectSettings.Webhook(w.url(), w.events());
            }).toList();
            return new ProjectSettings(customInstructions, categories, mode(extractionMode), llmProvider, llmModel, llmProfile,
                    defaultExpirationDays, hooks, null);
        }

        private static void noNulls(List<?> values, String field) {
            if (values != null && values.stream().anyMatch(java.util.Objects::isNull)) {
                throw new ValidationException("'" + field + "' must not contain null");
            }
        }

        private static ExtractionMode mode(String s) {
            if (s == null) return null;
            for (ExtractionMode m : ExtractionMode.values()) if (m.name().equalsIgnoreCase(s.strip())) return m;
            throw new ValidationException("'extraction_mode' must be offline or llm");
        }
    }

    record NameBody(String name) {
    }

    record ProjectBody(String name, String projectId) {
    }

    record RoleBody(String role) {
    }

    record InvitationBody(String email, String role) {
    }

    /** A new key: name, scopes, and optionally the default user MCP tools act for. */
    record KeyBody(String name, List<String> scopes, String defaultUserId) {
    }

    /** A change to a key: its default user (null or "" clears it). */
    record KeyChange(String defaultUserId) {
    }

    /** A request body, or a 400 when there is none. */
    static <T> T required(T body) {
        if (body == null) throw new ValidationException("A JSON request body is required");
        return body;
    }
}
