package dev.engram.core.engine;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.reconcile.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The extractor and reconciler of each add: the default pair, or the pair of the named LLM profile the add asks for
 * ({@link AddRequest#llmProfile()}, a project's {@code llm_profile}). Each profile's pair wraps one chat model built once.
 * An add naming a profile this engine does not know (removed from the configuration after the project chose it) uses
 * the default pair, and the first such add per name logs a WARN line. An offline-only add uses the offline pair.
 */
public final class ModelProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(ModelProfiles.class);

    private final Extractor defaultExtractor;
    private final Reconciler defaultReconciler;
    private final Map<String, Extractor> extractors;
    private final Map<String, Reconciler> reconcilers;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private ModelProfiles(Extractor defaultExtractor, Reconciler defaultReconciler, Map<String, Extractor> extractors,
                          Map<String, Reconciler> reconcilers) {
        this.defaultExtractor = Objects.requireNonNull(defaultExtractor, "defaultExtractor");
        this.defaultReconciler = Objects.requireNonNull(defaultReconciler, "defaultReconciler");
        this.extractors = Collections.unmodifiableMap(extractors);
        this.reconcilers = Collections.unmodifiableMap(reconcilers);
    }

    /** Only the default pair. */
    public static ModelProfiles of(Extractor extractor, Reconciler reconciler) {
        return new ModelProfiles(extractor, reconciler, Map.of(), Map.of());
    }

    /** These profiles and one more, {@code name}, with its own pair (a profile of that name is replaced). */
    public ModelProfiles with(String name, Extractor extractor, Reconciler reconciler) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("An LLM profile needs a name");
        Map<String, Extractor> e = new LinkedHashMap<>(extractors);
        Map<String, Reconciler> r = new LinkedHashMap<>(reconcilers);
        e.put(name, Objects.requireNonNull(extractor, "extractor"));
        r.put(name, Objects.requireNonNull(reconciler, "reconciler"));
        return new ModelProfiles(defaultExtractor, defaultReconciler, e, r);
    }

    /** The names of the profiles besides the default one. */
    public Set<String> names() {
        return extractors.keySet();
    }

    /** The extractor of the add's profile (offline for an offline-only add). */
    public Extractor extractor(AddRequest request) {
        Extractor chosen = defaultExtractor;
        String profile = request.llmProfile();
        if (profile != null) {
            Extractor named = extractors.get(profile);
            if (named != null) chosen = named;
            else if (warned.add(profile)) {
                LOG.warn("LLM profile '{}' (asked for by project {}) is not configured: its adds use the default LLM", profile,
                        request.scope() == null ? "?" : request.scope().tenant().key());
            }
        }
        return request.offlineOnly() ? chosen.offline() : chosen;
    }

    /** The reconciler of the add's profile (offline for an offline-only add). */
    public Reconciler reconciler(AddRequest request) {
        Reconciler chosen = request.llmProfile() == null ? defaultReconciler : reconcilers.getOrDefault(request.llmProfile(), defaultReconciler);
        return request.offlineOnly() ? chosen.offline() : chosen;
    }
}
