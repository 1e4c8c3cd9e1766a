package dev.engram.core.domain;

/** Comparison operators of the filter grammar (Mem0 §1.4 plus OSS's {@code nin}). */
public enum Op {
    EQ, NE, IN, NIN, GT, GTE, LT, LTE,
    /** Substring; case-sensitive on text, case-insensitive on categories (as Mem0). */
    CONTAINS,
    /** Case-insensitive substring. */
    ICONTAINS,
    /** Mem0's wildcard {@code "*"}: the field has a non-null value. */
    EXISTS
}
