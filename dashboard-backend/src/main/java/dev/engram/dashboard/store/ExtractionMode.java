package dev.engram.dashboard.store;

/** How a project's conversations become facts: the offline (rule-based) extractor, or an LLM. */
public enum ExtractionMode {
    OFFLINE, LLM
}
