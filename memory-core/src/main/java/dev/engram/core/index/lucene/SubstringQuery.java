package dev.engram.core.index.lucene;

import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Matches documents with a term of {@code field} that contains {@code needle}. Equivalent to the wildcard
 * {@code *needle*} but without an automaton, so needles of any length and with any characters work; a UTF-8 byte
 * substring is exactly a character substring. It walks the field's whole term dictionary, like a leading wildcard.
 */
final class SubstringQuery extends MultiTermQuery {

    private final BytesRef needle;

    SubstringQuery(String field, String needle) {
        super(field, CONSTANT_SCORE_BLENDED_REWRITE);
        this.needle = new BytesRef(needle.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws java.io.IOException {
        return new FilteredTermsEnum(terms.iterator(), false) {
            @Override
            protected AcceptStatus accept(BytesRef term) {
                return contains(term) ? AcceptStatus.YES : AcceptStatus.NO;
            }
        };
    }

    private boolean contains(BytesRef term) {
        int n = needle.length;
        if (n == 0) return true;
        byte[] h = term.bytes;
        byte[] p = needle.bytes;
        int last = term.offset + term.length - n;
        byte first = p[needle.offset];
        for (int i = term.offset; i <= last; i++) {
            if (h[i] != first) continue;
            int j = 1;
            while (j < n && h[i + j] == p[needle.offset + j]) j++;
            if (j == n) return true;
        }
        return false;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) visitor.visitLeaf(this);
    }

    @Override
    public String toString(String defaultField) {
        return (field.equals(defaultField) ? "" : field + ":") + "*" + new Term(field, needle).text() + "*";
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && needle.equals(((SubstringQuery) o).needle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), needle);
    }
}
