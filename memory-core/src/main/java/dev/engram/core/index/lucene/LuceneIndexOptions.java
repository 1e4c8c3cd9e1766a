package dev.engram.core.index.lucene;

import dev.engram.core.error.ConfigurationException;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LuceneVectorIndex} is opened.
 *
 * @param encoding          how a new index keeps its vectors ({@link VectorEncoding})
 * @param commitInterval    time between commits of a persistent index
 * @param exactSearchLimit  a filtered search whose scope has at most this many vectors in a span scores them all
 *                          exactly instead of searching the graph ({@link VectorEncoding#INT8_COMPACT} only)
 * @param migrateFloatIndex when the encoding is {@link VectorEncoding#INT8_COMPACT} and the existing index has the float
 *                          layout, rewrite it compact when it is opened ({@link FloatIndexMigration}); false keeps it float
 */
public record LuceneIndexOptions(VectorEncoding encoding, Duration commitInterval, int exactSearchLimit, boolean migrateFloatIndex) {

    /** The default of {@link #exactSearchLimit}: one user's memories are searched exactly. */
    public static final int DEFAULT_EXACT_SEARCH_LIMIT = 1000;

    public LuceneIndexOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new ConfigurationException("The index commit interval must be positive, got " + commitInterval);
        }
        if (exactSearchLimit < 0) {
            throw new ConfigurationException("The exact search limit must not be negative, got " + exactSearchLimit);
        }
    }

    /** INT8_COMPACT, a commit every second, exact search up to 1000 vectors, float indexes migrated. */
    public static LuceneIndexOptions defaults() {
        return new LuceneIndexOptions(LuceneVectorIndex.DEFAULT_ENCODING, LuceneVectorIndex.DEFAULT_COMMIT_INTERVAL,
                DEFAULT_EXACT_SEARCH_LIMIT, true);
    }

    public LuceneIndexOptions withEncoding(VectorEncoding value) {
        return new LuceneIndexOptions(value, commitInterval, exactSearchLimit, migrateFloatIndex);
    }

    public LuceneIndexOptions withCommitInterval(Duration value) {
        return new LuceneIndexOptions(encoding, value, exactSearchLimit, migrateFloatIndex);
    }

    public LuceneIndexOptions withExactSearchLimit(int value) {
        return new LuceneIndexOptions(encoding, commitInterval, value, migrateFloatIndex);
    }

    public LuceneIndexOptions withMigrateFloatIndex(boolean value) {
        return new LuceneIndexOptions(encoding, commitInterval, exactSearchLimit, value);
    }
}
