package dev.engram.gateway.service;

import dev.engram.core.error.ValidationException;
import dev.engram.gateway.config.EngramConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.TreeSet;

/**
 * The LLM profiles this gateway is configured with ({@code engram.llm.profiles.<name>}): a project's
 * {@code llm_profile} must name one of them when it is set through the API or the console.
 */
@ApplicationScoped
public class LlmProfileNames {

    private final Set<String> names;

    LlmProfileNames(EngramConfig config) {
        this.names = java.util.Collections.unmodifiableSet(new TreeSet<>(config.llm().profiles().keySet()));
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return names;
    }

    /**
     * The profile a setting names, checked: null or blank is the default LLM (null), and a name that is not configured
     * is a {@link ValidationException} listing the configured ones.
     */
    public String check(String name, String field) {
        if (name == null || name.isBlank()) return null;
        String n = name.strip();
        if (!names.contains(n)) {
            throw new ValidationException(field + " '" + (n.length() > 64 ? n.substring(0, 64) + "…" : n) + "' is not a configured LLM profile; "
                    + (names.isEmpty() ? "none is configured (engram.llm.profiles.<name>.*), so leave it unset for the default LLM"
                    : "configured: " + String.join(", ", names) + " (or null for the default LLM)"));
        }
        return n;
    }
}
