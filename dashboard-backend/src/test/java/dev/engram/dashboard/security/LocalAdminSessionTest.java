package dev.engram.dashboard.security;

import dev.engram.core.error.ConfigurationException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalAdminSessionTest {

    private static final String TOKEN = "Zq8rT4wX2mN7vB1cK9dF3gH6jL0pS5aE8yU2iO4tR7e";

    @Test
    void theLinkTokenAndTheSessionCookieMatchOnlyTheConfiguredSecret() {
        LocalAdminSession session = new LocalAdminSession(true, Optional.of(TOKEN));
        assertThat(session.tokenMatches(TOKEN)).isTrue();
        assertThat(session.tokenMatches(" " + TOKEN + "\n")).as("copied with white space").isTrue();
        assertThat(session.tokenMatches(TOKEN.substring(1))).isFalse();
        assertThat(session.tokenMatches(null)).isFalse();

        Cookie cookie = session.sessionCookie(false);
        assertThat(cookie.getValue()).as("the cookie is not the secret itself").doesNotContain(TOKEN);
        assertThat(session.sessionMatches(cookie.getValue())).isTrue();
        assertThat(session.sessionMatches(cookie.getValue() + "x")).isFalse();
        assertThat(session.sessionMatches("")).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(CookieSameSite.LAX);
        assertThat(session.sessionCookie(true).isSecure()).isTrue();
        assertThat(session.expiredCookie(false).getMaxAge()).isZero();
    }

    @Test
    void anotherSecretEndsEverySession() {
        String before = new LocalAdminSession(true, Optional.of(TOKEN)).sessionCookie(false).getValue();
        LocalAdminSession rotated = new LocalAdminSession(true, Optional.of(TOKEN.replace('Z', 'Y')));
        assertThat(rotated.sessionMatches(before)).isFalse();
        assertThat(new LocalAdminSession(true, Optional.of(TOKEN)).sessionMatches(before)).as("stable across restarts").isTrue();
    }

    @Test
    void disabledItRecognisesNothing() {
        LocalAdminSession off = new LocalAdminSession(false, Optional.of(TOKEN));
        assertThat(off.enabled()).isFalse();
        assertThat(off.tokenMatches(TOKEN)).isFalse();
        assertThat(off.sessionMatches("anything")).isFalse();
    }

    @Test
    void enabledWithoutALongEnoughSecretRefusesToStart() {
        assertThatThrownBy(() -> new LocalAdminSession(true, Optional.empty())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("engram.dashboard.local-admin.token");
        assertThatThrownBy(() -> new LocalAdminSession(true, Optional.of("short"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("32");
    }
}
