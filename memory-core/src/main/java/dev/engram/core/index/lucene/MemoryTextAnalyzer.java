package dev.engram.core.index.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer of the BM25 text field, for mixed Chinese/Japanese/Korean and English text.
 *
 * <p>{@link StandardTokenizer} splits Latin words and emits one token per Han character; {@link CJKWidthFilter} folds
 * full-width Latin and half-width Katakana; {@link CJKBigramFilter} joins adjacent CJK characters into bigrams and keeps
 * the unigrams too, so a two-character word ("开发") and a single character both match without a dictionary. English
 * words are lower-cased, lose a trailing possessive and are Porter-stemmed ("prefers" and "preference" meet).
 */
public final class MemoryTextAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                | CJKBigramFilter.HANGUL, true);
        stream = new EnglishPossessiveFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
    }
}
