package dev.engram.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Parses Mem0's filter grammar (v2/v3 search, v3 list, export) into a {@link Filter}. Errors are
 * {@link ValidationException}s whose message names the offending key or operator.
 *
 * <p>Deliberate differences from the hosted platform: an object with both {@code AND} and {@code OR} evaluates both (the
 * platform drops the OR); explicit {@code eq} on time fields, {@code nin}, and ranges on metadata numbers are accepted
 * (the OSS library has them); {@code actor_id} narrows to a speaker as in the OSS library.
 *
 * <p>Date-only time values are expanded to whole UTC days: {@code lte 2024-01-31} includes that day, {@code gt} it
 * excludes it, a bare date matches the day.
 */
public final class FilterParser {

    public static final int MAX_DEPTH = 8;
    public static final int MAX_CLAUSES = 200;
    public static final int MAX_LIST = 1000;
    public static final int MAX_STRING = 1024;
    /** JSON nodes (objects, lists, values) in one filter: bounds its parse and evaluation cost, whatever its shape. */
    public static final int MAX_NODES = 4000;
    /** Characters of keys and string values in one filter. */
    public static final int MAX_TOTAL_CHARS = 64 * 1024;

    private static final Set<String> ENTITY_OPS = Set.of("eq", "ne", "in", "nin");
    private static final Set<String> TIME_OPS = Set.of("eq", "ne", "in", "gt", "gte", "lt", "lte");
    private static final Set<String> TEXT_OPS = Set.of("eq", "ne", "in", "contains", "icontains");
    private static final Set<String> CATEGORY_OPS = Set.of("in", "nin", "contains", "icontains", "eq", "ne");
    private static final Set<String> METADATA_OPS = Set.of("eq", "ne", "in", "nin", "gt", "gte", "lt", "lte", "contains", "icontains");

    private int clauses;

    private FilterParser() {
    }

    /** Parses a filter object; {@code null} or JSON null means {@link Filter#ALL}. */
    public static Filter parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return Filter.ALL;
        checkSize(node);
        return new FilterParser().object(node, 0);
    }

    /*
     * Typed entry points for the convenience fields of a request (top-level ids, categories, dates, keywords), with the
     * same validation and messages as the grammar's, so a caller builds those clauses directly instead of writing JSON
     * for this parser to read back.
     */

    /** {@code key = id}, or "has any" for {@code *}; {@code key} is one of user_id, agent_id, app_id, run_id. */
    public static Filter entityId(String key, String id) {
        Field field = switch (key) {
            case "user_id" -> Field.USER_ID;
            case "agent_id" -> Field.AGENT_ID;
            case "app_id" -> Field.APP_ID;
            case "run_id", "session_id" -> Field.RUN_ID;
            default -> throw new IllegalArgumentException("not an entity field: " + key);
        };
        String s = id == null ? "" : id.strip();
        if (s.equals("*")) return new Filter.Compare(field, Op.EXISTS, null);
        return Filter.eq(field, id(key, s));
    }

    /** Memories in any of the named categories. */
    public static Filter inCategories(List<String> names) {
        String key = "categories";
        listSize(key, names == null ? 0 : names.size());
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (n == null) throw invalid(key + " takes a string");
            out.add(limited(key, n));
        }
        return new Filter.Compare(Field.CATEGORIES, Op.IN, out);
    }

    /**
     * Created at or after ({@code from}) or at or before the given ISO date or date-time; a date counts whole (through
     * the end of that day for an upper bound), as {@code {"created_at": {"gte"|"lte": …}}} does.
     */
    public static Filter createdBound(String key, String dateOrTime, boolean from) {
        return timeCompare(Field.CREATED_AT, from ? "gte" : "lte", textTime(key, dateOrTime == null ? "" : dateOrTime));
    }

    /** The memory's text contains {@code text}, ignoring case. */
    public static Filter textContains(String key, String text) {
        return new Filter.Compare(Field.TEXT, Op.ICONTAINS, limited(key, text));
    }

    /** A metadata filter object ({@code {key: value | {operator: value}}}), as the grammar's {@code metadata} reads it. */
    public static Filter metadata(JsonNode value) {
        checkSize(value);
        return new FilterParser().metadataObject(value);
    }

    /** Refuses a filter too big to be worth parsing, before anything else looks at it. */
    private static void checkSize(JsonNode root) {
        int nodes = 0;
        long chars = 0;
        java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (++nodes > MAX_NODES) throw new TooLargeException("Invalid filters: more than " + MAX_NODES + " values and clauses in all");
            if (n.isTextual()) chars += n.asText().length();
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    var e = it.next();
                    chars += e.getKey().length();
                    todo.push(e.getValue());
                }
            } else if (n.isArray()) {
                for (JsonNode child : n) todo.push(child);
            }
            if (chars > MAX_TOTAL_CHARS) throw new TooLargeException("Invalid filters: more than " + MAX_TOTAL_CHARS + " characters in all");
            if (todo.size() > MAX_NODES) throw new TooLargeException("Invalid filters: more than " + MAX_NODES + " values and clauses in all");
        }
    }

    private void countClause() {
        if (++clauses > MAX_CLAUSES) throw invalid("filters have more than " + MAX_CLAUSES + " conditions");
    }

    private Filter object(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) throw invalid("filters nest deeper than " + MAX_DEPTH + " levels");
        if (!node.isObject()) throw invalid("a filter clause must be a JSON object");
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            countClause();
            parts.add(key(e.getKey(), e.getValue(), depth));
        }
        if (parts.isEmpty()) return Filter.ALL;
        return Filter.and(parts);
    }

    private Filter key(String key, JsonNode value, int depth) {
        return switch (key) {
            case "AND" -> Filter.and(list(key, value, depth));
            case "OR" -> {
                List<Filter> l = list(key, value, depth);
                yield l.size() == 1 ? l.get(0) : new Filter.Or(l);
            }
            case "NOT" -> value.isArray() ? Filter.not(Filter.and(list(key, value, depth))) : Filter.not(object(value, depth + 1));
            case "user_id" -> entity(Field.USER_ID, key, value);
            case "agent_id" -> entity(Field.AGENT_ID, key, value);
            case "app_id" -> entity(Field.APP_ID, key, value);
            case "run_id", "session_id" -> entity(Field.RUN_ID, key, value);
            case "actor_id" -> entity(Field.ACTOR, key, value);
            case "created_at" -> time(Field.CREATED_AT, key, value);
            case "updated_at" -> time(Field.UPDATED_AT, key, value);
            case "timestamp" -> time(Field.EVENT_TIME, key, value);
            case "expiration_date" -> time(Field.EXPIRATION_DATE, key, value);
            case "text" -> text(key, value, "eq");
            case "keywords", "keywords_search" -> text(key, value, "icontains");
            case "categories" -> categories(value);
            case "metadata" -> metadataObject(value);
            case "memory_ids" -> memoryIds(value);
            default -> throw invalid("Top-level key must be a logical operator or an allowed field: '" + key + "' is neither");
        };
    }

    private List<Filter> list(String op, JsonNode value, int depth) {
        if (!value.isArray() || value.isEmpty()) throw invalid(op + " takes a non-empty list of filter objects");
        List<Filter> out = new ArrayList<>();
        for (JsonNode n : value) out.add(object(n, depth + 1));
        return out;
    }

    private Filter entity(Field field, String key, JsonNode value) {
        if (value.isTextual() && value.asText().equals("*")) return new Filter.Compare(field, Op.EXISTS, null);
        if (!value.isObject()) return Filter.eq(field, idString(key, value));
        return operators(value, key, ENTITY_OPS, (op, v) -> switch (op) {
            case "in", "nin" -> new Filter.Compare(field, op.equals("in") ? Op.IN : Op.NIN, idList(key, v));
            default -> new Filter.Compare(field, op.equals("eq") ? Op.EQ : Op.NE, idString(key, v));
        });
    }

    private Filter time(Field field, String key, JsonNode value) {
        if (!value.isObject()) return timeCompare(field, key, "eq", value);
        return operators(value, key, TIME_OPS, (op, v) -> timeCompare(field, key, op, v));
    }

    private Filter timeCompare(Field field, String key, String op, JsonNode v) {
        if (op.equals("in")) {
            List<Filter> alts = new ArrayList<>();
            for (JsonNode item : array(key, v)) alts.add(timeCompare(field, key, "eq", item));
            return alts.size() == 1 ? alts.get(0) : new Filter.Or(alts);
        }
        return timeCompare(field, op, timeValue(key, v));
    }

    private static Filter timeCompare(Field field, String op, TimeValue t) {
        Instant start = t.start();
        if (t.end() == null) { // an instant
            return switch (op) {
                case "eq" -> Filter.eq(field, start);
                case "ne" -> new Filter.Compare(field, Op.NE, start);
                case "gt" -> new Filter.Compare(field, Op.GT, start);
                case "gte" -> new Filter.Compare(field, Op.GTE, start);
                case "lt" -> new Filter.Compare(field, Op.LT, start);
                default -> new Filter.Compare(field, Op.LTE, start);
            };
        }
        Instant end = t.end(); // a whole day [start, end)
        Filter day = Filter.and(new Filter.Compare(field, Op.GTE, start), new Filter.Compare(field, Op.LT, end));
        return switch (op) {
            case "eq" -> day;
            case "ne" -> Filter.not(day);
            case "gt", "gte" -> new Filter.Compare(field, Op.GTE, op.equals("gt") ? end : start);
            case "lt" -> new Filter.Compare(field, Op.LT, start);
            default -> new Filter.Compare(field, Op.LT, end); // lte: through the end of that day
        };
    }

    private record TimeValue(Instant start, Instant end) {
    }

    private static TimeValue timeValue(String key, JsonNode v) {
        if (v.isNumber()) { // epoch seconds, as Mem0's timestamp
            double seconds = v.asDouble();
            if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) throw invalid(key + ": timestamp out of range");
            return new TimeValue(Instant.ofEpochMilli(Math.round(seconds * 1000)), null);
        }
        if (!v.isTextual()) throw invalid(key + " takes an ISO date or date-time");
        return textTime(key, v.asText());
    }

    /** An ISO date (a whole day, UTC) or date-time (naive means UTC). */
    private static TimeValue textTime(String key, String text) {
        String s = text.strip();
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return new TimeValue(d.atStartOfDay(ZoneOffset.UTC).toInstant(), d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            try {
                return new TimeValue(OffsetDateTime.parse(s).toInstant(), null);
            } catch (DateTimeParseException e) {
                return new TimeValue(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC), null); // naive: UTC
            }
        } catch (DateTimeParseException e) {
            throw invalid(key + ": '" + truncate(s) + "' is not an ISO date (YYYY-MM-DD) or date-time");
        }
    }

    private Filter text(String key, JsonNode value, String bareOp) {
        if (!value.isObject()) return textCompare(key, bareOp, value);
        return operators(value, key, TEXT_OPS, (op, v) -> textCompare(key, op, v));
    }

    private Filter textCompare(String key, String op, JsonNode v) {
        return switch (op) {
            case "in" -> Filter.in(Field.TEXT, stringList(key, v));
            case "contains" -> new Filter.Compare(Field.TEXT, Op.CONTAINS, string(key, v));
            case "icontains" -> new Filter.Compare(Field.TEXT, Op.ICONTAINS, string(key, v));
            case "ne" -> new Filter.Compare(Field.TEXT, Op.NE, string(key, v));
            default -> Filter.eq(Field.TEXT, string(key, v));
        };
    }

    private Filter categories(JsonNode value) {
        String key = "categories";
        if (value.isArray()) return Filter.in(Field.CATEGORIES, stringList(key, value));
        if (!value.isObject()) return Filter.eq(Field.CATEGORIES, string(key, value));
        return operators(value, key, CATEGORY_OPS, (op, v) -> switch (op) {
            case "in", "nin" -> new Filter.Compare(Field.CATEGORIES, op.equals("in") ? Op.IN : Op.NIN, stringList(key, v));
            case "contains" -> new Filter.Compare(Field.CATEGORIES, Op.CONTAINS, string(key, v));
            case "icontains" -> new Filter.Compare(Field.CATEGORIES, Op.ICONTAINS, string(key, v));
            case "ne" -> new Filter.Compare(Field.CATEGORIES, Op.NE, string(key, v));
            default -> Filter.eq(Field.CATEGORIES, string(key, v));
        });
    }

    private Filter metadataObject(JsonNode value) {
        if (!value.isObject()) throw invalid("metadata filter must be an object of key: value or key: {operator: value}");
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var e = it.next();
            countClause();
            String mk = e.getKey();
            if (mk.isEmpty() || mk.length() > 256) throw invalid("metadata keys must be 1-256 characters");
            Field field = Field.metadata(mk);
            String where = "metadata." + mk;
            JsonNode v = e.getValue();
            if (v.isNull()) {
                parts.add(Filter.not(new Filter.Compare(field, Op.EXISTS, null)));
            } else if (v.isTextual() && v.asText().equals("*")) {
                parts.add(new Filter.Compare(field, Op.EXISTS, null));
            } else if (v.isObject()) {
                parts.add(operators(v, where, METADATA_OPS, (op, x) -> metadataCompare(field, where, op, x)));
            } else {
                parts.add(Filter.eq(field, scalar(where, v)));
            }
        }
        return Filter.and(parts);
    }

    private Filter metadataCompare(Field field, String where, String op, JsonNode v) {
        return switch (op) {
            case "in", "nin" -> {
                List<Object> values = new ArrayList<>();
                for (JsonNode item : array(where, v)) values.add(scalar(where, item));
                yield new Filter.Compare(field, op.equals("in") ? Op.IN : Op.NIN, values);
            }
            case "gt", "gte", "lt", "lte" -> {
                if (!v.isNumber()) throw invalid(where + ": " + op + " takes a number");
                yield new Filter.Compare(field, Op.valueOf(op.toUpperCase(java.util.Locale.ROOT)), v.asDouble());
            }
            case "contains", "icontains" -> new Filter.Compare(field, op.equals("contains") ? Op.CONTAINS : Op.ICONTAINS, string(where, v));
            case "ne" -> new Filter.Compare(field, Op.NE, scalar(where, v));
            default -> Filter.eq(field, scalar(where, v));
        };
    }

    private Filter memoryIds(JsonNode value) {
        JsonNode list = value.isObject() && value.has("in") && value.size() == 1 ? value.get("in") : value;
        List<String> ids = new ArrayList<>();
        for (JsonNode n : array("memory_ids", list)) {
            String s = string("memory_ids", n);
            try {
                ids.add(UUID.fromString(s).toString());
            } catch (IllegalArgumentException e) {
                throw invalid("memory_ids: '" + truncate(s) + "' is not a valid UUID");
            }
        }
        return Filter.in(Field.MEMORY_ID, ids);
    }

    private interface OpBuilder {
        Filter build(String op, JsonNode value);
    }

    private Filter operators(JsonNode node, String key, Set<String> allowed, OpBuilder builder) {
        if (node.isEmpty()) throw invalid(key + ": an operator object needs at least one operator");
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            countClause();
            String op = e.getKey();
            if (!allowed.contains(op)) {
                throw invalid(key + ": unsupported operator '" + truncate(op) + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (e.getValue().isNull()) throw invalid(key + "." + op + " must not be null");
            parts.add(builder.build(op, e.getValue()));
        }
        return Filter.and(parts);
    }

    private static Object scalar(String where, JsonNode v) {
        if (v.isTextual()) return limited(where, v.asText());
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        throw invalid(where + " takes a string, number or boolean");
    }

    private static String idString(String key, JsonNode v) {
        if (v.isTextual() || v.isIntegralNumber()) return id(key, v.asText());
        throw invalid(key + " takes a string id, '*', or an operator object");
    }

    /** An entity id: stripped, not empty, within the length limit. */
    private static String id(String key, String text) {
        String s = text.strip();
        if (s.isEmpty()) throw invalid(key + " must not be empty");
        return limited(key, s);
    }

    private static List<String> idList(String key, JsonNode v) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(key, v)) out.add(idString(key, n));
        return out;
    }

    private static String string(String key, JsonNode v) {
        if (!v.isTextual()) throw invalid(key + " takes a string");
        return limited(key, v.asText());
    }

    private static List<String> stringList(String key, JsonNode v) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(key, v)) out.add(string(key, n));
        return out;
    }

    private static JsonNode array(String key, JsonNode v) {
        if (!v.isArray()) throw invalid(key + " takes a non-empty list");
        listSize(key, v.size());
        return v;
    }

    private static void listSize(String key, int size) {
        if (size == 0) throw invalid(key + " takes a non-empty list");
        if (size > MAX_LIST) throw invalid(key + " takes at most " + MAX_LIST + " values");
    }

    private static String limited(String key, String s) {
        if (s.length() > MAX_STRING) throw invalid(key + ": values are limited to " + MAX_STRING + " characters");
        return s;
    }

    private static String truncate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static ValidationException invalid(String message) {
        return new ValidationException("Invalid filters: " + message);
    }
}
