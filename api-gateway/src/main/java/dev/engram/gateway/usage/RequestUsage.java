package dev.engram.gateway.usage;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.engine.TokenEstimator;
import dev.engram.core.feedback.FeedbackValue;
import dev.engram.core.usage.UsageEvent;
import jakarta.enterprise.context.RequestScoped;

/**
 * What the services learnt about the current request for its usage event: the operation (feedback by its value), the
 * end user it named, the context tokens a search served and the raw tokens of an add's conversation. {@link UsageFilter} reads it when the
 * response is ready.
 */
@RequestScoped
public class RequestUsage {

    private UsageEvent.Operation operation = UsageEvent.Operation.OTHER;
    private String userId;
    private long contextTokens;
    private long rawTokens;

    /** A search answered: its user is the filter's {@code user_id} equality (top level or in a top-level AND). */
    public void searched(Filter filter, SearchResult result) {
        operation = UsageEvent.Operation.SEARCH;
        userId = userOf(filter);
        contextTokens = result.contextTokens();
    }

    /** Feedback recorded on a memory ({@code null}: cleared). */
    public void feedback(FeedbackValue value) {
        operation = value == null ? UsageEvent.Operation.FEEDBACK_CLEARED : switch (value) {
            case POSITIVE -> UsageEvent.Operation.FEEDBACK_POSITIVE;
            case NEGATIVE -> UsageEvent.Operation.FEEDBACK_NEGATIVE;
            case VERY_NEGATIVE -> UsageEvent.Operation.FEEDBACK_VERY_NEGATIVE;
        };
    }

    /** An add accepted: its scope's user and the estimated tokens of its messages. */
    public void added(AddRequest request) {
        operation = UsageEvent.Operation.ADD;
        userId = request.scope().userId();
        long raw = 0;
        for (Message m : request.messages()) raw += TokenEstimator.estimate(m.content());
        rawTokens = raw;
    }

    UsageEvent.Operation operation() {
        return operation;
    }

    String userId() {
        return userId;
    }

    long contextTokens() {
        return contextTokens;
    }

    long rawTokens() {
        return rawTokens;
    }

    private static String userOf(Filter filter) {
        if (filter instanceof Filter.Compare c && c.field().equals(Field.USER_ID) && c.op() == Op.EQ && c.value() != null) {
            return c.value().toString();
        }
        if (filter instanceof Filter.And and) {
            for (Filter clause : and.clauses()) {
                String user = userOf(clause);
                if (user != null) return user;
            }
        }
        return null;
    }
}
