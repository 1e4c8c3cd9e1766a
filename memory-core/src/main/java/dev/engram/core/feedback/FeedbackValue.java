package dev.engram.core.feedback;

import dev.engram.core.error.ValidationException;

import java.util.Locale;

/** Mem0's feedback on a memory. Only {@link #VERY_NEGATIVE} changes what reads return; the others are kept and counted. */
public enum FeedbackValue {
    POSITIVE,
    NEGATIVE,
    /** The memory is left out of searches and listings unless the caller asks for such memories. */
    VERY_NEGATIVE;

    /** The value named by {@code wire} (any case, surrounding blanks ignored). @throws ValidationException for another name */
    public static FeedbackValue parse(String wire) {
        String name = wire.strip().toUpperCase(Locale.ROOT);
        for (FeedbackValue v : values()) if (v.name().equals(name)) return v;
        throw new ValidationException("feedback must be POSITIVE, NEGATIVE, VERY_NEGATIVE or null");
    }
}
