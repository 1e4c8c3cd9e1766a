package dev.engram.gateway.security;

/**
 * Recognises the shape of a compact JWS ({@code header.payload.signature}, base64url parts), so that a {@code Bearer}
 * credential goes to exactly one resolver: JWTs to {@link OidcCredentialResolver}, everything else to
 * {@link ApiKeyResolver} (generated keys are {@code eng_} plus base-62 characters and contain no dot).
 */
final class CompactJwt {

    private CompactJwt() {
    }

    /** True for three non-empty base64url parts separated by dots; says nothing about the token's validity. */
    static boolean matches(String credential) {
        if (credential == null) return false;
        int first = credential.indexOf('.');
        int second = first < 0 ? -1 : credential.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == credential.length() - 1) return false;
        if (credential.indexOf('.', second + 1) >= 0) return false;
        for (int i = 0; i < credential.length(); i++) {
            char c = credential.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url && c != '.') return false;
        }
        return true;
    }
}
