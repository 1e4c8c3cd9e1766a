package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parsing and formatting of the scalar values Mem0 clients exchange: ids, dates, timestamps. */
public final class WireValues {

    /** ISO-8601 with microseconds and an explicit offset, as the hosted API writes ({@code 2024-07-20T01:23:45.123000+00:00}). */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    /** Unix seconds beyond year 9999 are not dates. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private WireValues() {
    }

    public static UUID memoryId(String text) {
        try {
            if (text == null || text.length() != 36) throw new IllegalArgumentException();
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("memory_id should be a valid UUID");
        }
    }

    public static String format(Instant t) {
        return t == null ? null : DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    public static String format(LocalDate d) {
        return d == null ? null : d.toString();
    }

    public static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field + " must be a date like 2025-12-31");
        }
    }

    /** Unix seconds (integer or fractional) or an ISO date-time with offset; null for a missing or null node. */
    public static Instant timestamp(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigDecimal()) {
                throw new ValidationException(field + " must be unix seconds between 1970 and 9999");
            }
            BigDecimal seconds = node.decimalValue();
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
                throw new ValidationException(field + " must be unix seconds between 1970 and 9999");
            }
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        if (node.isTextual()) {
            String t = node.asText().strip();
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new ValidationException(field + " must be unix seconds or an ISO-8601 date-time");
                }
            }
        }
        throw new ValidationException(field + " must be unix seconds or an ISO-8601 date-time");
    }
}
