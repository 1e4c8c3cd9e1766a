package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Baseline: BM25 over the raw messages, no memory layer. One Lucene document per message in an in-RAM index
 * ({@link EnglishAnalyzer}, {@link BM25Similarity} with Lucene's defaults k1 1.2, b 0.75); the question's analysed
 * terms are OR-ed.
 */
final class Bm25Retriever implements Retriever {

    private static final String TEXT = "text", ORDINAL = "ordinal";

    @Override
    public String name() {
        return "bm25";
    }

    @Override
    public String description() {
        return "Baseline: BM25 over the raw messages (Lucene, EnglishAnalyzer, k1 1.2, b 0.75), one document per message";
    }

    @Override
    public Index load(String questionId, List<Session> haystack) {
        Analyzer analyzer = new EnglishAnalyzer();
        List<Retrieved> messages = new ArrayList<>();
        var dir = new ByteBuffersDirectory();
        try (var writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
            for (Session s : haystack) {
                for (int i = 0; i < s.turns().size(); i++) {
                    Document doc = new Document();
                    doc.add(new TextField(TEXT, s.turns().get(i).content(), Field.Store.NO));
                    doc.add(new StoredField(ORDINAL, messages.size()));
                    writer.addDocument(doc);
                    messages.add(new Retrieved(s.turns().get(i).content(), List.of(s.messageId(i))));
                }
            }
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(dir);
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            return new Index() {
                @Override
                public List<Retrieved> search(String query, Instant referenceTime, int k) {
                    BooleanQuery.Builder q = new BooleanQuery.Builder();
                    for (String term : terms(analyzer, query)) q.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
                    try {
                        List<Retrieved> out = new ArrayList<>();
                        for (ScoreDoc d : searcher.search(q.build(), k).scoreDocs) {
                            out.add(messages.get(searcher.storedFields().document(d.doc).getField(ORDINAL).numericValue().intValue()));
                        }
                        return out;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        reader.close();
                        dir.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
