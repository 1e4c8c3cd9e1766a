/**
 * The embedded, default {@link dev.engram.core.spi.VectorIndex}: {@link dev.engram.core.index.lucene.LuceneVectorIndex}.
 *
 * <p>One Lucene index holds every tenant. Each memory is one document:
 * <ul>
 *   <li>{@code _tenant} (tenant key) and {@code _uid} (tenant key + memory id, the term upserts replace by);</li>
 *   <li>the vector: HNSW, cosine, up to 4096 dimensions ({@code HighDimensionCodec}). In a compact index (format 2, the
 *       default) 8-bit, in one field per non-zero span, {@code _v8:start-end} ({@code CompactVectors}); in a float index
 *       (format 1, made by earlier versions) {@code _vector}, float or scalar-quantized with rescoring
 *       ({@link dev.engram.core.index.lucene.VectorEncoding});</li>
 *   <li>{@code text}: BM25 over {@link dev.engram.core.index.lucene.MemoryTextAnalyzer} (CJK bigrams + English stems);</li>
 *   <li>per filterable attribute: exact terms, substring chunks ({@code sub:}, {@code lsub:}), LongPoint epoch
 *       microseconds for times, DoublePoint for metadata numbers, and an {@code _exists} marker;</li>
 *   <li>doc values: {@code memory_id} (sorted; maps hits to ids, breaks ties) and {@code created_at} (list order).</li>
 * </ul>
 * Nothing is stored: the memory store is the system of record and the index can be rebuilt from it.
 * {@code LuceneFilterTranslator} maps the filter AST onto these fields with the semantics of
 * {@link dev.engram.core.filter.FilterEvaluator}; the contract test checks that on random filters.
 */
package dev.engram.core.index.lucene;
