package dev.engram.dashboard.security;

import dev.engram.core.error.ConfigurationException;
import dev.engram.dashboard.config.DashboardConfig;
import io.quarkus.security.credential.Credential;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The local administrator's sign-in (the standalone platform, no identity provider): whoever opens the sign-in link,
 * which carries the secret {@code engram.dashboard.local-admin.token}, gets a session cookie; the cookie holds an HMAC of
 * a fixed label under that secret, so it needs no server-side state, outlives restarts, and every session ends when the
 * secret changes. Comparisons are constant-time.
 */
@Singleton
public class LocalAdminSession {

    public static final String COOKIE = "engram_local_session";
    static final int MIN_TOKEN_LENGTH = 32;
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final String LABEL = "engram-local-administrator-session-v1";

    /** Marks an identity as the local administrator's (see {@link CallerResolver}). */
    public static final class LocalAdminCredential implements Credential {
    }

    private final boolean enabled;
    private final byte[] token;
    private final String sessionValue;

    @Inject
    LocalAdminSession(DashboardConfig config) {
        this(config.dashboard().localAdmin().enabled(), config.dashboard().localAdmin().token());
    }

    LocalAdminSession(boolean enabled, Optional<String> configuredToken) {
        this.enabled = enabled;
        Optional<String> t = configuredToken.map(String::strip).filter(s -> !s.isEmpty());
        if (enabled && (t.isEmpty() || t.get().length() < MIN_TOKEN_LENGTH)) {
            throw new ConfigurationException("engram.dashboard.local-admin.enabled=true needs engram.dashboard.local-admin.token "
                    + "(ENGRAM_DASHBOARD_LOCAL_ADMIN_TOKEN) of at least " + MIN_TOKEN_LENGTH + " characters");
        }
        this.token = enabled ? t.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
        this.sessionValue = enabled ? hmac(token) : null;
    }

    public boolean enabled() {
        return enabled;
    }

    /** True when the sign-in link's token is the configured secret. */
    public boolean tokenMatches(String candidate) {
        return enabled && candidate != null && MessageDigest.isEqual(token, candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** True when the request's cookie value is a session of the current secret. */
    public boolean sessionMatches(String cookieValue) {
        return enabled && cookieValue != null
                && MessageDigest.isEqual(sessionValue.getBytes(StandardCharsets.US_ASCII), cookieValue.getBytes(StandardCharsets.US_ASCII));
    }

    /** The session cookie: HttpOnly, SameSite=Lax, Secure when the console is served over HTTPS. */
    public Cookie sessionCookie(boolean secure) {
        return Cookie.cookie(COOKIE, sessionValue).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX).setMaxAge(LIFETIME.toSeconds());
    }

    /** A cookie that removes the session (sign-out). */
    public Cookie expiredCookie(boolean secure) {
        return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX).setMaxAge(0);
    }

    private static String hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
