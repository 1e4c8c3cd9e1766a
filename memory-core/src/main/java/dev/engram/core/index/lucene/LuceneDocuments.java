package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Scope;
import dev.engram.core.filter.FilterEvaluator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.engram.core.index.lucene.LuceneFields.fieldName;
import static org.apache.lucene.document.Field.Store;

/**
 * Builds the Lucene document of a memory: one indexed representation per {@link Field.Kind}, each shaped so that
 * {@link LuceneFilterTranslator} reproduces {@link FilterEvaluator} exactly. Nothing is stored: search and listing
 * read ids from doc values and vectors from the vector field.
 */
final class LuceneDocuments {

    private LuceneDocuments() {
    }

    /** The document of a memory with its vector fields (float or 8-bit, as the index's encoding builds them). */
    static Document toDocument(MemoryRecord r, List<IndexableField> vector) {
        Builder b = new Builder();
        b.doc.add(new StringField(LuceneFields.TENANT, r.tenant().key(), Store.NO));
        b.doc.add(new StringField(LuceneFields.UID, LuceneFields.uid(r.tenant(), r.id()), Store.NO));
        vector.forEach(b.doc::add);

        String id = r.id().toString();
        b.string(fieldName(Field.Kind.MEMORY_ID), id);
        b.doc.add(new SortedDocValuesField(LuceneFields.MEMORY_ID, new BytesRef(id)));
        b.exists(Field.MEMORY_ID);

        Scope s = r.scope();
        b.optionalString(Field.USER_ID, s.userId());
        b.optionalString(Field.AGENT_ID, s.agentId());
        b.optionalString(Field.APP_ID, s.appId());
        b.optionalString(Field.RUN_ID, s.runId());
        b.optionalString(Field.STATE, r.state().name());
        b.optionalString(Field.ACTOR, r.actor());
        b.optionalString(Field.SLOT, r.slot());

        if (r.text() != null) {
            b.doc.add(new TextField(LuceneFields.TEXT_BM25, r.text(), Store.NO));
            b.optionalString(Field.TEXT, r.text());
        }
        for (String category : r.categories()) {
            if (category == null) continue;
            b.string(fieldName(Field.Kind.CATEGORIES), category);
            b.exists(Field.CATEGORIES);
        }

        b.time(Field.CREATED_AT, r.createdAt());
        if (r.createdAt() != null) {
            b.doc.add(new NumericDocValuesField(LuceneFields.CREATED_AT, LuceneFields.floorMicros(r.createdAt())));
        }
        b.time(Field.UPDATED_AT, r.updatedAt());
        b.time(Field.EVENT_TIME, r.eventTime() != null ? r.eventTime() : r.createdAt());
        b.time(Field.EXPIRATION_DATE, r.expirationDate() == null ? null : FilterEvaluator.startOfDay(r.expirationDate()));

        metadata(b, r.metadata());
        return b.doc;
    }

    /**
     * Indexes every metadata path that {@code FilterEvaluator.metadataValue} can resolve: each top-level key as it is,
     * and dotted paths into nested objects, unless a top-level key spelled like the path exists (that one wins).
     */
    private static void metadata(Builder b, Map<String, Object> metadata) {
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            b.metadataValue(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            if (isPathSegment(e.getKey()) && e.getValue() instanceof Map<?, ?> nested) {
                nestedMetadata(b, metadata, e.getKey(), nested);
            }
        }
    }

    private static void nestedMetadata(Builder b, Map<String, Object> topLevel, String prefix, Map<?, ?> object) {
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (!(e.getKey() instanceof String key) || !isPathSegment(key)) continue;
            String path = prefix + "." + key;
            if (!topLevel.containsKey(path)) b.metadataValue(path, e.getValue());
            if (e.getValue() instanceof Map<?, ?> deeper) nestedMetadata(b, topLevel, path, deeper);
        }
    }

    /** A key the evaluator's dotted-path walk can reach: non-empty and without a dot. */
    private static boolean isPathSegment(String key) {
        return !key.isEmpty() && key.indexOf('.') < 0;
    }

    private static final class Builder {
        final Document doc = new Document();
        private final Set<String> existing = new HashSet<>();

        void optionalString(Field field, String value) {
            if (value == null) return;
            string(fieldName(field.kind()), value);
            exists(field);
        }

        /** Exact term plus case-sensitive and lower-cased substring chunks. */
        void string(String field, String value) {
            doc.add(new StringField(field, LuceneFields.exactTerm(value), Store.NO));
            for (String chunk : LuceneFields.chunks(value)) {
                doc.add(new StringField(LuceneFields.substringField(field), chunk, Store.NO));
            }
            for (String chunk : LuceneFields.chunks(LuceneFields.lower(value))) {
                doc.add(new StringField(LuceneFields.lowerSubstringField(field), chunk, Store.NO));
            }
        }

        void time(Field field, Instant value) {
            if (value == null) return;
            doc.add(new LongPoint(fieldName(field.kind()), LuceneFields.floorMicros(value)));
            exists(field);
        }

        /** A metadata value: scalars by type, lists element by element (one level, as the evaluator flattens). */
        void metadataValue(String key, Object value) {
            List<Object> values = new ArrayList<>();
            if (value instanceof Collection<?> col) {
                for (Object o : col) if (o != null) values.add(o);
            } else if (value != null) {
                values.add(value);
            }
            if (values.isEmpty()) return;
            exists(Field.metadata(key));
            for (Object v : values) {
                switch (v) {
                    case String s -> string(LuceneFields.metadataStrings(key), s);
                    case Number n -> doc.add(new DoublePoint(LuceneFields.metadataNumbers(key), n.doubleValue()));
                    case Boolean bool -> doc.add(new StringField(LuceneFields.metadataBooleans(key), bool.toString(), Store.NO));
                    default -> { } // objects and nested lists exist but never equal, compare or contain anything
                }
            }
        }

        void exists(Field field) {
            String name = LuceneFields.existsName(field);
            if (existing.add(name)) doc.add(new StringField(LuceneFields.EXISTS, name, Store.NO));
        }
    }
}
