package dev.engram.core.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signature a receiver checks: {@code sha256=} followed by the lowercase hex HMAC-SHA256, keyed with the webhook's
 * secret (its UTF-8 bytes), of {@code <timestamp>.<body>}: the attempt's Unix time in seconds (sent as
 * {@value #TIMESTAMP_HEADER}), a dot, and the exact request body. Sent as {@value #HEADER}. Signing the time lets a
 * receiver refuse a captured request replayed later ({@link #verify(String, String, String, String, Instant, Duration)}
 * with a tolerance of a few minutes); each attempt is signed afresh.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Engram-Signature";
    public static final String TIMESTAMP_HEADER = "X-Engram-Timestamp";
    /** How far a receiver should let the timestamp be from its clock: {@link #verify} with this by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes, URL-safe base64. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@value #HEADER} value of an attempt at {@code at} to send {@code body}. */
    public static String sign(String secret, Instant at, String body) {
        return sign(secret, at.getEpochSecond() + "." + body);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code content} keyed with {@code secret}. */
    public static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * What a receiver does: true when {@code signature} signs {@code timestamp} and {@code body} with {@code secret}
     * (compared in constant time) and the timestamp is within {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String body, String timestamp, String signature, Instant now, Duration tolerance) {
        if (timestamp == null || signature == null) return false;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) return false;
        return MessageDigest.isEqual(sign(secret, Instant.ofEpochSecond(seconds), body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
