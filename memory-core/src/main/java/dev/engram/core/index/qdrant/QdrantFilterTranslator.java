package dev.engram.core.index.qdrant;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.range;

/**
 * Translates an Engram {@link Filter} into a Qdrant filter with the semantics of
 * {@link dev.engram.core.filter.FilterEvaluator}:
 * <ul>
 *   <li>AND → {@code must}, OR → {@code should} (an empty OR matches nothing), NOT → {@code must_not}, nested freely.</li>
 *   <li>NE / NIN → {@code must_not} of the positive match, so a missing value counts as not equal; on multi-valued
 *       fields they hold when no element matches, as Qdrant's array matching gives.</li>
 *   <li>EXISTS → {@code must_not is_empty} (missing, null and empty lists do not exist).</li>
 *   <li>Times are integer epoch microseconds; instant bounds are rounded so that integer comparison is exact.</li>
 *   <li>Metadata numbers compare through {@code range} (numerically, whatever the stored JSON type); strings match as
 *       keywords and never equal numbers; booleans match as booleans.</li>
 *   <li>Comparisons the reference never accepts (a range on an id, a string bound on a time, …) become a clause that
 *       matches nothing.</li>
 * </ul>
 *
 * <p><b>CONTAINS / ICONTAINS differ from the reference:</b> Qdrant has no substring match on indexed strings. On the
 * memory text and on categories they are full-text matches on a lower-casing word index, so they hold when every word
 * of the value occurs as a whole word, case-insensitively ("pizza" finds "I like Pizza", "izz" finds nothing). On other
 * fields (ids, actor, metadata) there is no text index, and Qdrant's text match on the raw payload value is a
 * substring match: CONTAINS is exact there; ICONTAINS on metadata matches the lower-cased copy of the metadata
 * ({@value QdrantSchema#METADATA_LOWER}) and is exact too, while ICONTAINS on ids and actor stays case-sensitive.
 */
final class QdrantFilterTranslator {

    /** Matches every point: a filter without conditions. */
    static final Common.Filter MATCH_ALL = Common.Filter.getDefaultInstance();
    /** Matches no point: the negation of a filter that matches every point. */
    static final Common.Filter MATCH_NONE = Common.Filter.newBuilder().addMustNot(filter(MATCH_ALL)).build();

    private QdrantFilterTranslator() {
    }

    static Common.Filter translate(Filter f) {
        return switch (f) {
            case Filter.All all -> MATCH_ALL;
            case Filter.And and -> {
                Common.Filter.Builder b = Common.Filter.newBuilder();
                for (Filter c : and.clauses()) b.addMust(condition(c));
                yield b.build();
            }
            case Filter.Or or -> {
                if (or.clauses().isEmpty()) yield MATCH_NONE;
                Common.Filter.Builder b = Common.Filter.newBuilder();
                for (Filter c : or.clauses()) b.addShould(condition(c));
                yield b.build();
            }
            case Filter.Not not -> Common.Filter.newBuilder().addMustNot(condition(not.clause())).build();
            case Filter.Compare c -> compare(c);
        };
    }

    /** A clause as one condition, unwrapping a filter that is a single {@code must}. */
    static Condition condition(Filter f) {
        Common.Filter translated = translate(f);
        if (translated.getMustCount() == 1 && translated.getShouldCount() == 0 && translated.getMustNotCount() == 0
                && !translated.hasMinShould()) {
            return translated.getMust(0);
        }
        return filter(translated);
    }

    private static Common.Filter compare(Filter.Compare c) {
        Field field = c.field();
        Op op = c.op();
        String key = payloadKey(field);
        return switch (op) {
            case EXISTS -> not(isEmpty(key));
            case EQ -> equal(field, key, c.value());
            case NE -> negate(equal(field, key, c.value()));
            case IN -> anyOf(field, key, (List<?>) c.value());
            case NIN -> negate(anyOf(field, key, (List<?>) c.value()));
            case GT, GTE, LT, LTE -> ordered(field, key, op, c.value());
            case CONTAINS -> contains(field, key, String.valueOf(c.value()));
            case ICONTAINS -> field.kind() == Field.Kind.METADATA
                    ? must(matchText(QdrantSchema.METADATA_LOWER + "." + field.metadataKey(),
                            String.valueOf(c.value()).toLowerCase(Locale.ROOT)))
                    : contains(field, key, String.valueOf(c.value()));
        };
    }

    static String payloadKey(Field field) {
        return switch (field.kind()) {
            case USER_ID -> QdrantSchema.USER_ID;
            case AGENT_ID -> QdrantSchema.AGENT_ID;
            case APP_ID -> QdrantSchema.APP_ID;
            case RUN_ID -> QdrantSchema.RUN_ID;
            case MEMORY_ID -> QdrantSchema.MEMORY_ID;
            case CREATED_AT -> QdrantSchema.CREATED_AT;
            case UPDATED_AT -> QdrantSchema.UPDATED_AT;
            case EVENT_TIME -> QdrantSchema.EVENT_TIME;
            case EXPIRATION_DATE -> QdrantSchema.EXPIRATION_DATE;
            case TEXT -> QdrantSchema.TEXT;
            case CATEGORIES -> QdrantSchema.CATEGORIES;
            case METADATA -> QdrantSchema.METADATA + "." + field.metadataKey();
            case STATE -> QdrantSchema.STATE;
            case ACTOR -> QdrantSchema.ACTOR;
            case SLOT -> QdrantSchema.SLOT;
        };
    }

    private static Common.Filter equal(Field field, String key, Object value) {
        if (field.isTime()) {
            if (!(value instanceof Instant t)) return MATCH_NONE;
            Micros m = Micros.of(t);
            // a stored value is a whole microsecond: it cannot equal an instant between two
            return m.exact() ? must(range(key, Range.newBuilder().setGte(m.floor()).setLte(m.floor()).build())) : MATCH_NONE;
        }
        if (field.kind() == Field.Kind.METADATA) {
            return switch (value) {
                case String s -> must(matchKeyword(key, s));
                case Boolean b -> must(match(key, b));
                case Number n -> must(range(key, Range.newBuilder().setGte(n.doubleValue()).setLte(n.doubleValue()).build()));
                default -> MATCH_NONE;
            };
        }
        return value instanceof String s ? must(matchKeyword(key, s)) : MATCH_NONE;
    }

    private static Common.Filter anyOf(Field field, String key, List<?> values) {
        boolean keywordField = !field.isTime() && field.kind() != Field.Kind.METADATA;
        if (keywordField) {
            List<String> strings = new ArrayList<>();
            for (Object v : values) if (v instanceof String s) strings.add(s);
            return strings.isEmpty() ? MATCH_NONE : must(matchKeywords(key, strings));
        }
        Common.Filter.Builder any = Common.Filter.newBuilder();
        for (Object v : values) {
            Common.Filter one = equal(field, key, v);
            if (!one.equals(MATCH_NONE)) any.addShould(filter(one));
        }
        return any.getShouldCount() == 0 ? MATCH_NONE : any.build();
    }

    private static Common.Filter ordered(Field field, String key, Op op, Object value) {
        if (field.isTime() && value instanceof Instant t) {
            Micros m = Micros.of(t);
            Range.Builder r = Range.newBuilder();
            // stored values are whole microseconds: round the bound so the integer comparison equals the exact one
            switch (op) {
                case GT -> r.setGt(m.floor());
                case GTE -> r.setGte(m.ceil());
                case LT -> r.setLt(m.ceil());
                case LTE -> r.setLte(m.floor());
                default -> throw new IllegalStateException(op.name());
            }
            return must(range(key, r.build()));
        }
        if (field.kind() == Field.Kind.METADATA && value instanceof Number n) {
            double d = n.doubleValue();
            Range.Builder r = Range.newBuilder();
            switch (op) {
                case GT -> r.setGt(d);
                case GTE -> r.setGte(d);
                case LT -> r.setLt(d);
                case LTE -> r.setLte(d);
                default -> throw new IllegalStateException(op.name());
            }
            return must(range(key, r.build()));
        }
        return MATCH_NONE;
    }

    private static Common.Filter contains(Field field, String key, String needle) {
        if (field.isTime()) return MATCH_NONE;
        String target = field.kind() == Field.Kind.CATEGORIES ? QdrantSchema.CATEGORIES_TEXT : key;
        return must(matchText(target, needle));
    }

    private static Common.Filter must(Condition c) {
        return Common.Filter.newBuilder().addMust(c).build();
    }

    private static Common.Filter not(Condition c) {
        return Common.Filter.newBuilder().addMustNot(c).build();
    }

    private static Common.Filter negate(Common.Filter f) {
        if (f.equals(MATCH_NONE)) return MATCH_ALL;
        return not(filter(f));
    }

    /** An instant in epoch microseconds, rounded both ways; {@code exact} when it has no sub-microsecond part. */
    record Micros(long floor, boolean exact) {
        static Micros of(Instant t) {
            long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
            return new Micros(micros, t.getNano() % 1_000 == 0);
        }

        long ceil() {
            return exact ? floor : floor + 1;
        }
    }

    /** The stored form of an instant: epoch microseconds, truncated. */
    static long micros(Instant t) {
        return Micros.of(t).floor();
    }
}
