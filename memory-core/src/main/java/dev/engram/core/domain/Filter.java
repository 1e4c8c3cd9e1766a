package dev.engram.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated filter. Adapters translate it into their native query so it is evaluated inside the index
 * search (never by trimming a top-k afterwards); {@link FilterEvaluator} is the reference semantics.
 *
 * <p>Value types after parsing: entity ids, memory ids, text, categories and state are {@code String}; time fields are
 * {@link java.time.Instant} (date-only inputs are expanded to day ranges by the parser, so adapters only see instants);
 * metadata values are {@code String}, {@code Double} (every JSON number), {@code Boolean}. IN/NIN carry a {@code List}.
 * EXISTS carries no value.
 */
public sealed interface Filter {

    record And(List<Filter> clauses) implements Filter {
        public And {
            clauses = List.copyOf(clauses);
        }
    }

    record Or(List<Filter> clauses) implements Filter {
        public Or {
            clauses = List.copyOf(clauses);
        }
    }

    record Not(Filter clause) implements Filter {
        public Not {
            Objects.requireNonNull(clause);
        }
    }

    record Compare(Field field, Op op, Object value) implements Filter {
        public Compare {
            Objects.requireNonNull(field);
            Objects.requireNonNull(op);
            if (op == Op.EXISTS ? value != null : value == null) {
                throw new IllegalArgumentException("EXISTS takes no value; every other operator takes one");
            }
            if ((op == Op.IN || op == Op.NIN) && !(value instanceof List<?>)) {
                throw new IllegalArgumentException("IN/NIN take a list");
            }
        }
    }

    /** Matches every memory (of the tenant). */
    record All() implements Filter {
    }

    Filter ALL = new All();

    static Filter and(Filter... clauses) {
        return and(List.of(clauses));
    }

    /** AND that drops {@link All} clauses and flattens nested ANDs. */
    static Filter and(List<Filter> clauses) {
        var flat = new java.util.ArrayList<Filter>();
        for (Filter f : clauses) {
            if (f instanceof All) continue;
            if (f instanceof And a) flat.addAll(a.clauses());
            else flat.add(f);
        }
        if (flat.isEmpty()) return ALL;
        if (flat.size() == 1) return flat.get(0);
        return new And(flat);
    }

    static Filter or(Filter... clauses) {
        return new Or(List.of(clauses));
    }

    static Filter not(Filter clause) {
        return new Not(clause);
    }

    static Filter eq(Field field, Object value) {
        return new Compare(field, Op.EQ, value);
    }

    static Filter in(Field field, List<?> values) {
        return new Compare(field, Op.IN, List.copyOf(values));
    }
}
