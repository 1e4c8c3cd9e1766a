package dev.engram.dashboard.security;

import dev.engram.dashboard.identity.ConsoleUser;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Reads the {@link ConsoleUser} from an authenticated identity. Both OIDC paths yield a {@link JsonWebToken} principal: the
 * bearer access token, or the ID token of a console session. Keycloak puts {@code email}, {@code email_verified} and
 * {@code name} in both when the client asks for the {@code email} and {@code profile} scopes. The local administrator's
 * session ({@link LocalAdminSession}) is the one identity without a token.
 */
final class CallerResolver {

    private CallerResolver() {
    }

    static Optional<ConsoleUser> from(SecurityIdentity identity) {
        if (identity != null && identity.getCredential(LocalAdminSession.LocalAdminCredential.class) != null) {
            return Optional.of(ConsoleUser.LOCAL_ADMINISTRATOR);
        }
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) return Optional.empty();
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) return Optional.empty();
        String email = jwt.getClaim("email");
        Object verified = jwt.getClaim("email_verified");
        String name = jwt.getClaim("name");
        if (name == null) name = jwt.getClaim("preferred_username");
        return Optional.of(new ConsoleUser(subject, email, isTrue(verified), name));
    }

    private static boolean isTrue(Object claim) {
        if (claim instanceof Boolean b) return b;
        if (claim instanceof jakarta.json.JsonValue v) return v == jakarta.json.JsonValue.TRUE;
        return claim != null && "true".equalsIgnoreCase(claim.toString());
    }
}
