package dev.engram.core.ingest;

/** Lifecycle of an ingest event (Mem0's event status). */
public enum EventStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED
}
