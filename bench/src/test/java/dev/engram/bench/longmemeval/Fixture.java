package dev.engram.bench.longmemeval;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The synthetic LongMemEval-format fixture in src/test/resources/longmemeval/mini.json. */
final class Fixture {

    private Fixture() {
    }

    static Path path() {
        try {
            return Path.of(Fixture.class.getResource("/longmemeval/mini.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LongMemEvalDataset load() {
        return LongMemEvalDataset.load(path());
    }

    static LongMemEvalDataset.Question question(LongMemEvalDataset d, String id) {
        return d.questions().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }
}
