package dev.engram.gateway;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.MemoryStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /api/v1/admin/consistency/}: finds where the index differs from the store, and repairs it. */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ConsistencyRouteTest {

    @Inject
    MemoryStore store;

    @Test
    void findsAndRepairsWhatTheIndexMissed() {
        String key = Api.newTenantKey("org-consistency");
        String id = addVerbatim(key, "cora", "I grow tomatoes on the balcony");
        String org = as(key).get("/v1/ping/").then().extract().path("org_id");
        String project = as(key).get("/v1/ping/").then().extract().path("project_id");
        Map<String, Object> check = Map.of("org_id", org, "project_id", project, "repair", false);
        Api.admin().body(check).post("/api/v1/admin/consistency/").then().statusCode(200)
                .body("consistent", equalTo(true)).body("store_memories", equalTo(1)).body("index_entries", equalTo(1));

        // the store changes behind the index's back: one text changed, one memory the index never saw
        Tenant tenant = Tenant.of(org, project);
        MemoryRecord m = store.get(tenant, UUID.fromString(id)).orElseThrow();
        MemoryRecord changed = m.withText("I grow basil on the balcony", Instant.now());
        MemoryRecord unseen = new MemoryRecord(UUID.randomUUID(), m.scope(), "I keep bees in the garden", null, null, null, Map.of(),
                List.of(), Instant.now(), Instant.now(), null, null, false, null, null, List.of(), null);
        store.write(tenant, List.of(changed, unseen), List.of());

        Api.admin().body(check).post("/api/v1/admin/consistency/").then().statusCode(200)
                .body("consistent", equalTo(false)).body("missing_from_index", equalTo(1)).body("stale_in_index", equalTo(1))
                .body("orphans_in_index", equalTo(0)).body("repaired", equalTo(0));
        Api.admin().body(Map.of("org_id", org, "project_id", project)).post("/api/v1/admin/consistency/").then().statusCode(200)
                .body("repaired", equalTo(2));
        Api.admin().body(check).post("/api/v1/admin/consistency/").then().statusCode(200)
                .body("consistent", equalTo(true)).body("store_memories", equalTo(2)).body("index_entries", equalTo(2));
        as(key).body(Map.of("query", "bees", "filters", Map.of("user_id", "cora"))).post("/v3/memories/search/").then().statusCode(200)
                .body("results[0].memory", equalTo("I keep bees in the garden"));

        as(key).body(check).post("/api/v1/admin/consistency/").then().statusCode(403);
        Api.admin().body(Map.of("org_id", org)).post("/api/v1/admin/consistency/").then().statusCode(400);
        Api.admin().body(Map.of("org_id", org, "project_id", "a/b")).post("/api/v1/admin/consistency/").then().statusCode(400);
    }
}
