package dev.engram.core.index.qdrant;

import io.qdrant.client.grpc.Collections.IntegerIndexParams;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Collections.TokenizerType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of the shared Engram collection: vector names and payload keys, and the payload indexes created on it.
 *
 * <p>Times are stored as integer epoch microseconds (an integer index with range support, so {@code order_by} and
 * range filters work and compare exactly); {@link #EVENT_TIME} holds the effective event time (event time, else
 * created_at), {@link #EXPIRATION_DATE} the start (UTC) of the expiration day.
 */
final class QdrantSchema {

    static final String DENSE_VECTOR = "dense";
    static final String SPARSE_VECTOR = "keywords";

    static final String TENANT = "tenant";
    static final String MEMORY_ID = "memory_id";
    static final String USER_ID = "user_id";
    static final String AGENT_ID = "agent_id";
    static final String RUN_ID = "run_id";
    static final String APP_ID = "app_id";
    static final String ACTOR = "actor";
    static final String SLOT = "slot";
    static final String STATE = "state";
    static final String CATEGORIES = "categories";
    /** The categories again, under a full-text index (CONTAINS on categories). */
    static final String CATEGORIES_TEXT = "categories_text";
    static final String TEXT = "text";
    static final String METADATA = "metadata";
    /** The metadata again with every string lower-cased (ICONTAINS on metadata, as a substring match on the raw value). */
    static final String METADATA_LOWER = "metadata_lc";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String EVENT_TIME = "event_time";
    static final String EXPIRATION_DATE = "expiration_date";
    /** Always present (created_at, or {@link Long#MIN_VALUE} when unknown): the key listings are ordered by. */
    static final String LIST_ORDER = "list_order";

    private QdrantSchema() {
    }

    /** A payload index the adapter needs. */
    record IndexSpec(PayloadSchemaType type, PayloadIndexParams params) {
    }

    /** Every payload index of the collection, by payload key. */
    static Map<String, IndexSpec> payloadIndexes() {
        Map<String, IndexSpec> indexes = new LinkedHashMap<>();
        indexes.put(TENANT, keyword(true));
        for (String key : new String[]{MEMORY_ID, USER_ID, AGENT_ID, RUN_ID, APP_ID, ACTOR, SLOT, STATE, CATEGORIES}) {
            indexes.put(key, keyword(false));
        }
        indexes.put(TEXT, fullText());
        indexes.put(CATEGORIES_TEXT, fullText());
        for (String key : new String[]{CREATED_AT, UPDATED_AT, EVENT_TIME, EXPIRATION_DATE, LIST_ORDER}) {
            indexes.put(key, new IndexSpec(PayloadSchemaType.Integer, PayloadIndexParams.newBuilder()
                    .setIntegerIndexParams(IntegerIndexParams.newBuilder().setLookup(true).setRange(true)).build()));
        }
        return indexes;
    }

    private static IndexSpec keyword(boolean tenant) {
        KeywordIndexParams.Builder params = KeywordIndexParams.newBuilder();
        if (tenant) params.setIsTenant(true);
        return new IndexSpec(PayloadSchemaType.Keyword, PayloadIndexParams.newBuilder().setKeywordIndexParams(params).build());
    }

    private static IndexSpec fullText() {
        return new IndexSpec(PayloadSchemaType.Text, PayloadIndexParams.newBuilder()
                .setTextIndexParams(TextIndexParams.newBuilder().setTokenizer(TokenizerType.Word).setLowercase(true)).build());
    }
}
