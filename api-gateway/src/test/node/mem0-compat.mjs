// Drives the official Mem0 TypeScript client (mem0ai, pinned in package.json) against a running Engram server and
// checks what the SDK hands back to an application, camel-cased as the SDK returns it.
//
//   ENGRAM_URL=http://127.0.0.1:8080 ENGRAM_API_KEY=... node mem0-compat.mjs            the whole scenario
//   ENGRAM_COMPAT_STATE=/tmp/state.json ... node mem0-compat.mjs                         also leaves adds in flight and
//                                                                                         writes what must survive
//   ENGRAM_COMPAT_STATE=/tmp/state.json ... node mem0-compat.mjs after-restart           checks it survived a restart
//
// A failing step prints the step, the last request and the last response. The last line is "N passed, M failed";
// the exit code is 0 only when nothing failed.

// The SDK reads this when its module loads: it must be set before the import below (a dynamic import, so it runs after).
process.env.MEM0_TELEMETRY = "false";

import { readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";

const { MemoryClient, AuthenticationError, MemoryNotFoundError, MemoryError, ValidationError, MemoryQuotaExceededError } = await import("mem0ai");

const HOST = (process.env.ENGRAM_URL || "http://127.0.0.1:8080").replace(/\/+$/, "");
const API_KEY = process.env.ENGRAM_API_KEY;
const STATE_FILE = process.env.ENGRAM_COMPAT_STATE;
const PHASE = process.argv[2] || "all";
const EVENT_TIMEOUT_MS = Number(process.env.ENGRAM_COMPAT_EVENT_TIMEOUT_MS || 30000);

if (!API_KEY) {
  console.error("mem0-compat: set ENGRAM_API_KEY (and ENGRAM_URL, default http://127.0.0.1:8080)");
  process.exit(2);
}
if (PHASE !== "all" && PHASE !== "after-restart") {
  console.error(`mem0-compat: unknown phase '${PHASE}' (all | after-restart)`);
  process.exit(2);
}
if (PHASE === "after-restart" && !STATE_FILE) {
  console.error("mem0-compat: the after-restart phase reads ENGRAM_COMPAT_STATE");
  process.exit(2);
}

// ---- every HTTP exchange the SDK (or this script) makes is recorded, so a failure can show it ----------------------
const exchanges = []; // the most recent ones, each with its sequence number
let exchangeCount = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  const exchange = { seq: ++exchangeCount, method: options.method || "GET", url: String(url), body: options.body ?? null };
  exchanges.push(exchange);
  if (exchanges.length > 50) exchanges.shift();
  try {
    const response = await realFetch(url, options);
    exchange.status = response.status;
    exchange.response = await response.clone().text();
    return response;
  } catch (e) {
    exchange.status = "transport error";
    exchange.response = String(e?.cause?.message || e.message);
    throw e;
  }
};

// ---- a tiny step runner ---------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;

class AssertionFailure extends Error {}

function check(condition, message, actual) {
  if (!condition) {
    const shown = actual === undefined ? "" : `\n      actual: ${JSON.stringify(actual, null, 0)?.slice(0, 2000)}`;
    throw new AssertionFailure(message + shown);
  }
}

function equal(actual, expected, message) {
  check(JSON.stringify(actual) === JSON.stringify(expected), `${message}: expected ${JSON.stringify(expected)}`, actual);
}

async function step(name, body) {
  const mark = exchangeCount;
  const started = Date.now();
  try {
    const value = await body();
    passed++;
    console.log(`  ok    ${name} (${Date.now() - started} ms)`);
    return value;
  } catch (e) {
    failed++;
    console.log(`  FAIL  ${name}`);
    console.log(`      ${e instanceof AssertionFailure ? e.message : `${e?.constructor?.name}: ${e?.message}`}`);
    if (!(e instanceof AssertionFailure) && e?.errorCode) console.log(`      errorCode: ${e.errorCode}`);
    const last = exchanges.filter((x) => x.seq > mark).slice(-2);
    for (const x of last) {
      console.log(`      request:  ${x.method} ${x.url}${x.body ? ` ${String(x.body).slice(0, 1500)}` : ""}`);
      console.log(`      response: ${x.status} ${String(x.response ?? "").slice(0, 1500)}`);
    }
    if (last.length === 0) console.log("      (no HTTP request was made in this step)");
    return undefined;
  }
}

/** Expects `promise` to reject with an instance of `type`; returns the error. */
async function rejectsWith(promise, type, what) {
  try {
    const value = await promise;
    throw new AssertionFailure(`${what}: expected ${type.name}, but the call succeeded`, value);
  } catch (e) {
    if (e instanceof AssertionFailure) throw e;
    check(e instanceof type, `${what}: expected ${type.name}, got ${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The status the gateway answers to a POST's headers (Content-Length given, no body sent): what it decides before reading. */
function statusFromHeadersAlone(path, contentLength) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`no answer to ${path} within 10 s`)); }, 10000);
    const req = httpRequest(HOST + path, { method: "POST", headers: { Authorization: `Token ${API_KEY}`,
      "Content-Type": "application/json", "Content-Length": contentLength } });
    req.on("response", (res) => { clearTimeout(timer); res.resume(); resolve(res.statusCode); req.destroy(); });
    req.on("error", (e) => { clearTimeout(timer); reject(e); }); // ignored once the answer was read
    req.flushHeaders();
  });
}

/** Polls a condition (async) until it returns a truthy value or the time is up; returns the last value. */
async function eventually(probe, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await probe();
    if (value || Date.now() > deadline) return value;
    await sleep(100);
  }
}

// ---- the event poll is not an SDK method: plain fetch, as Mem0's CLI does ----------------------------------------
async function eventStatus(eventId) {
  const response = await fetch(`${HOST}/v1/event/${encodeURIComponent(eventId)}/`, {
    headers: { Authorization: `Token ${API_KEY}` },
  });
  check(response.ok, `GET /v1/event/${eventId}/ answered ${response.status}`);
  return response.json();
}

async function awaitEvent(eventId) {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  let event;
  let delay = 50;
  for (;;) {
    event = await eventStatus(eventId);
    if (event.status === "SUCCEEDED" || event.status === "FAILED") break;
    check(["PENDING", "RUNNING"].includes(event.status), "event status is PENDING, RUNNING, SUCCEEDED or FAILED", event);
    check(Date.now() < deadline, `event ${eventId} still ${event.status} after ${EVENT_TIMEOUT_MS} ms`, event);
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
  }
  equal(event.status, "SUCCEEDED", `event ${eventId} status`);
  equal(event.id, eventId, "event id");
  equal(event.event_type, "ADD", "event_type");
  check(Array.isArray(event.results), "event results is a list", event);
  return event;
}

function asyncAccepted(response) {
  check(response && !Array.isArray(response), "an async add answers an object", response);
  equal(response.status, "PENDING", "async add status");
  check(typeof response.eventId === "string" && response.eventId.length > 0, "async add has eventId (camel-cased event_id)", response);
  return response.eventId;
}

const isUuid = (s) => typeof s === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const ids = (memories) => memories.map((m) => m.id);

// ---- the seed example (kept after the run: it is what must survive a restart) -----------------------------------
const SEED_USER = "developer_001";
const SEED_FACT = "用户偏好使用React和TypeScript开发";
const SEED_DISTRACTORS = ["用户住在上海浦东", "用户周末喜欢去爬山", "用户对花生过敏"];
const SEED_QUERY = "前端开发";

async function seedSearchFindsReactFirst(client) {
  const { results } = await client.search(SEED_QUERY, { filters: { user_id: SEED_USER } });
  check(Array.isArray(results) && results.length > 0, `search "${SEED_QUERY}" for ${SEED_USER} finds memories`, results);
  const top = results[0];
  check(top.memory.includes("React") && top.memory.includes("TypeScript"), "the React/TypeScript preference ranks first", results.map((r) => r.memory));
  equal(top.userId, SEED_USER, "top hit userId");
  check(typeof top.score === "number" && top.score > 0 && top.score <= 1, "top hit has a score in (0, 1]", top);
  return results;
}

async function all() {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const alice = `compat_${run}_alice`;
  const bob = `compat_${run}_bob`;
  const carol = `compat_${run}_carol`;
  const client = new MemoryClient({ apiKey: API_KEY, host: HOST });

  const reachable = await step("ping: the constructor's GET /v1/ping/ identifies the org and project", async () => {
    await client.ping();
    await client.initialized;
    check(typeof client.organizationId === "string" && client.organizationId.length > 0, "ping set organizationId (org_id)", client.organizationId);
    check(typeof client.projectId === "string" && client.projectId.length > 0, "ping set projectId (project_id)", client.projectId);
    return true;
  });
  if (!reachable) throw new Error(`the server at ${HOST} did not answer the ping with this key: nothing else can pass`);

  const verbatim = await step("add infer:false stores each message verbatim, synchronously", async () => {
    const response = await client.add(
      [
        { role: "user", content: "I drink green tea every morning" },
        { role: "user", content: "My favourite mug is the blue one" },
      ],
      { userId: alice, infer: false, metadata: { topic: "drinks", favourite_cup: "blue", nested: { some_key: 1 } } },
    );
    check(response && Array.isArray(response.results), "infer:false answers {results: [...]}", response);
    equal(response.results.length, 2, "one memory per message");
    for (const r of response.results) {
      check(isUuid(r.id), "result id is a UUID", r);
      equal(r.event, "ADD", "result event");
      check(r.data && typeof r.data.memory === "string", "result has data.memory", r);
    }
    equal(response.results.map((r) => r.data.memory).sort(), ["I drink green tea every morning", "My favourite mug is the blue one"], "stored texts");
    return response.results;
  });

  const more = await step("add infer:false for a second user, with other metadata", async () => {
    const response = await client.add(
      [
        { role: "user", content: "I drink black coffee before work" },
        { role: "user", content: "I am learning to play the cello" },
        { role: "user", content: "I drink sparkling water at lunch" },
      ],
      { userId: bob, infer: false, metadata: { topic: "drinks" } },
    );
    equal(response.results?.length, 3, "one memory per message");
    return response.results;
  });

  const asyncAdd = await step("add (async, infer on) answers PENDING; GET /v1/event/{id}/ reaches SUCCEEDED", async () => {
    const response = await client.add(
      [{ role: "user", content: "I love playing tennis on Sunday mornings with my sister" }],
      { userId: carol, metadata: { source: "compat" } },
    );
    const event = await awaitEvent(asyncAccepted(response));
    check(event.results.length > 0, "the add produced at least one memory", event);
    const added = event.results.filter((r) => r.event === "ADD");
    check(added.length > 0 && isUuid(added[0].id) && typeof added[0].data?.memory === "string", "event results carry {id, data.memory, event}", event.results);
    return added;
  });

  await step(`seed: add "${SEED_FACT}" and distractors for ${SEED_USER}`, async () => {
    const eventIds = [];
    for (const text of [SEED_FACT, ...SEED_DISTRACTORS]) {
      eventIds.push(asyncAccepted(await client.add([{ role: "user", content: text }], { userId: SEED_USER })));
    }
    for (const id of eventIds) await awaitEvent(id);
  });

  await step(`seed: search("${SEED_QUERY}", {filters: {user_id: "${SEED_USER}"}}) returns the React preference first`, async () => {
    await seedSearchFindsReactFirst(client);
  });

  await step("search: result shape (id, memory, score, userId, metadata verbatim, createdAt)", async () => {
    const { results } = await client.search("green tea", { filters: { user_id: alice } });
    check(results.length > 0, "found alice's memories", results);
    const tea = results[0];
    check(tea.memory.includes("green tea"), "the tea memory ranks first", results.map((r) => r.memory));
    check(isUuid(tea.id), "id is a UUID", tea);
    equal(tea.userId, alice, "userId");
    equal(tea.metadata, { topic: "drinks", favourite_cup: "blue", nested: { some_key: 1 } }, "metadata keys come back verbatim");
    check(typeof tea.createdAt === "string" && !Number.isNaN(Date.parse(tea.createdAt)), "createdAt is a date string", tea);
    check(!("user_id" in tea) && !("created_at" in tea), "the SDK camel-cased the snake_case wire keys", Object.keys(tea));
  });

  await step("search: filters AND (user + metadata) narrows, OR spans users", async () => {
    const and = await client.search("drink", { filters: { AND: [{ user_id: bob }, { metadata: { topic: "drinks" } }] }, topK: 20 });
    check(and.results.length > 0, "AND finds bob's drinks", and.results);
    check(and.results.every((m) => m.userId === bob), "AND keeps only bob", and.results.map((m) => m.userId));
    const or = await client.search("drink", { filters: { OR: [{ user_id: alice }, { user_id: bob }] }, topK: 20 });
    const users = new Set(or.results.map((m) => m.userId));
    check(users.has(alice) && users.has(bob) && users.size === 2, "OR finds both alice and bob, nobody else", [...users]);
    const none = await client.search("drink", { filters: { AND: [{ user_id: alice }, { user_id: bob }] } });
    equal(none.results.length, 0, "AND of two different users matches nothing");
  });

  await step("search: metadata option and metadata filter operators", async () => {
    const byOption = await client.search("blue mug", { filters: { user_id: alice }, metadata: { favourite_cup: "blue" }, topK: 20 });
    check(byOption.results.length === 2, "both memories carrying favourite_cup=blue", byOption.results.map((m) => m.memory));
    const miss = await client.search("blue mug", { filters: { AND: [{ user_id: alice }, { metadata: { favourite_cup: "red" } }] } });
    equal(miss.results.length, 0, "a metadata value nobody has matches nothing");
    const ne = await client.search("drink", { filters: { AND: [{ OR: [{ user_id: alice }, { user_id: bob }] }, { metadata: { favourite_cup: { ne: "blue" } } }] }, topK: 20 });
    check(ne.results.length > 0 && ne.results.every((m) => m.userId === bob), "metadata ne keeps the memories without that value", ne.results.map((m) => [m.userId, m.metadata]));
  });

  await step("search: categories (option and filter) match the categories memories carry", async () => {
    check(asyncAdd && asyncAdd.length > 0, "needs the async add's memory");
    const memory = await client.get(asyncAdd[0].id);
    check(Array.isArray(memory.categories) && memory.categories.length > 0, "an inferred memory is categorized", memory);
    const category = memory.categories[0];
    const scope = { OR: [{ user_id: carol }, { user_id: alice }] };
    const byOption = await client.search("tennis", { filters: scope, categories: [category], topK: 50 });
    check(byOption.results.some((m) => m.id === memory.id), `categories:[${category}] finds the memory`, byOption.results);
    check(byOption.results.every((m) => (m.categories || []).includes(category)), "and only memories in that category", byOption.results.map((m) => m.categories));
    const byFilter = await client.search("tennis", { filters: { AND: [scope, { categories: { in: [category] } }] }, topK: 50 });
    equal(ids(byFilter.results).sort(), ids(byOption.results).sort(), "categories filter {in:[...]} agrees with the option");
    const excluded = await client.search("tennis", { filters: { AND: [scope, { categories: { nin: [category] } }] }, topK: 50 });
    check(!excluded.results.some((m) => m.id === memory.id), "categories {nin:[...]} leaves it out", excluded.results);
  });

  await step("search: top-level userId is refused by the SDK itself (Mem0 behaviour)", async () => {
    const before = exchangeCount;
    let threw = false;
    try {
      await client.search("tea", { userId: alice });
    } catch {
      threw = true;
    }
    check(threw && exchangeCount === before, "the SDK throws before sending");
  });

  await step("getAll: pagination with page/pageSize (count, next, previous, disjoint pages)", async () => {
    const extra = await client.add(
      [
        { role: "user", content: "I keep a jar of oolong at the office" },
        { role: "user", content: "I take my tea without sugar" },
        { role: "user", content: "I brew chamomile before bed" },
      ],
      { userId: alice, infer: false },
    );
    equal(extra.results?.length, 3, "three more memories for alice");
    const first = await client.getAll({ filters: { user_id: alice }, page: 1, pageSize: 2 });
    equal(first.count, 5, "count is the total across pages");
    equal(first.results.length, 2, "page 1 size");
    check(typeof first.next === "string" && /[?&]page=2\b/.test(first.next) && /page_size=2\b/.test(first.next), "next links page 2", first.next);
    equal(first.previous, null, "no previous on page 1");
    const second = await client.getAll({ filters: { user_id: alice }, page: 2, pageSize: 2 });
    equal(second.results.length, 2, "page 2 size");
    check(typeof second.previous === "string" && /page=1\b/.test(second.previous), "previous links page 1", second.previous);
    const third = await client.getAll({ filters: { user_id: alice }, page: 3, pageSize: 2 });
    equal(third.results.length, 1, "last page holds the rest");
    equal(third.next, null, "no next on the last page");
    const seen = new Set([...ids(first.results), ...ids(second.results), ...ids(third.results)]);
    equal(seen.size, 5, "pages are disjoint and cover every memory");
    const whole = await client.getAll({ filters: { user_id: alice } });
    equal(whole.count, 5, "without page/pageSize: everything");
    check(whole.results.every((m) => m.userId === alice && typeof m.memory === "string"), "every listed memory is alice's", whole.results);
    const filtered = await client.getAll({ filters: { AND: [{ user_id: alice }, { metadata: { topic: "drinks" } }] } });
    equal(filtered.count, 2, "getAll honours filters beyond the entity");
  });

  const teaId = verbatim?.[0]?.id;
  const mugId = verbatim?.[1]?.id;

  await step("get: one memory by id", async () => {
    check(teaId, "needs the infer:false memory");
    const m = await client.get(teaId);
    equal(m.id, teaId, "id");
    equal(m.memory, "I drink green tea every morning", "memory");
    equal(m.userId, alice, "userId");
    equal(m.metadata?.favourite_cup, "blue", "metadata.favourite_cup (not camel-cased)");
    check(typeof m.createdAt === "string" && typeof m.updatedAt === "string", "createdAt/updatedAt present", m);
  });

  await step("update: new text and metadata; get shows them", async () => {
    check(teaId, "needs the infer:false memory");
    const response = await client.update(teaId, { text: "I drink jasmine tea every morning", metadata: { topic: "drinks", favourite_cup: "green" } });
    check(response && typeof response === "object", "update answers an object", response);
    const m = await client.get(teaId);
    equal(m.memory, "I drink jasmine tea every morning", "updated text");
    equal(m.metadata?.favourite_cup, "green", "updated metadata value");
    equal(m.metadata?.topic, "drinks", "metadata value sent again");
    const found = await client.search("jasmine", { filters: { user_id: alice } });
    equal(found.results[0]?.id, teaId, "search finds the new text");
  });

  await step("history: ADD then UPDATE with old and new text", async () => {
    check(teaId, "needs the infer:false memory");
    const entries = await client.history(teaId);
    check(Array.isArray(entries) && entries.length >= 2, "at least two history entries", entries);
    for (const e of entries) equal(e.memoryId, teaId, "history memoryId");
    const update = entries.find((e) => e.event === "UPDATE");
    check(update, "an UPDATE entry", entries);
    equal(update.oldMemory, "I drink green tea every morning", "oldMemory");
    equal(update.newMemory, "I drink jasmine tea every morning", "newMemory");
    check(entries.some((e) => e.event === "ADD" && e.newMemory === "I drink green tea every morning"), "an ADD entry with the first text", entries);
  });

  await step("batchUpdate: two memories at once", async () => {
    check(more?.length === 3, "needs bob's memories");
    const response = await client.batchUpdate([
      { memoryId: more[0].id, text: "I drink espresso before work" },
      { memoryId: more[2].id, text: "I drink tap water at lunch" },
    ]);
    check(typeof response?.message === "string" && response.message.includes("2"), "message reports two updated", response);
    equal((await client.get(more[0].id)).memory, "I drink espresso before work", "first updated");
    equal((await client.get(more[2].id)).memory, "I drink tap water at lunch", "second updated");
  });

  await step("batchDelete: two memories at once (DELETE with a JSON body)", async () => {
    check(more?.length === 3, "needs bob's memories");
    const response = await client.batchDelete([more[0].id, more[1].id]);
    check(typeof response?.message === "string" && response.message.includes("2"), "message reports two deleted", response);
    await rejectsWith(client.get(more[0].id), MemoryNotFoundError, "get after batchDelete");
    await rejectsWith(client.get(more[1].id), MemoryNotFoundError, "get after batchDelete");
    equal((await client.get(more[2].id)).memory, "I drink tap water at lunch", "the third is untouched");
  });

  await step("delete: one memory; get afterwards is MemoryNotFoundError", async () => {
    check(mugId, "needs the infer:false memory");
    const response = await client.delete(mugId);
    check(typeof response?.message === "string", "delete answers {message}", response);
    const err = await rejectsWith(client.get(mugId), MemoryNotFoundError, "get a deleted memory");
    equal(err.errorCode, "HTTP_404", "errorCode");
  });

  await step("a missing memory is MemoryNotFoundError (get, update, delete, history)", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await rejectsWith(client.get(missing), MemoryNotFoundError, "get");
    await rejectsWith(client.update(missing, { text: "x" }), MemoryNotFoundError, "update");
    await rejectsWith(client.delete(missing), MemoryNotFoundError, "delete");
    await rejectsWith(client.history(missing), MemoryNotFoundError, "history");
  });

  await step("users: lists the entities with their memory counts", async () => {
    const page = await client.users();
    check(Array.isArray(page.results) && typeof page.count === "number", "users answers {count, results}", page);
    const byName = new Map(page.results.map((u) => [`${u.type}:${u.name}`, u]));
    for (const who of [alice, bob, carol, SEED_USER]) check(byName.has(`user:${who}`), `lists user ${who}`, [...byName.keys()]);
    equal(byName.get(`user:${alice}`).totalMemories, 4, "alice's totalMemories (5 added, 1 deleted)");
    const small = await client.users({ page: 1, pageSize: 1 });
    equal(small.results.length, 1, "users honours page_size");
    equal(small.count, page.count, "the count does not depend on the page");
  });

  await step("deleteAll: every memory of one user", async () => {
    const response = await client.deleteAll({ userId: alice });
    check(typeof response?.message === "string", "deleteAll answers {message}", response);
    const left = await eventually(async () => ((await client.getAll({ filters: { user_id: alice } })).count === 0 ? true : null));
    check(left, "alice has no memories left", (await client.getAll({ filters: { user_id: alice } })).results);
    equal((await client.getAll({ filters: { user_id: bob } })).count, 1, "bob keeps his");
  });

  await step("deleteUsers: removes the entity and its memories", async () => {
    const response = await client.deleteUsers({ userId: bob });
    equal(response?.message, "Entity deleted successfully.", "the SDK's message");
    const gone = await eventually(async () => {
      const page = await client.users({ page: 1, pageSize: 200 });
      return !page.results.some((u) => u.type === "user" && u.name === bob);
    });
    check(gone, "bob is no longer listed");
    equal((await client.getAll({ filters: { user_id: bob } })).count, 0, "bob's memories are gone");
    await client.deleteUsers({ userId: carol });
  });

  await step("deleteUser (deprecated v1): removes one entity's memories by type and id", async () => {
    const dave = `compat_${run}_dave`;
    await client.add([{ role: "user", content: "I restore old motorcycles" }], { userId: dave, infer: false });
    await client.add([{ role: "user", content: "I restore old clocks" }], { userId: `${dave}-keeps`, infer: false });
    const response = await client.deleteUser({ entity_type: "user", entity_id: dave });
    check(typeof response?.message === "string", "deleteUser answers {message}", response);
    const gone = await eventually(async () => ((await client.getAll({ filters: { user_id: dave } })).count === 0 ? true : null));
    check(gone, "dave's memories are gone", (await client.getAll({ filters: { user_id: dave } })).results);
    equal((await client.getAll({ filters: { user_id: `${dave}-keeps` } })).count, 1, "another user keeps theirs");
    await client.deleteUsers({ userId: `${dave}-keeps` });
  });

  await step("getProject / updateProject: read and change the project's custom instructions and categories", async () => {
    const before = await client.getProject({ fields: ["custom_instructions", "custom_categories"] });
    // The SDK camel-cases what the server answers (custom_instructions → customInstructions).
    check(before && "customInstructions" in before && "customCategories" in before, "getProject answers the named fields", before);
    const instructions = `Compat ${run}: keep what the user drinks.`;
    const updated = await client.updateProject({ customInstructions: instructions, customCategories: [{ drinks: "what the user drinks" }] });
    equal(updated?.message, "Project updated successfully", "updateProject's message");
    const after = await client.getProject({ fields: ["customInstructions", "customCategories"] });
    equal(after.customInstructions, instructions, "custom_instructions after the update");
    equal(after.customCategories, [{ drinks: "what the user drinks" }], "custom_categories after the update");
    equal(Object.keys(after).sort(), ["customCategories", "customInstructions"], "only the fields asked for");
    await client.updateProject({ customInstructions: before.customInstructions ?? "", customCategories: before.customCategories });
    equal((await client.getProject({ fields: ["custom_instructions"] })).customInstructions, before.customInstructions, "restored");
  });

  await step("webhooks: create, list, update; an add is delivered signed, retried after a 500; delete", async () => {
    const { createServer } = await import("node:http");
    const { createHmac } = await import("node:crypto");
    const received = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(received.length === 1 ? 500 : 200); // the first attempt fails, the retry succeeds
        res.end();
      });
    });
    await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${receiver.address().port}/hook`;
      const created = await client.createWebhook({ name: `compat-${run}`, url, eventTypes: ["memory_add"] });
      // The SDK camel-cases the answer (webhook_id → webhookId, event_types → eventTypes).
      check(typeof created?.webhookId === "string" && typeof created.secret === "string", "createWebhook answers webhook_id and secret", created);
      equal([created.name, created.url, created.eventTypes, created.isActive], [`compat-${run}`, url, ["memory_add"], true], "the webhook");
      const listed = await client.getWebhooks();
      check(Array.isArray(listed) && listed.some((w) => w.webhookId === created.webhookId), "getWebhooks lists it", listed);
      check(listed.every((w) => w.secret === undefined), "getWebhooks never shows a secret", listed);
      const changed = await client.updateWebhook({ webhookId: created.webhookId, name: `compat-${run}-2`, eventTypes: ["memory_add", "memory_delete"] });
      equal(changed?.message, "Webhook updated successfully", "updateWebhook's message");
      const now = (await client.getWebhooks({ projectId: client.projectId })).find((w) => w.webhookId === created.webhookId);
      equal([now?.name, now?.eventTypes?.slice().sort()], [`compat-${run}-2`, ["memory_add", "memory_delete"]], "the change");

      const added = await client.add([{ role: "user", content: "I collect vintage postcards" }], { userId: `compat_${run}_hook`, infer: false });
      const got = await eventually(async () => (received.length >= 2 ? received.slice() : null), 30000);
      check(got, "the add reached the receiver twice (a 500, then the retry)", received);
      equal(got[1].headers["x-engram-delivery"], got[0].headers["x-engram-delivery"], "the retry carries the same idempotency key");
      for (const r of got) {
        const timestamp = r.headers["x-engram-timestamp"];
        check(Math.abs(Date.now() / 1000 - Number(timestamp)) < 300, "X-Engram-Timestamp is the attempt's Unix time", timestamp);
        const expected = "sha256=" + createHmac("sha256", created.secret).update(`${timestamp}.${r.body}`).digest("hex");
        equal(r.headers["x-engram-signature"], expected, "X-Engram-Signature is the HMAC-SHA256 of the timestamp, a dot and the body");
        equal(r.headers["x-engram-event"], "memory_add", "X-Engram-Event");
      }
      equal(JSON.parse(got[1].body), { event_details: { id: added.results[0].id, data: { memory: "I collect vintage postcards" }, event: "ADD" } },
        "Mem0's payload");

      const deleted = await client.deleteWebhook({ webhookId: created.webhookId });
      equal(deleted?.message, "Webhook deleted successfully", "deleteWebhook's message");
      check(!(await client.getWebhooks()).some((w) => w.webhookId === created.webhookId), "the webhook is gone");
      await client.deleteAll({ userId: `compat_${run}_hook` });
    } finally {
      receiver.close();
    }
  });

  await exportsSection(client, run);
  await documentsSection(client, run);
  await feedbackSection(client, run);

  await step("a bad API key is AuthenticationError", async () => {
    const originalError = console.error; // the SDK logs its own failed ping: keep the output readable
    console.error = () => {};
    try {
      const bad = new MemoryClient({ apiKey: `m0-not-a-key-${run}`, host: HOST });
      await bad.initialized;
      const err = await rejectsWith(bad.search("anything", { filters: { user_id: SEED_USER } }), AuthenticationError, "search with a bad key");
      equal(err.errorCode, "HTTP_401", "errorCode");
      await rejectsWith(bad.getAll({ filters: { user_id: SEED_USER } }), AuthenticationError, "getAll with a bad key");
    } finally {
      console.error = originalError;
    }
  });

  await profiles(client, run);

  if (STATE_FILE) {
    await step("restart check: record the seed memories and leave adds in flight", async () => {
      const seed = await client.getAll({ filters: { user_id: SEED_USER }, page: 1, pageSize: 100 });
      check(seed.count >= 1 + SEED_DISTRACTORS.length, "the seed memories are listed", seed.results);
      const inFlightUser = `compat_${run}_inflight`;
      const inFlight = [];
      for (const text of ["I moved to Lisbon last spring", "My dog is called Pixel", "I am allergic to cats"]) {
        inFlight.push(asyncAccepted(await client.add([{ role: "user", content: text }], { userId: inFlightUser })));
      }
      writeFileSync(STATE_FILE, JSON.stringify({ seedIds: ids(seed.results), inFlightUser, inFlight }, null, 2));
    });
  }
}

// ---- exports (issue 15, part 3): createMemoryExport / getMemoryExport ------------------------------------------------
async function exportsSection(client, run) {
  const user = `compat_${run}_export`;
  const schema = {
    type: "object",
    properties: {
      memories: {
        type: "array",
        items: { type: "object", properties: { id: { type: "string" }, memory: { type: "string" }, user_id: { type: "string" }, metadata: { type: "object" } } },
      },
    },
  };
  const added = await step("exports: seed two memories for the export's user", async () => {
    const response = await client.add(
      [
        { role: "user", content: "I keep a sourdough starter called Bubbles" },
        { role: "user", content: "I bake bread every Saturday" },
      ],
      { userId: user, infer: false, metadata: { topic: "baking" } },
    );
    equal(response.results?.length, 2, "one memory per message");
    return response.results;
  });
  if (!added) return;

  const exportId = await step("createMemoryExport({schema, filters}) answers {message, id}", async () => {
    const created = await client.createMemoryExport({ schema, filters: { AND: [{ user_id: user }] } });
    check(isUuid(created?.id), "the export id is a UUID", created);
    check(typeof created.message === "string" && created.message.startsWith("Memory export request received"), "Mem0's message", created);
    return created.id;
  });
  if (!exportId) return;

  await step("getMemoryExport({memoryExportId}) polled until the export arrives, shaped by the schema", async () => {
    let polls = 0;
    const exported = await eventually(async () => {
      polls++;
      const answer = await client.getMemoryExport({ memoryExportId: exportId });
      if (Array.isArray(answer?.memories)) return answer;
      check(["PENDING", "RUNNING"].includes(answer?.status), "an unfinished export answers its job (PENDING or RUNNING)", answer);
      return undefined;
    }, 30000);
    check(exported, `the export arrived within 30 s (${polls} polls)`);
    equal(Object.keys(exported), ["memories"], "only the schema's root property");
    equal(exported.memories.map((m) => m.id).sort(), ids(added).sort(), "the exported memory ids");
    equal(exported.memories.map((m) => m.memory).sort(), ["I bake bread every Saturday", "I keep a sourdough starter called Bubbles"], "the texts");
    for (const m of exported.memories) {
      // The SDK camel-cases keys (user_id → userId) but keeps metadata verbatim.
      equal(Object.keys(m).sort(), ["id", "memory", "metadata", "userId"], "only the schema's item properties");
      equal(m.userId, user, "userId");
      equal(m.metadata, { topic: "baking" }, "metadata");
    }
  });

  await step("getMemoryExport({filters}) reads the newest completed export with those filters", async () => {
    const newest = await client.getMemoryExport({ filters: { user_id: user } });
    equal(newest?.memories?.length, 2, "the same two memories");
  });

  await step("getMemoryExport of an unknown id is MemoryNotFoundError", async () => {
    const err = await rejectsWith(client.getMemoryExport({ memoryExportId: "00000000-0000-4000-8000-000000000000" }), MemoryNotFoundError,
      "getMemoryExport(unknown)");
    equal(err.errorCode, "HTTP_404", "errorCode");
    check(String(err.message).includes("No memory export request found"), "Mem0's message", err.message);
  });

  await client.deleteAll({ userId: user });
}

// ---- documents and images in add (issue 15 part 6): Mem0's pdf_url / mdx_url / image_url message content -----------

/** A PDF written by hand: one page per string, each a line of Helvetica text (PDF 1.4, a correct xref table). */
function tinyPdf(pages) {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + i * 2} 0 R`).join(" ")}] /Count ${pages.length} >>`];
  const font = 3 + pages.length * 2;
  pages.forEach((text, i) => {
    const content = `BT /F1 12 Tf 50 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
  });
  objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  let out = "%PDF-1.4\n";
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(out, "latin1");
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function documentsSection(client, run) {
  const reader = `compat_${run}_reader`;

  await step("add with a PDF (pdf_url, inline base64): read page by page, each memory names its page", async () => {
    const pdf = tinyPdf(["I am flying to Lisbon on March 3.", "I am allergic to peanuts."]);
    const response = await client.add(
      [{ role: "user", content: { type: "pdf_url", pdf_url: { url: `data:application/pdf;base64,${pdf.toString("base64")}` } } }],
      { userId: reader, metadata: { folder: "trips" } },
    );
    await awaitEvent(asyncAccepted(response));
    const { results } = await client.search("peanut allergy", { filters: { user_id: reader } });
    check(results.length > 0 && /peanut/i.test(results[0].memory), "search finds the page-2 memory first", results.map((r) => r.memory));
    const doc = results[0].metadata?.document;
    equal([doc?.type, doc?.source, doc?.page, doc?.pages, doc?.bytes, results[0].metadata?.folder], ["pdf", "inline", 2, 2, pdf.length, "trips"],
      "metadata.document says which PDF and page (the SDK keeps metadata keys verbatim)");
  });

  await step("add with a Markdown document by URL (mdx_url): split at its headings, each memory names the URL", async () => {
    const { createServer } = await import("node:http");
    const markdown = "# Garden\n\nI grow tomatoes on my balcony.\n\n# Music\n\nI play the banjo in a folk band.";
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/notes.md" ? 200 : 404, { "Content-Type": "text/markdown; charset=utf-8" });
      res.end(req.url === "/notes.md" ? markdown : "");
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${server.address().port}/notes.md`;
      const response = await client.add([{ role: "user", content: { type: "mdx_url", mdx_url: { url } } }], { userId: reader, infer: false });
      equal(response.results?.map((r) => r.data.memory), ["# Garden\nI grow tomatoes on my balcony.", "# Music\nI play the banjo in a folk band."],
        "one memory per passage");
      const listed = await client.getAll({ filters: { user_id: reader }, page: 1, pageSize: 100 });
      const banjo = listed.results.find((m) => m.memory.includes("banjo"));
      equal([banjo?.metadata?.document?.url, banjo?.metadata?.document?.passage, banjo?.metadata?.document?.passages], [url, 2, 2], "metadata.document");
      const missing = await rejectsWith(client.add([{ role: "user", content: { type: "mdx_url", mdx_url: { url: url.replace("notes", "gone") } } }],
        { userId: reader, infer: false }), ValidationError, "a document URL that answers 404");
      equal(missing.errorCode, "HTTP_422", "errorCode");
    } finally {
      server.close();
    }
  });

  await step("add with an image (image_url) and no vision-capable LLM is refused with a 415", async () => {
    const err = await rejectsWith(client.add([{ role: "user", content: { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } } }],
      { userId: reader }), MemoryError, "an image without a vision LLM");
    equal(err.errorCode, "HTTP_415", "errorCode");
    check(String(err.message).includes("vision-capable LLM"), "the problem says why", err.message);
  });

  await step("add with a PDF over the request size limit is MemoryQuotaExceededError (413)", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024).toString("base64"); // 7 MB of base64: over the 4 MB request body limit
    const body = JSON.stringify({ messages: [{ role: "user", content: { type: "pdf_url", pdf_url: { url: big } } }], user_id: reader });
    let err;
    try {
      await client.add([{ role: "user", content: { type: "pdf_url", pdf_url: { url: big } } }], { userId: reader });
      throw new AssertionFailure("an oversized document: expected MemoryQuotaExceededError, but the call succeeded");
    } catch (e) {
      if (e instanceof AssertionFailure) throw e;
      err = e;
    }
    if (err instanceof MemoryQuotaExceededError) {
      equal(err.errorCode, "HTTP_413", "errorCode");
      return;
    }
    // The gateway answers 413 from the Content-Length header and closes the connection, so a client still writing
    // the 7 MB body can see the socket closed (EPIPE) before it reads the answer. Then the answer itself is read:
    // the same request's headers alone, without the body.
    check(err instanceof TypeError && /fetch failed/.test(err.message),
      `an oversized document: expected MemoryQuotaExceededError or a closed connection, got ${err?.constructor?.name}: ${err?.message}`);
    const status = await statusFromHeadersAlone("/v3/memories/add/", Buffer.byteLength(body));
    equal(status, 413, "the gateway's answer to the oversized add's headers");
  });

  await client.deleteAll({ userId: reader });
}

// ---- feedback (issue 15 part 5): client.feedback for each value; VERY_NEGATIVE hides the memory from search/getAll ----
async function feedbackSection(client, run) {
  const user = `compat_${run}_feedback`;
  await step("feedback: each value is stored and shown on the memory; null clears it", async () => {
    const added = await client.add([{ role: "user", content: "I play the trombone in a brass band" }], { userId: user, infer: false });
    const id = added.results[0].id;
    for (const value of ["POSITIVE", "NEGATIVE", "VERY_NEGATIVE"]) {
      const answer = await client.feedback({ memoryId: id, feedback: value, feedbackReason: `compat ${value}` });
      // Mem0's fields (camel-cased by the SDK) and the message the SDK's type declares.
      equal([answer?.id, answer?.feedback, answer?.feedbackReason, typeof answer?.message], [id, value, `compat ${value}`, "string"],
        `feedback ${value}`);
      const memory = await client.get(id);
      equal([memory.feedback, memory.feedbackReason], [value, `compat ${value}`], `get shows ${value}`);
    }
    const cleared = await client.feedback({ memoryId: id, feedback: null });
    equal([cleared?.id, cleared?.feedback], [id, null], "feedback null clears it");
    equal((await client.get(id)).feedback, null, "get shows no feedback after null");
  });

  await step("feedback: a VERY_NEGATIVE memory disappears from search and getAll unless asked for; get still returns it", async () => {
    const added = await client.add(
      [
        { role: "user", content: "I am vegetarian" },
        { role: "user", content: "I eat fish on Fridays" },
      ],
      { userId: user, infer: false },
    );
    const [wrong, right] = added.results.map((r) => r.id);
    const before = await client.search("what do I eat", { filters: { user_id: user } });
    check(ids(before.results).includes(wrong), "found before the feedback", before.results);

    await client.feedback({ memoryId: wrong, feedback: "VERY_NEGATIVE", feedbackReason: "the user eats fish" });
    const after = await client.search("what do I eat", { filters: { user_id: user } });
    check(!ids(after.results).includes(wrong) && ids(after.results).includes(right), "search leaves the VERY_NEGATIVE memory out", after.results);
    const listed = await client.getAll({ filters: { user_id: user }, page: 1, pageSize: 50 });
    check(!ids(listed.results).includes(wrong) && ids(listed.results).includes(right), "getAll leaves it out", listed.results);
    const optedIn = await client.search("what do I eat", { filters: { user_id: user }, includeVeryNegative: true });
    check(ids(optedIn.results).includes(wrong), "include_very_negative: true returns it", optedIn.results);
    const memory = await client.get(wrong);
    equal([memory.id, memory.feedback], [wrong, "VERY_NEGATIVE"], "get still returns it with its feedback");

    const error = await rejectsWith(client.feedback({ memoryId: wrong, feedback: "MEH" }), Error, "an unknown feedback value");
    equal(error.errorCode, "HTTP_400", "errorCode");
    check(/feedback/i.test(error.message), "the 400 names the field", error.message);
    await client.deleteAll({ userId: user });
  });
}

// ---- profiles (issue 15 part 4): getProfileSettings, updateProfileSettings, getProfile, generateProfile, getProfileJob,
// sampleProfiles. Leaves the project's profile settings as it found them (enabled, no schema, no instructions).
async function profiles(client, run) {
  const user = `compat_${run}_profile`;
  const addFacts = async (texts) => {
    const response = await client.add(texts.map((content) => ({ role: "user", content })), { userId: user, infer: false });
    equal(response.results?.length, texts.length, "one memory per fact");
  };
  const awaitJob = async (statusUrl) => {
    const done = await eventually(async () => {
      const s = await client.getProfileJob(statusUrl);
      return s.job.status === "succeeded" || s.job.status === "failed" ? s : null;
    }, EVENT_TIMEOUT_MS);
    check(done, `the job ${statusUrl} finished`);
    return done;
  };

  try {
    await step("profiles: getProfileSettings answers the defaults (enabled, entities.user, capabilities)", async () => {
      const s = await client.getProfileSettings();
      equal(s.enabled, true, "profiles are on by default");
      check(s.entities && s.entities.user && "schema" in s.entities.user, "entities.user carries the schema", s);
      equal(s.capabilities?.entityTypes, ["user"], "only users have profiles");
    });

    await step("profiles: updateProfileSettings nests schema and customInstructions under entities.user; the schema's keys stay verbatim", async () => {
      const schema = {
        type: "object",
        properties: {
          home_city: { type: "string", description: "The city where the user lives" },
          favoriteDrinks: { type: "array", description: "Drinks the user drinks" },
        },
      };
      const written = await client.updateProfileSettings({ schema, customInstructions: "Keep it short" });
      equal(Object.keys(written.entities.user.schema.properties).sort(), ["favoriteDrinks", "home_city"], "schema property names");
      equal(written.entities.user.customInstructions, "Keep it short", "custom instructions");
      const read = await client.getProfileSettings();
      equal(read.entities.user.schema, schema, "the schema reads back verbatim");
      equal(read.enabled, true, "enabled untouched");
    });

    await step("profiles: a flat schema (not under entities.user) is refused as Unsupported settings", async () => {
      const response = await fetch(`${HOST}/v2/profiles/settings/`, {
        method: "POST",
        headers: { Authorization: `Token ${API_KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ schema: { type: "object" } }),
      });
      equal(response.status, 400, "status");
      check((await response.text()).includes("Unsupported settings"), "the problem says Unsupported settings");
    });

    await step("profiles: getProfile of a user with too few memories is insufficient_data", async () => {
      await addFacts(["I have a dog named Rex", "I was born in Graz"]);
      const p = await client.getProfile({ entityId: user });
      equal(p.status, "insufficient_data", "status");
      equal(p.entityId, user, "entityId");
      equal(p.entityType, "user", "entityType");
      equal(p.generationCount, 0, "generationCount");
    });

    const job = await step("profiles: generateProfile queues a job; the same idempotencyKey replays it", async () => {
      await addFacts(["I live in the city of Vienna", "I drink oat milk lattes", "I work as a carpenter"]);
      const idempotencyKey = `compat-${run}-profile`;
      const first = await client.generateProfile({ entityId: user, idempotencyKey });
      check(isUuid(first.jobId), "jobId is a UUID", first);
      equal(first.operation, "trigger", "operation");
      equal(first.entityType, "user", "entityType");
      equal(first.replayed, false, "a new key is not a replay");
      equal(first.statusUrl, `/v2/profiles/jobs/${first.jobId}/`, "statusUrl");
      const again = await client.generateProfile({ entityId: user, idempotencyKey });
      equal(again.jobId, first.jobId, "the same key answers the same job");
      equal(again.replayed, true, "replayed");
      return first;
    });

    await step("profiles: getProfileJob (statusUrl or bare id) reaches succeeded with its counters", async () => {
      check(job, "the job was created");
      const done = await awaitJob(job.statusUrl);
      const { status, total, completed, succeeded, failed: failures, skipped, enumerationComplete, entityType } = done.job;
      equal({ status, total, completed, succeeded, failures, skipped, enumerationComplete, entityType },
        { status: "succeeded", total: 1, completed: 1, succeeded: 1, failures: 0, skipped: 0, enumerationComplete: true, entityType: "user" },
        "job");
      equal((await client.getProfileJob(job.jobId)).job.id, job.jobId, "by bare id");
    });

    await step("profiles: getProfile is succeeded and shaped by the schema, its keys verbatim", async () => {
      const p = await client.getProfile({ entityId: user });
      equal(p.status, "succeeded", "status");
      equal(Object.keys(p.profile).sort(), ["favoriteDrinks", "home_city"], "the schema's keys, not camel-cased");
      check(String(p.profile.home_city).includes("Vienna"), "home_city from the facts", p.profile);
      check(Array.isArray(p.profile.favoriteDrinks) && p.profile.favoriteDrinks.some((d) => d.includes("oat milk")), "favoriteDrinks", p.profile);
      check(p.generationCount >= 1 && typeof p.updatedAt === "string", "generationCount and updatedAt", p);
    });

    await step("profiles: getProfileJob of an unknown job is MemoryNotFoundError", async () => {
      await rejectsWith(client.getProfileJob("00000000-0000-4000-8000-000000000000"), MemoryNotFoundError, "an unknown job");
    });

    await step("profiles: sampleProfiles generates a few real users' profiles and names them", async () => {
      const s = await client.sampleProfiles({ limit: 2, idempotencyKey: `compat-${run}-sample` });
      equal(s.operation, "sample", "operation");
      check(Array.isArray(s.entityIds) && s.entityIds.length >= 1 && s.entityIds.length <= 2 && s.sampled === s.entityIds.length,
        "sampled users", s);
      const done = await awaitJob(s.statusUrl);
      equal(done.job.completed, s.entityIds.length, "every sampled user done");
      for (const id of s.entityIds) {
        const p = await client.getProfile({ entityId: id });
        check(["succeeded", "insufficient_data"].includes(p.status), `the sampled user ${id} has a profile`, p);
      }
    });

    await step("profiles: updateProfileSettings({enabled: false}) turns them off: generateProfile is refused, getProfile says not_enabled", async () => {
      equal((await client.updateProfileSettings({ enabled: false })).enabled, false, "enabled");
      await rejectsWith(client.generateProfile({ entityId: user }), ValidationError, "generateProfile while off (409)");
      equal((await client.getProfile({ entityId: user })).status, "not_enabled", "status");
    });
  } finally {
    await client.updateProfileSettings({ enabled: true, schema: null, customInstructions: null }).catch(() => {});
  }
}

async function afterRestart() {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8"));
  const client = new MemoryClient({ apiKey: API_KEY, host: HOST });

  await step("after restart: ping", async () => {
    await client.ping();
  });

  await step("after restart: every seed memory is still there", async () => {
    const listed = await client.getAll({ filters: { user_id: SEED_USER }, page: 1, pageSize: 100 });
    equal(ids(listed.results).sort(), [...state.seedIds].sort(), "the same memories as before the restart");
    for (const id of state.seedIds) equal((await client.get(id)).id, id, "get by id");
  });

  await step(`after restart: search("${SEED_QUERY}") still returns the React preference first`, async () => {
    await seedSearchFindsReactFirst(client);
  });

  await step("after restart: adds acknowledged before the stop were not lost", async () => {
    let memories = 0;
    for (const id of state.inFlight) {
      const event = await awaitEvent(id);
      memories += event.results.filter((r) => r.event === "ADD").length;
    }
    check(memories >= state.inFlight.length, "each acknowledged add produced a memory", memories);
    const listed = await client.getAll({ filters: { user_id: state.inFlightUser } });
    equal(listed.count, memories, "the in-flight user's memories are listed");
    const { results } = await client.search("Lisbon", { filters: { user_id: state.inFlightUser } });
    check(results[0]?.memory.includes("Lisbon"), "and searchable", results.map((r) => r.memory));
  });
}

console.log(`mem0-compat: mem0ai client against ${HOST} (phase ${PHASE})`);
try {
  await (PHASE === "all" ? all() : afterRestart());
} catch (e) {
  failed++;
  console.log(`  FAIL  scenario aborted: ${e?.stack || e}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
