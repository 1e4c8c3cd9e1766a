package dev.engram.core.filter;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The reference semantics of {@link Filter}, evaluated on one record in memory. Index adapters must return exactly the
 * records this accepts (their contract test checks it on random filters).
 *
 * <ul>
 *   <li>Single-valued fields (ids, text, state, actor, times): EQ equal; NE not equal, and a missing value counts as
 *       not equal; IN any of; NIN none of (missing matches); EXISTS non-null.</li>
 *   <li>Multi-valued fields (categories; metadata lists): EQ/IN match when any element matches; NE/NIN when none does.</li>
 *   <li>CONTAINS: case-sensitive substring; ICONTAINS and CONTAINS on categories: case-insensitive substring (Mem0).</li>
 *   <li>GT/GTE/LT/LTE: times compare as instants; metadata compares numbers only (strings never match a range).</li>
 *   <li>EVENT_TIME falls back to created_at when the record has no event time. EXPIRATION_DATE is its day's start (UTC).</li>
 *   <li>Metadata: JSON numbers compare numerically whatever their Java type; a string never equals a number.</li>
 * </ul>
 */
public final class FilterEvaluator {

    private FilterEvaluator() {
    }

    public static boolean matches(MemoryRecord r, Filter f) {
        return switch (f) {
            case Filter.All a -> true;
            case Filter.And and -> and.clauses().stream().allMatch(c -> matches(r, c));
            case Filter.Or or -> or.clauses().stream().anyMatch(c -> matches(r, c));
            case Filter.Not not -> !matches(r, not.clause());
            case Filter.Compare c -> compare(values(r, c.field()), c.op(), c.value(), c.field());
        };
    }

    /** The field's values on the record: empty when missing, several for multi-valued fields. */
    static List<Object> values(MemoryRecord r, Field field) {
        Scope s = r.scope();
        Object v = switch (field.kind()) {
            case USER_ID -> s.userId();
            case AGENT_ID -> s.agentId();
            case APP_ID -> s.appId();
            case RUN_ID -> s.runId();
            case MEMORY_ID -> r.id().toString();
            case CREATED_AT -> r.createdAt();
            case UPDATED_AT -> r.updatedAt();
            case EVENT_TIME -> r.eventTime() != null ? r.eventTime() : r.createdAt();
            case EXPIRATION_DATE -> r.expirationDate() == null ? null : startOfDay(r.expirationDate());
            case TEXT -> r.text();
            case CATEGORIES -> r.categories();
            case METADATA -> metadataValue(r.metadata(), field.metadataKey());
            case STATE -> r.state().name();
            case ACTOR -> r.actor();
            case SLOT -> r.slot();
        };
        if (v == null) return List.of();
        if (v instanceof Collection<?> col) {
            List<Object> out = new ArrayList<>();
            for (Object o : col) if (o != null) out.add(o);
            return out;
        }
        return List.of(v);
    }

    /** Top-level key first; otherwise a dotted path into nested objects ("a.b"). */
    static Object metadataValue(Map<String, Object> metadata, String key) {
        if (metadata.containsKey(key)) return metadata.get(key);
        Object cur = metadata;
        for (String part : key.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) return null;
            cur = m.get(part);
        }
        return cur;
    }

    public static Instant startOfDay(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static boolean compare(List<Object> actual, Op op, Object expected, Field field) {
        return switch (op) {
            case EXISTS -> !actual.isEmpty();
            case EQ -> actual.stream().anyMatch(a -> same(a, expected));
            case NE -> actual.stream().noneMatch(a -> same(a, expected));
            case IN -> actual.stream().anyMatch(a -> ((List<?>) expected).stream().anyMatch(e -> same(a, e)));
            case NIN -> actual.stream().noneMatch(a -> ((List<?>) expected).stream().anyMatch(e -> same(a, e)));
            case GT -> actual.stream().anyMatch(a -> order(a, expected) > 0);
            case GTE -> actual.stream().anyMatch(a -> order(a, expected) >= 0 && order(a, expected) != Integer.MIN_VALUE);
            case LT -> actual.stream().anyMatch(a -> order(a, expected) < 0 && order(a, expected) != Integer.MIN_VALUE);
            case LTE -> actual.stream().anyMatch(a -> {
                int o = order(a, expected);
                return o <= 0 && o != Integer.MIN_VALUE;
            });
            case CONTAINS -> field.kind() == Field.Kind.CATEGORIES
                    ? actual.stream().anyMatch(a -> a instanceof String s && lower(s).contains(lower(String.valueOf(expected))))
                    : actual.stream().anyMatch(a -> a instanceof String s && s.contains(String.valueOf(expected)));
            case ICONTAINS -> actual.stream().anyMatch(a -> a instanceof String s && lower(s).contains(lower(String.valueOf(expected))));
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static boolean same(Object a, Object e) {
        if (a instanceof Number x && e instanceof Number y) return x.doubleValue() == y.doubleValue();
        if (a instanceof Number || e instanceof Number) return false;
        return Objects.equals(a, e);
    }

    /** Comparison for ranges; {@code Integer.MIN_VALUE} when the two are not comparable (never matches). */
    static int order(Object a, Object e) {
        if (a instanceof Instant x && e instanceof Instant y) return Integer.signum(x.compareTo(y));
        if (a instanceof Number x && e instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return Integer.MIN_VALUE;
    }
}
