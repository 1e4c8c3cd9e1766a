package dev.engram.dashboard.identity;

import java.util.Locale;

/**
 * The signed-in person, from the token's claims: the OIDC subject identifies them; the e-mail address counts for
 * invitations only when the identity provider verified it.
 */
public record ConsoleUser(String subject, String email, boolean emailVerified, String displayName) {

    /** The subject of the standalone platform's administrator (the security package's local sign-in). */
    public static final String LOCAL_ADMINISTRATOR_SUBJECT = "local-administrator";

    /** The standalone platform's administrator: owns the platform's default organisation. */
    public static final ConsoleUser LOCAL_ADMINISTRATOR = new ConsoleUser(LOCAL_ADMINISTRATOR_SUBJECT, null, false, "Local administrator");

    public boolean isLocalAdministrator() {
        return equals(LOCAL_ADMINISTRATOR);
    }

    /** The address invitations are matched against: lower-cased, and only when verified. */
    public String verifiedEmail() {
        return emailVerified && email != null && !email.isBlank() ? email.strip().toLowerCase(Locale.ROOT) : null;
    }

    /** A name to show and to name a new organisation after: the display name, else the e-mail's local part. */
    public String friendlyName() {
        if (displayName != null && !displayName.isBlank()) return displayName.strip();
        if (email != null && email.contains("@")) return email.substring(0, email.indexOf('@'));
        return subject;
    }
}
