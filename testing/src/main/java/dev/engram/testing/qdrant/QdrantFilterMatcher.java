package dev.engram.testing.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.JsonWithInt.Value;
import com.google.protobuf.Timestamp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Qdrant's filter semantics, evaluated on one point's payload, for {@link QdrantEmulator}: {@code must} /
 * {@code should} / {@code must_not} / {@code min_should}, nested filters and {@code nested} array conditions, and the
 * field conditions (match keyword / keywords / except / integer(s) / bool / text / text_any / phrase, range,
 * datetime range, values count, is_empty, is_null, has_id, has_vector).
 *
 * <p>As in Qdrant, a key is a dotted path into nested objects, arrays are matched element-wise (a condition holds when
 * any value holds it), a text match on a field with a full-text index compares words (lower-cased when the index
 * says so) and without one is a substring match on the raw value.
 */
final class QdrantFilterMatcher {

    /** What a condition can see of a point besides its payload. */
    interface PointView {
        Map<String, Value> payload();

        boolean hasId(Common.PointId id);

        boolean hasVector(String name);
    }

    private final Map<String, PayloadSchemaInfo> payloadSchema;
    /** Tokenised strings and parsed key paths, cached: the same payloads are matched again and again. */
    private final Map<String, List<String>> lowerWords = new java.util.HashMap<>();
    private final Map<String, List<String>> exactWords = new java.util.HashMap<>();
    private static final Map<String, String[]> PATHS = new java.util.concurrent.ConcurrentHashMap<>();

    QdrantFilterMatcher(Map<String, PayloadSchemaInfo> payloadSchema) {
        this.payloadSchema = payloadSchema;
    }

    boolean matches(Common.Filter filter, PointView point) {
        for (Condition c : filter.getMustList()) if (!holds(c, point)) return false;
        for (Condition c : filter.getMustNotList()) if (holds(c, point)) return false;
        if (filter.getShouldCount() > 0 && filter.getShouldList().stream().noneMatch(c -> holds(c, point))) return false;
        if (filter.hasMinShould()) {
            long n = filter.getMinShould().getConditionsList().stream().filter(c -> holds(c, point)).count();
            if (n < filter.getMinShould().getMinCount()) return false;
        }
        return true;
    }

    private boolean holds(Condition c, PointView point) {
        return switch (c.getConditionOneOfCase()) {
            case FIELD -> field(c.getField(), point.payload());
            case IS_EMPTY -> isEmpty(values(point.payload(), c.getIsEmpty().getKey()));
            case IS_NULL -> isNull(point.payload(), c.getIsNull().getKey());
            case HAS_ID -> c.getHasId().getHasIdList().stream().anyMatch(point::hasId);
            case FILTER -> matches(c.getFilter(), point);
            case HAS_VECTOR -> point.hasVector(c.getHasVector().getHasVector());
            case NESTED -> nested(c.getNested(), point);
            case CONDITIONONEOF_NOT_SET -> throw invalid("empty condition");
        };
    }

    private boolean nested(Common.NestedCondition nested, PointView point) {
        for (Value element : values(point.payload(), nested.getKey())) {
            if (!element.hasStructValue()) continue;
            Map<String, Value> inner = element.getStructValue().getFieldsMap();
            PointView view = new PointView() {
                public Map<String, Value> payload() {
                    return inner;
                }

                public boolean hasId(Common.PointId id) {
                    throw invalid("has_id is not allowed inside a nested condition");
                }

                public boolean hasVector(String name) {
                    return point.hasVector(name);
                }
            };
            if (matches(nested.getFilter(), view)) return true;
        }
        return false;
    }

    private boolean field(FieldCondition fc, Map<String, Value> payload) {
        List<Value> values = values(payload, fc.getKey());
        if (fc.hasMatch()) return match(fc.getKey(), fc.getMatch(), values);
        if (fc.hasRange()) return values.stream().anyMatch(v -> inRange(v, fc.getRange()));
        if (fc.hasDatetimeRange()) return values.stream().anyMatch(v -> inDatetimeRange(v, fc.getDatetimeRange()));
        if (fc.hasValuesCount()) return countMatches(nonNull(values).size(), fc.getValuesCount());
        if (fc.hasIsEmpty()) return isEmpty(values) == fc.getIsEmpty();
        if (fc.hasIsNull()) return isNull(payload, fc.getKey()) == fc.getIsNull();
        if (fc.hasGeoBoundingBox() || fc.hasGeoRadius() || fc.hasGeoPolygon()) {
            throw Status.UNIMPLEMENTED.withDescription("geo conditions are not supported by the in-process server").asRuntimeException();
        }
        throw invalid("field condition on '" + fc.getKey() + "' without a condition");
    }

    private boolean match(String key, Common.Match m, List<Value> values) {
        return switch (m.getMatchValueCase()) {
            case KEYWORD -> anyString(values, s -> s.equals(m.getKeyword()));
            case KEYWORDS -> anyString(values, Set.copyOf(m.getKeywords().getStringsList())::contains);
            case EXCEPT_KEYWORDS -> {
                Set<String> excluded = Set.copyOf(m.getExceptKeywords().getStringsList());
                yield nonNull(values).stream().anyMatch(v -> !(v.hasStringValue() && excluded.contains(v.getStringValue())));
            }
            case INTEGER -> values.stream().anyMatch(v -> v.hasIntegerValue() && v.getIntegerValue() == m.getInteger());
            case INTEGERS -> values.stream().anyMatch(v -> v.hasIntegerValue() && m.getIntegers().getIntegersList().contains(v.getIntegerValue()));
            case EXCEPT_INTEGERS -> nonNull(values).stream()
                    .anyMatch(v -> !(v.hasIntegerValue() && m.getExceptIntegers().getIntegersList().contains(v.getIntegerValue())));
            case BOOLEAN -> values.stream().anyMatch(v -> v.hasBoolValue() && v.getBoolValue() == m.getBoolean());
            case TEXT -> text(key, values, m.getText(), TextMode.ALL);
            case TEXT_ANY -> text(key, values, m.getTextAny(), TextMode.ANY);
            case PHRASE -> text(key, values, m.getPhrase(), TextMode.PHRASE);
            case MATCHVALUE_NOT_SET -> throw invalid("match without a value on '" + key + "'");
        };
    }

    private enum TextMode { ALL, ANY, PHRASE }

    private boolean text(String key, List<Value> values, String query, TextMode mode) {
        PayloadSchemaInfo index = payloadSchema.get(key);
        if (index == null || index.getDataType() != PayloadSchemaType.Text) {
            // no full-text index: Qdrant matches the raw string
            return switch (mode) {
                case ALL, PHRASE -> anyString(values, s -> s.contains(query));
                case ANY -> anyString(values, s -> List.of(query.split("\\s+")).stream().anyMatch(s::contains));
            };
        }
        boolean lower = !index.getParams().getTextIndexParams().hasLowercase() || index.getParams().getTextIndexParams().getLowercase();
        Map<String, List<String>> cache = lower ? lowerWords : exactWords;
        List<String> wanted = words(query, lower);
        if (wanted.isEmpty()) return false;
        return anyString(values, s -> {
            List<String> have = cache.computeIfAbsent(s, t -> words(t, lower));
            return switch (mode) {
                case ALL -> have.containsAll(wanted);
                case ANY -> wanted.stream().anyMatch(have::contains);
                case PHRASE -> java.util.Collections.indexOfSubList(have, wanted) >= 0;
            };
        });
    }

    /** Qdrant's "word" tokenizer: runs of letters and digits. */
    static List<String> words(String s, boolean lower) {
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) out.add(lower ? w.toLowerCase(Locale.ROOT) : w);
        }
        return out;
    }

    private static boolean inRange(Value v, Common.Range r) {
        double x;
        if (v.hasIntegerValue()) x = v.getIntegerValue();
        else if (v.hasDoubleValue()) x = v.getDoubleValue();
        else return false;
        return (!r.hasLt() || x < r.getLt()) && (!r.hasLte() || x <= r.getLte())
                && (!r.hasGt() || x > r.getGt()) && (!r.hasGte() || x >= r.getGte());
    }

    private static boolean inDatetimeRange(Value v, Common.DatetimeRange r) {
        if (!v.hasStringValue()) return false;
        Instant t;
        try {
            t = OffsetDateTime.parse(v.getStringValue()).toInstant();
        } catch (DateTimeParseException e) {
            return false;
        }
        return (!r.hasLt() || t.isBefore(instant(r.getLt()))) && (!r.hasLte() || !t.isAfter(instant(r.getLte())))
                && (!r.hasGt() || t.isAfter(instant(r.getGt()))) && (!r.hasGte() || !t.isBefore(instant(r.getGte())));
    }

    private static Instant instant(Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    private static boolean countMatches(long n, Common.ValuesCount c) {
        return (!c.hasLt() || n < c.getLt()) && (!c.hasLte() || n <= c.getLte())
                && (!c.hasGt() || n > c.getGt()) && (!c.hasGte() || n >= c.getGte());
    }

    /** Missing, null, an empty array or an array of nulls (an object, even empty, is a value). */
    private static boolean isEmpty(List<Value> values) {
        return nonNull(values).isEmpty();
    }

    /** The key holds JSON null itself (not a missing key, not an array). */
    private static boolean isNull(Map<String, Value> payload, String key) {
        return rawValues(payload, key).stream().anyMatch(Value::hasNullValue);
    }

    private static boolean anyString(List<Value> values, Predicate<String> test) {
        return values.stream().anyMatch(v -> v.hasStringValue() && test.test(v.getStringValue()));
    }

    private static List<Value> nonNull(List<Value> values) {
        return values.stream().filter(v -> !v.hasNullValue()).toList();
    }

    /** The values at a dotted path, arrays flattened (at the end of the path and along it). */
    static List<Value> values(Map<String, Value> payload, String key) {
        List<Value> out = new ArrayList<>();
        for (Value v : rawValues(payload, key)) {
            if (v.hasListValue()) out.addAll(v.getListValue().getValuesList());
            else out.add(v);
        }
        return out;
    }

    private static List<Value> rawValues(Map<String, Value> payload, String key) {
        String[] parts = PATHS.computeIfAbsent(key, k -> k.replace("[]", "").split("\\."));
        List<Value> current = new ArrayList<>();
        Value root = payload.get(parts[0]);
        if (root == null) return current;
        current.add(root);
        for (int i = 1; i < parts.length; i++) {
            List<Value> next = new ArrayList<>();
            for (Value v : current) {
                if (v.hasStructValue()) {
                    Value child = v.getStructValue().getFieldsMap().get(parts[i]);
                    if (child != null) next.add(child);
                } else if (v.hasListValue()) {
                    for (Value e : v.getListValue().getValuesList()) {
                        if (e.hasStructValue()) {
                            Value child = e.getStructValue().getFieldsMap().get(parts[i]);
                            if (child != null) next.add(child);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static RuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + message).asRuntimeException();
    }
}
