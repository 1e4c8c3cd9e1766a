package dev.engram.core.domain;

import dev.engram.core.error.ValidationException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Mem0's {@code reference_date} on search: the "now" of the question, which time expressions ("last week") are
 * resolved against and after which no memory is returned (search as of that date). Accepted as epoch seconds, a
 * {@code YYYY-MM-DD} date (the start of that day, UTC) or an ISO-8601 date-time (with an offset or {@code Z}; without
 * one it is read as UTC).
 */
public final class ReferenceDate {

    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Epoch seconds accepted: years 1970 to 9999. */
    private static final long MAX_EPOCH = 253_402_300_799L;

    private ReferenceDate() {
    }

    /**
     * @param raw the client's value, or null
     * @return the instant it names, or null for null
     * @throws ValidationException when the value is none of the accepted forms
     */
    public static Instant parse(String raw) {
        if (raw == null) return null;
        String s = raw.strip();
        try {
            if (EPOCH.matcher(s).matches()) return epochSeconds(Double.parseDouble(s));
            if (DATE.matcher(s).matches()) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == 't' || s.charAt(10) == ' ')) {
                String iso = s.substring(0, 10) + 'T' + s.substring(11);
                if (iso.endsWith("z")) iso = iso.substring(0, iso.length() - 1) + 'Z';
                boolean hasOffset = iso.endsWith("Z") || iso.substring(11).matches(".*[+-]\\d{2}(:?\\d{2})?$");
                return hasOffset ? OffsetDateTime.parse(iso).toInstant() : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException | NumberFormatException e) {
            // falls through to the error below
        }
        throw new ValidationException("reference_date must be epoch seconds, a YYYY-MM-DD date or an ISO-8601 date-time");
    }

    /** Epoch seconds as a JSON number gives them. */
    public static Instant epochSeconds(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0 || seconds > MAX_EPOCH) {
            throw new ValidationException("reference_date must be epoch seconds between 0 and " + MAX_EPOCH);
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9) % 1_000_000_000L);
    }
}
