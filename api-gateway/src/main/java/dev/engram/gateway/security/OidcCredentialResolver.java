package dev.engram.gateway.security;

import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.domain.Tenant;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.platform.error.ForbiddenException;
import dev.engram.gateway.error.IdentityProviderUnavailableException;
import dev.engram.platform.error.UnauthorizedException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves OIDC access tokens ({@code Bearer <JWT>}) when {@code quarkus.oidc.tenant-enabled=true}. quarkus-oidc's
 * default tenant verifies the token (signature against the provider's keys, issuer, expiry, audience when configured);
 * this class then maps its claims to a {@link Caller}: the tenant from {@code engram.oidc.org-claim} and
 * {@code engram.oidc.project-claim}, the scopes from {@code engram.oidc.roles-claim} (read and write when absent), the
 * e-mail from {@code engram.oidc.email-claim}, and {@code oidc:<sub>} as the credential id the rate limiter counts.
 * <p>
 * A token names its tenant, but cannot invent one: the project must exist in the {@link ApiKeyStore}. Verification is
 * awaited on the request's worker thread ({@link AuthenticationFilter} runs after RESTEasy's switch off the event loop);
 * Mutiny refuses to block an event-loop thread, so a misplaced call fails loudly instead of stalling the server.
 */
@ApplicationScoped
public class OidcCredentialResolver implements CredentialResolver {

    static final String INVALID = "Invalid bearer token: it is malformed, expired, or not signed and issued by the configured identity provider";
    private static final Logger LOG = Logger.getLogger(OidcCredentialResolver.class);
    private static final Set<KeyScope> DEFAULT_SCOPES = EnumSet.of(KeyScope.READ, KeyScope.WRITE);
    private static final Set<KeyScope> TOKEN_SCOPES = DEFAULT_SCOPES;

    private final boolean enabled;
    private final TenantIdentityProvider verifier;
    private final ApiKeyStore store;
    private final EngramConfig.Oidc config;

    OidcCredentialResolver(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean enabled,
                           TenantIdentityProvider verifier, ApiKeyStore store, EngramConfig config) {
        this.enabled = enabled;
        this.verifier = verifier;
        this.store = store;
        this.config = config.oidc();
    }

    @Override
    public Optional<Caller> resolve(String scheme, String credential) {
        if (!enabled || !"bearer".equals(scheme) || !CompactJwt.matches(credential)) return Optional.empty();
        JsonWebToken token = verify(credential);
        Tenant tenant = tenant(token);
        if (store.project(tenant).isEmpty()) {
            throw new ForbiddenException("The token's project '" + tenant.projectId() + "' of organisation '" + tenant.orgId()
                    + "' does not exist; an administrator creates it through the admin API");
        }
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) throw new UnauthorizedException(INVALID + " (it has no 'sub' claim)");
        return Optional.of(new Caller(tenant, "oidc:" + subject, scopes(token), text(token.getClaim(config.emailClaim()))));
    }

    private JsonWebToken verify(String credential) {
        SecurityIdentity identity;
        try {
            identity = verifier.authenticate(new AccessTokenCredential(credential)).await().atMost(config.verifyTimeout());
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new IdentityProviderUnavailableException("The identity provider did not answer in time; retry later");
        } catch (AuthenticationFailedException | OIDCException e) {
            LOG.debugf(e, "Bearer token refused");
            throw new UnauthorizedException(INVALID);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) return jwt;
        throw new UnauthorizedException(INVALID); // an opaque token verified by introspection carries no tenant claims
    }

    private Tenant tenant(JsonWebToken token) {
        String org = text(token.getClaim(config.orgClaim()));
        String project = text(token.getClaim(config.projectClaim()));
        if (org == null || project == null) {
            throw new ForbiddenException("The token names no tenant: it needs the claims '" + config.orgClaim() + "' and '"
                    + config.projectClaim() + "' (configure the identity provider to add them)");
        }
        try {
            return Tenant.of(org, project);
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("The token's tenant claims are not valid ids: " + e.getMessage());
        }
    }

    /**
     * Scopes named by the roles claim: read and write. Other names are other applications' roles and ignored, and so is
     * admin: the admin scope manages every organisation's projects and keys, so it is given only to API keys the
     * platform administrator issues, never to whoever an identity provider vouches for.
     */
    private Set<KeyScope> scopes(JsonWebToken token) {
        Object claim = token.getClaim(config.rolesClaim());
        if (claim == null) return DEFAULT_SCOPES;
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (String name : values(claim)) {
            for (KeyScope s : TOKEN_SCOPES) if (s.wireName().equalsIgnoreCase(name)) scopes.add(s);
        }
        return scopes;
    }

    /** A claim's values: the elements of an array, or the words of a space- or comma-separated string. */
    private static List<String> values(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> items) {
            for (Object item : items) {
                String t = text(item);
                if (t != null) out.add(t);
            }
        } else {
            String t = text(claim);
            if (t != null) for (String word : t.split("[\\s,]+")) if (!word.isBlank()) out.add(word);
        }
        return out;
    }

    /** A claim's text, or null when absent or blank; JSON strings are unquoted, other JSON values are not text. */
    private static String text(Object claim) {
        String t = switch (claim) {
            case null -> null;
            case String s -> s;
            case JsonString s -> s.getString();
            case JsonValue v -> null;
            default -> claim.toString();
        };
        return t == null || t.isBlank() ? null : t.strip();
    }
}
