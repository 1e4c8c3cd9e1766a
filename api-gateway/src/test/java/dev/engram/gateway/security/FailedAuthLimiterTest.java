package dev.engram.gateway.security;

import dev.engram.platform.error.RateLimitedException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailedAuthLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedAuthLimiter limiter = new FailedAuthLimiter(3, now::get);

    @Test
    void anAddressOverItsFailuresWaitsForItsMinute() {
        for (int i = 0; i < 3; i++) {
            limiter.check("10.0.0.1");
            limiter.failed("10.0.0.1");
        }
        now.addAndGet(20_000_000_000L);
        assertThatThrownBy(() -> limiter.check("10.0.0.1")).isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds()).isEqualTo(40));
        assertThatCode(() -> limiter.check("10.0.0.2")).doesNotThrowAnyException();

        now.addAndGet(40_000_000_000L);
        assertThatCode(() -> limiter.check("10.0.0.1")).doesNotThrowAnyException();
        limiter.failed("10.0.0.1");
        assertThatCode(() -> limiter.check("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void zeroDisablesTheLimit() {
        FailedAuthLimiter off = new FailedAuthLimiter(0, now::get);
        for (int i = 0; i < 100; i++) off.failed("10.0.0.1");
        assertThatCode(() -> off.check("10.0.0.1")).doesNotThrowAnyException();
    }
}
