package dev.engram.dashboard.store;

/**
 * How a project's conversations become facts: {@code LLM} (the default) uses the platform's LLM when one is configured and
 * the offline rules otherwise; {@code OFFLINE} never calls an LLM for this project.
 */
public enum ExtractionMode {
    OFFLINE, LLM
}
