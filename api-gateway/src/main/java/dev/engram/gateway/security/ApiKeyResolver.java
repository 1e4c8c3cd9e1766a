package dev.engram.gateway.security;

import dev.engram.core.tenant.ApiKeys;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.ApiKey;
import dev.engram.platform.error.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves API keys ({@code Token <key>}, or {@code Bearer <key>}) against the {@link ApiKeyStore}. {@code last_used_at}
 * is written at most once a minute per key, so authentication does not turn every read into a database write.
 */
@ApplicationScoped
public class ApiKeyResolver implements CredentialResolver {

    static final String INVALID = "Invalid API key. Pass a valid key as 'Authorization: Token <key>'.";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyStore store;
    private final Clock clock = Clock.systemUTC();
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    ApiKeyResolver(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Optional<Caller> resolve(String scheme, String credential) {
        if ("bearer".equals(scheme) && CompactJwt.matches(credential)) return Optional.empty(); // an OIDC token
        if (!ApiKeys.wellFormed(credential)) {
            if ("token".equals(scheme)) throw new UnauthorizedException(INVALID);
            return Optional.empty(); // a Bearer credential that is no key may be a token for another resolver
        }
        ApiKey key = store.findByKey(credential).filter(ApiKey::active).orElseThrow(() -> new UnauthorizedException(INVALID));
        Instant now = clock.instant();
        Instant last = lastTouched.get(key.id());
        if (last == null || last.plus(TOUCH_INTERVAL).isBefore(now)) {
            lastTouched.put(key.id(), now);
            store.touch(key.id(), now);
        }
        return Optional.of(new Caller(key.tenant(), key.id().toString(), key.scopes(), key.userEmail(), key.defaultUserId()));
    }
}
