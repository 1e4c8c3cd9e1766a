package dev.engram.core.index.lucene;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.MemoryStore;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Rewrites a float-layout index (format 1) in the compact layout ({@link VectorEncoding#INT8_COMPACT}, format 2) when it
 * is opened, without re-embedding: each entry's float vector comes from the old index, its record from the store (the
 * index stores no fields), and both go through {@link LuceneVectorIndex}'s own write path into a new index beside the
 * old one.
 *
 * <p>Crash-safe by renames: the copy is written to {@code index.compact-tmp}; once complete and closed it is renamed
 * {@code index.compact-done}; then the old index becomes {@code index.float-backup-<time>} and the new one
 * {@code index}, each rename followed by an fsync of the parent directory. {@link #finishOrDiscard} at every open
 * deletes a leftover {@code index.compact-tmp} (the copy starts over) and completes the renames of a
 * {@code index.compact-done}. So a crash leaves either the old index in place or the new one complete.
 */
final class FloatIndexMigration {

    static final String TMP_SUFFIX = ".compact-tmp";
    static final String DONE_SUFFIX = ".compact-done";
    static final String BACKUP_INFIX = ".float-backup-";
    private static final int BATCH = 256;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(FloatIndexMigration.class);

    private FloatIndexMigration() {
    }

    /** Deletes an interrupted copy and completes the renames of a finished one; no-op when neither is there. */
    static void finishOrDiscard(Path dir) throws IOException {
        Path tmp = sibling(dir, TMP_SUFFIX);
        if (Files.exists(tmp)) {
            LOG.info("Deleting {}: an index migration was interrupted, it starts over", tmp);
            deleteRecursively(tmp);
            fsyncParent(dir);
        }
        Path done = sibling(dir, DONE_SUFFIX);
        if (Files.exists(done)) {
            Path backup = Files.exists(dir) ? backup(dir) : null;
            swap(dir, done, backup);
            LOG.info("Completed an interrupted index migration: {} is the compact index{}", dir,
                    backup == null ? "" : ", the float index is kept in " + backup);
        }
    }

    /**
     * Migrates the float index in {@code dir} when there is one; returns without doing anything for a missing or
     * compact index.
     */
    static void migrateIfFloat(Path dir, int dimension, String embedder, LuceneIndexOptions options, MemoryStore store)
            throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Directory old = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(old)) return;
            Map<String, String> data = SegmentInfos.readLatestCommit(old).getUserData();
            if (!LuceneVectorIndex.FLOAT_FORMAT.equals(data.get(LuceneVectorIndex.FORMAT_KEY))) return;
            LuceneVectorIndex.checkCompatible(data, dir.toAbsolutePath().toString(), dimension, embedder);
            try (Lock lock = old.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
                migrate(dir, old, data, dimension, embedder, options, store);
            } catch (LockObtainFailedException e) {
                throw new ConfigurationException("The vector index at " + dir.toAbsolutePath() + " is in use by another process."
                        + " Stop that process, or give this one its own data directory.", e);
            }
        }
    }

    private static void migrate(Path dir, Directory old, Map<String, String> data, int dimension, String embedder,
                                LuceneIndexOptions options, MemoryStore store) throws IOException {
        long started = System.nanoTime();
        long oldBytes = size(dir);
        Path tmp = sibling(dir, TMP_SUFFIX);
        long copied = 0;
        long entries;
        try (DirectoryReader reader = DirectoryReader.open(old)) {
            LOG.info("Migrating the float vector index at {} ({} entries, {} bytes) to the compact layout (INT8_COMPACT,"
                    + " engram.index.migrate-float-index); the old files are kept as a backup", dir, reader.numDocs(), oldBytes);
            entries = reader.numDocs();
            Instant recovery = LuceneVectorIndex.recoveryPoint(data);
            try (LuceneVectorIndex target = LuceneVectorIndex.create(tmp, dimension, embedder, options)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (Tenant tenant : store.tenants()) copied += copyTenant(searcher, tenant, store, target);
                target.keepRecoveryPoint(recovery); // an unclean old index still gets the store comparison
            }
        }
        Path done = sibling(dir, DONE_SUFFIX);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        fsyncParent(dir);
        Path backup = backup(dir);
        swap(dir, done, backup);
        LOG.info("Migrated the vector index at {} to the compact layout: {} entries ({} without a record in the store, left out),"
                        + " {} bytes before, {} after, in {} s. The float index is kept in {}: delete it once satisfied.",
                dir, copied, entries - copied, oldBytes, size(dir), String.format("%.1f", (System.nanoTime() - started) / 1e9), backup);
    }

    /** The tenant's live entries of the old index that have a store record, written to the new one: how many. */
    private static long copyTenant(IndexSearcher searcher, Tenant tenant, MemoryStore store, LuceneVectorIndex target)
            throws IOException {
        Weight weight = searcher.createWeight(new TermQuery(new Term(LuceneFields.TENANT, tenant.key())), ScoreMode.COMPLETE_NO_SCORES, 1f);
        long copied = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            SortedDocValues ids = leaf.reader().getSortedDocValues(LuceneFields.MEMORY_ID);
            FloatVectorValues vectors = leaf.reader().getFloatVectorValues(LuceneFields.VECTOR);
            if (ids == null || vectors == null) throw new IllegalStateException("segment without memory ids or float vectors");
            KnnVectorValues.DocIndexIterator at = vectors.iterator();
            List<UUID> batchIds = new ArrayList<>(BATCH);
            List<float[]> batchVectors = new ArrayList<>(BATCH);
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) continue;
                if (!ids.advanceExact(doc) || at.advance(doc) != doc) throw new IllegalStateException("document without id or vector");
                batchIds.add(UUID.fromString(ids.lookupOrd(ids.ordValue()).utf8ToString()));
                batchVectors.add(vectors.vectorValue(at.index()).clone());
                if (batchIds.size() == BATCH) {
                    copied += write(tenant, batchIds, batchVectors, store, target);
                    batchIds.clear();
                    batchVectors.clear();
                }
            }
            copied += write(tenant, batchIds, batchVectors, store, target);
        }
        return copied;
    }

    private static long write(Tenant tenant, List<UUID> ids, List<float[]> vectors, MemoryStore store, LuceneVectorIndex target) {
        if (ids.isEmpty()) return 0;
        Map<UUID, MemoryRecord> records = store.getAll(tenant, ids);
        List<IndexEntry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            MemoryRecord record = records.get(ids.get(i));
            if (record != null) entries.add(new IndexEntry(record, vectors.get(i)));
        }
        target.apply(tenant, entries, List.of());
        return entries.size();
    }

    /** Renames the old index (when there is one) to the backup, then the finished copy to the index. */
    private static void swap(Path dir, Path done, Path backup) throws IOException {
        if (backup != null) {
            Files.move(dir, backup, StandardCopyOption.ATOMIC_MOVE);
            fsyncParent(dir);
        }
        Files.move(done, dir, StandardCopyOption.ATOMIC_MOVE);
        fsyncParent(dir);
    }

    private static Path backup(Path dir) {
        return sibling(dir, BACKUP_INFIX + STAMP.format(Instant.now()));
    }

    static Path sibling(Path dir, String suffix) {
        Path absolute = dir.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
    }

    private static void fsyncParent(Path dir) throws IOException {
        IOUtils.fsync(dir.toAbsolutePath().getParent(), true);
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Wraps an I/O failure of the migration. */
    static StorageException failed(Path dir, IOException e) {
        return new StorageException("Could not migrate the vector index at " + dir.toAbsolutePath() + " to the compact layout: "
                + e.getMessage() + ". The float index is unchanged; the migration starts over at the next start"
                + " (engram.index.migrate-float-index=false keeps the float index)", e);
    }
}
