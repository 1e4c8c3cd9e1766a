package dev.engram.core.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generating, hashing and sanity-checking API key texts. */
public final class ApiKeys {

    /** Prefix of generated keys; clients may also present Mem0-style {@code m0-} keys configured by the operator. */
    public static final String PREFIX = "eng_";
    /** 40 base-62 characters: about 238 bits of entropy. */
    private static final int RANDOM_CHARS = 40;
    /** Characters of a key kept in clear, so operators can recognise it in listings. */
    private static final int VISIBLE_CHARS = 12;
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 256;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String visiblePrefix(String key) {
        return key.substring(0, Math.min(VISIBLE_CHARS, key.length()));
    }

    /** Plausible key text: printable ASCII without spaces, of a length worth hashing. */
    public static boolean wellFormed(String key) {
        if (key == null || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) return false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') return false;
        }
        return true;
    }
}
