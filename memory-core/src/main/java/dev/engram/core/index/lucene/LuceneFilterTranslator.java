package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import dev.engram.core.filter.FilterEvaluator;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates a {@link Filter} into a Lucene query with the semantics of {@link FilterEvaluator}, over the fields that
 * {@link LuceneDocuments} writes. It knows nothing of tenants: {@link LuceneVectorIndex} adds the tenant to every query.
 *
 * <p>Negations (NE, NIN, NOT) are the complement of the positive query, so a document without the field counts as not
 * equal, as in the evaluator. Comparisons whose types can never match (a range on a string, an id compared with a
 * number) match nothing, again as the evaluator.
 */
final class LuceneFilterTranslator {

    private LuceneFilterTranslator() {
    }

    static Query translate(Filter filter) {
        return switch (filter) {
            case Filter.All all -> MatchAllDocsQuery.INSTANCE;
            case Filter.And and -> and(and.clauses().stream().map(LuceneFilterTranslator::translate).toList());
            case Filter.Or or -> or(or.clauses().stream().map(LuceneFilterTranslator::translate).toList());
            case Filter.Not not -> not(translate(not.clause()));
            case Filter.Compare c -> compare(c.field(), c.op(), c.value());
        };
    }

    private static Query compare(Field field, Op op, Object value) {
        return switch (op) {
            case EXISTS -> new TermQuery(new Term(LuceneFields.EXISTS, LuceneFields.existsName(field)));
            case EQ -> anyOf(field, List.of(value));
            case NE -> not(anyOf(field, List.of(value)));
            case IN -> anyOf(field, (List<?>) value);
            case NIN -> not(anyOf(field, (List<?>) value));
            case GT, GTE, LT, LTE -> range(field, op, value);
            case CONTAINS -> substring(field, String.valueOf(value), field.kind() == Field.Kind.CATEGORIES);
            case ICONTAINS -> substring(field, String.valueOf(value), true);
        };
    }

    /** Documents with a value of {@code field} equal to any of {@code values}. */
    private static Query anyOf(Field field, List<?> values) {
        if (field.kind() == Field.Kind.METADATA) return metadataAnyOf(field.metadataKey(), values);
        if (field.isTime()) {
            Set<Long> micros = new LinkedHashSet<>();
            for (Object v : values) {
                if (v instanceof Instant t && LuceneFields.isWholeMicros(t)) micros.add(LuceneFields.floorMicros(t));
            }
            return micros.isEmpty() ? new MatchNoDocsQuery("no instant") : LongPoint.newSetQuery(LuceneFields.fieldName(field.kind()), micros);
        }
        return terms(LuceneFields.fieldName(field.kind()), values);
    }

    private static Query metadataAnyOf(String key, List<?> values) {
        List<Query> byType = new ArrayList<>();
        Query strings = terms(LuceneFields.metadataStrings(key), values);
        if (!(strings instanceof MatchNoDocsQuery)) byType.add(strings);
        List<String> booleans = values.stream().filter(Boolean.class::isInstance).map(Object::toString).toList();
        if (!booleans.isEmpty()) byType.add(terms(LuceneFields.metadataBooleans(key), booleans));
        Set<Double> numbers = new LinkedHashSet<>();
        for (Object v : values) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                // The evaluator compares with ==, so 0.0 and -0.0 are equal (DoublePoint tells them apart).
                if (d == 0) {
                    numbers.add(0.0);
                    numbers.add(-0.0);
                } else {
                    numbers.add(d);
                }
            }
        }
        if (!numbers.isEmpty()) byType.add(DoublePoint.newSetQuery(LuceneFields.metadataNumbers(key), numbers));
        return byType.isEmpty() ? new MatchNoDocsQuery("no value of a matching type") : or(byType);
    }

    /** Exact string terms; non-string values can never equal a string field. */
    private static Query terms(String field, List<?> values) {
        Set<BytesRef> terms = new LinkedHashSet<>();
        for (Object v : values) {
            if (v instanceof String s) terms.add(new BytesRef(LuceneFields.exactTerm(s)));
        }
        if (terms.isEmpty()) return new MatchNoDocsQuery("no string value");
        if (terms.size() == 1) return new TermQuery(new Term(field, terms.iterator().next()));
        return new TermInSetQuery(field, terms);
    }

    private static Query range(Field field, Op op, Object value) {
        if (field.isTime()) {
            if (!(value instanceof Instant t)) return new MatchNoDocsQuery("time range needs an instant");
            // Indexed times are whole microseconds, so rounding the bound the right way keeps the comparison exact.
            long lower = Long.MIN_VALUE;
            long upper = Long.MAX_VALUE;
            switch (op) {
                case GT -> {
                    long floor = LuceneFields.floorMicros(t);
                    if (floor == Long.MAX_VALUE) return new MatchNoDocsQuery("nothing after the end of time");
                    lower = floor + 1;
                }
                case GTE -> lower = LuceneFields.ceilMicros(t);
                case LT -> {
                    long ceil = LuceneFields.ceilMicros(t);
                    if (ceil == Long.MIN_VALUE) return new MatchNoDocsQuery("nothing before the start of time");
                    upper = ceil - 1;
                }
                case LTE -> upper = LuceneFields.floorMicros(t);
                default -> throw new IllegalArgumentException(op.toString());
            }
            return LongPoint.newRangeQuery(LuceneFields.fieldName(field.kind()), lower, upper);
        }
        if (field.kind() == Field.Kind.METADATA) {
            if (!(value instanceof Number n)) return new MatchNoDocsQuery("metadata ranges compare numbers only");
            double d = n.doubleValue();
            String name = LuceneFields.metadataNumbers(field.metadataKey());
            // DoublePoint orders like Double.compare (the evaluator's order), -0.0 before 0.0 included.
            return switch (op) {
                case GT -> d == Double.POSITIVE_INFINITY ? new MatchNoDocsQuery("nothing above +inf")
                        : DoublePoint.newRangeQuery(name, DoublePoint.nextUp(d), Double.POSITIVE_INFINITY);
                case GTE -> DoublePoint.newRangeQuery(name, d, Double.POSITIVE_INFINITY);
                case LT -> d == Double.NEGATIVE_INFINITY ? new MatchNoDocsQuery("nothing below -inf")
                        : DoublePoint.newRangeQuery(name, Double.NEGATIVE_INFINITY, DoublePoint.nextDown(d));
                case LTE -> DoublePoint.newRangeQuery(name, Double.NEGATIVE_INFINITY, d);
                default -> throw new IllegalArgumentException(op.toString());
            };
        }
        return new MatchNoDocsQuery("strings never match a range");
    }

    private static Query substring(Field field, String needle, boolean ignoreCase) {
        String exactField;
        if (field.kind() == Field.Kind.METADATA) exactField = LuceneFields.metadataStrings(field.metadataKey());
        else if (field.isTime()) return new MatchNoDocsQuery("times are not strings");
        else exactField = LuceneFields.fieldName(field.kind());
        return ignoreCase
                ? new SubstringQuery(LuceneFields.lowerSubstringField(exactField), LuceneFields.lower(needle))
                : new SubstringQuery(LuceneFields.substringField(exactField), needle);
    }

    private static Query and(List<Query> clauses) {
        if (clauses.isEmpty()) return MatchAllDocsQuery.INSTANCE;
        if (clauses.size() == 1) return clauses.get(0);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : clauses) b.add(q, Occur.FILTER);
        return b.build();
    }

    private static Query or(List<Query> clauses) {
        if (clauses.isEmpty()) return new MatchNoDocsQuery("empty OR");
        if (clauses.size() == 1) return clauses.get(0);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : clauses) b.add(q, Occur.SHOULD);
        return b.setMinimumNumberShouldMatch(1).build();
    }

    private static Query not(Query clause) {
        return new BooleanQuery.Builder()
                .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
                .add(clause, Occur.MUST_NOT)
                .build();
    }
}
