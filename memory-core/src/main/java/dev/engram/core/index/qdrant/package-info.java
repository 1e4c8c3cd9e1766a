/**
 * The Qdrant adapter of {@link dev.engram.core.spi.VectorIndex}: {@link dev.engram.core.index.qdrant.QdrantVectorIndex}.
 *
 * <h2>Layout</h2>
 * One collection for every tenant ({@link dev.engram.core.index.qdrant.QdrantSettings#collection()}), with a named dense
 * vector {@code dense} (cosine, the embedding dimension) and a named sparse vector {@code keywords} (IDF modifier).
 * Point ids are name-based UUIDs of (tenant, memory id); the memory id itself is in the payload ({@code memory_id}).
 * Payload indexes: {@code tenant} (keyword, {@code is_tenant}), the entity ids, actor, state, categories and memory id
 * (keyword), {@code text} and {@code categories_text} (full text, word tokenizer, lower case), and the times as integer
 * epoch microseconds with range support ({@code created_at}, {@code updated_at}, {@code event_time} = event time or
 * created_at, {@code expiration_date} = start of that day UTC, {@code list_order} for listings).
 *
 * <h2>Where it differs from the reference semantics</h2>
 * <ul>
 *   <li>CONTAINS / ICONTAINS on the text and on categories are word matches (every word of the value, case-insensitive),
 *       not substrings; on metadata they are exact (Qdrant matches unindexed strings by substring; ICONTAINS uses a
 *       lower-cased copy of the metadata, {@code metadata_lc}); on ids and actor ICONTAINS is case-sensitive.</li>
 *   <li>Times are kept to the microsecond (bounds of filters are rounded exactly; a stored nanosecond part is dropped).</li>
 *   <li>A metadata key containing a dot is read as a path into nested objects only (the reference first tries it as a
 *       top-level key).</li>
 *   <li>The IDF of the keyword side is computed by Qdrant over the whole collection, all tenants together.</li>
 * </ul>
 *
 * <h2>Tests</h2>
 * {@code dev.engram.testing.qdrant.QdrantEmulator} (the testing module, test scope) implements Qdrant's gRPC services in the test JVM so the real client is
 * exercised over the wire; {@code QdrantRealServerTest} runs the same contract against a real Qdrant when
 * {@code QDRANT_URL} is set.
 */
package dev.engram.core.index.qdrant;
