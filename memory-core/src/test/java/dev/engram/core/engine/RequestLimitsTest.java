package dev.engram.core.engine;

import dev.engram.core.Memory;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine checks top_k and page_size against its settings' limits, so raising them (engram.limits.*) takes effect. */
class RequestLimitsTest {

    private static final Tenant TENANT = Tenant.DEFAULT;

    @Test
    void raisedLimitsAreWhatTheEngineAccepts() {
        try (Memory memory = Memory.builder().inMemory().settings(EngineSettings.defaults().withLimits(new RequestLimits(1500, 500))).build()) {
            MemoryEngine engine = memory.engine();
            assertThat(engine.limits()).isEqualTo(new RequestLimits(1500, 500));
            assertThat(engine.list(ListRequest.of(TENANT, Filter.ALL).page(1, 500)).items()).isEmpty();
            assertThat(engine.search(SearchRequest.of(TENANT, "coffee", Filter.ALL).withTopK(1500)).hits()).isEmpty();
            assertThatThrownBy(() -> engine.list(ListRequest.of(TENANT, Filter.ALL).page(1, 501)))
                    .isInstanceOf(ValidationException.class).hasMessage("page_size must be between 1 and 500");
            assertThatThrownBy(() -> engine.search(SearchRequest.of(TENANT, "coffee", Filter.ALL).withTopK(1501)))
                    .isInstanceOf(ValidationException.class).hasMessage("top_k must be between 1 and 1500");
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RequestLimits limits = EngineSettings.defaults().limits();
        assertThat(limits).isEqualTo(RequestLimits.defaults()).isEqualTo(new RequestLimits(1000, 200));
        assertThatThrownBy(() -> limits.checkPageSize(201)).isInstanceOf(ValidationException.class).hasMessage("page_size must be between 1 and 200");
        assertThatThrownBy(() -> limits.checkTopK(0)).isInstanceOf(ValidationException.class).hasMessage("top_k must be between 1 and 1000");
        limits.checkTopK(1000);
        limits.checkPageSize(1);
    }
}
