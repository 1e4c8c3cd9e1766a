package dev.engram.core.reconcile;

import dev.engram.core.extract.Fact;

import java.util.UUID;

/** What to do with one new fact (or one existing memory), as decided by a {@link Reconciler}. */
public sealed interface Decision {

    /** A short, human-readable why, recorded in history. */
    String reason();

    /** Store the fact as a new memory. */
    record Add(Fact fact, String reason) implements Decision {
    }

    /** Replace the text of an existing memory with a richer one (the fact is merged into it). */
    record Update(UUID target, String newText, Fact fact, String reason) implements Decision {
    }

    /** Store the fact as a new memory and mark {@code target} superseded by it (a contradiction of the same attribute). */
    record Supersede(UUID target, Fact fact, String reason) implements Decision {
    }

    /** Delete an existing memory (LLM mode: contradicted, with no replacement fact). */
    record Delete(UUID target, String reason) implements Decision {
    }

    /** The fact is already known as {@code target}; nothing changes but provenance. */
    record None(UUID target, Fact fact, String reason) implements Decision {
    }
}
