// Drives Engram's MCP endpoint with the official MCP TypeScript SDK client (@modelcontextprotocol/sdk, pinned in
// package.json) over Streamable HTTP, as Claude Desktop, Claude Code or Cursor would, and checks what it answers.
// Env: ENGRAM_URL (no trailing slash), ENGRAM_ADMIN_KEY (creates two fresh projects and a key for each).
// Exits 0 when every step passed, 1 otherwise; prints one line per step.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const URL_BASE = process.env.ENGRAM_URL;
const ADMIN_KEY = process.env.ENGRAM_ADMIN_KEY;
if (!URL_BASE || !ADMIN_KEY) {
  console.error("ENGRAM_URL and ENGRAM_ADMIN_KEY are required");
  process.exit(2);
}

const SEED_USER = "developer_001";
const SEED_FACT = "用户偏好使用React和TypeScript开发";
const SEED_DISTRACTORS = ["用户住在上海浦东", "用户周末喜欢去爬山", "用户对花生过敏"];
const SEED_QUERY = "前端开发";
const TOOLS = ["add_memory", "search_memories", "list_memories", "get_memory", "update_memory", "delete_memory", "delete_all_memories", "list_entities"];

let failures = 0;
let passed = 0;

function check(condition, what, detail) {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

async function step(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${e && e.stack ? e.stack : e}`);
  }
}

async function admin(path, body) {
  const response = await fetch(`${URL_BASE}${path}`, {
    method: "POST",
    headers: { Authorization: `Token ${ADMIN_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function newTenantKey(org) {
  const project = `mcp${Math.random().toString(36).slice(2, 10)}`;
  await admin("/api/v1/admin/projects/", { org_id: org, project_id: project, name: "mcp client test" });
  const key = await admin("/api/v1/admin/keys/", { org_id: org, project_id: project, name: "mcp", scopes: ["read", "write"] });
  return key.key;
}

async function connect(key, headers = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(`${URL_BASE}/mcp`), {
    requestInit: { headers: { Authorization: `Token ${key}`, ...headers } },
  });
  const client = new Client({ name: "engram-mcp-client-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

/** Calls a tool; returns the parsed JSON of its text (throws when the tool answered isError). */
async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content?.[0]?.text;
  check(!result.isError, `${name} answered an error`, text);
  return JSON.parse(text);
}

/** Calls a tool that must fail; returns its error text. */
async function callFails(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  check(result.isError === true, `${name} should have answered isError`, result);
  return result.content[0].text;
}

const owner = await newTenantKey("mcp-org-a");
const other = await newTenantKey("mcp-org-b");
const client = await connect(owner);
let seedId;

await step("initialize: the server names itself and offers tools", async () => {
  check(client.getServerVersion()?.name === "engram", "server name", client.getServerVersion());
  check(client.getServerCapabilities()?.tools !== undefined, "tools capability", client.getServerCapabilities());
});

await step(`tools/list: ${TOOLS.length} tools, each with a description and an object input schema`, async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  check(JSON.stringify(names) === JSON.stringify([...TOOLS].sort()), "tool names", names);
  for (const t of tools) {
    check(typeof t.description === "string" && t.description.length > 40, `${t.name} description`, t.description);
    check(t.inputSchema?.type === "object" && t.inputSchema.properties, `${t.name} inputSchema`, t.inputSchema);
  }
  const search = tools.find((t) => t.name === "search_memories");
  check(JSON.stringify(search.inputSchema.required) === JSON.stringify(["query"]), "search_memories requires query", search.inputSchema);
});

await step(`add_memory: "${SEED_FACT}" and ${SEED_DISTRACTORS.length} distractors for ${SEED_USER}, processed before the answer`, async () => {
  for (const text of [SEED_FACT, ...SEED_DISTRACTORS]) {
    const added = await call(client, "add_memory", { messages: [{ role: "user", content: text }], user_id: SEED_USER });
    check(added.status === "SUCCEEDED", "add status", added);
    check(typeof added.event_id === "string", "event id", added);
  }
});

await step(`search_memories("${SEED_QUERY}") returns the React/TypeScript preference first`, async () => {
  const found = await call(client, "search_memories", { query: SEED_QUERY, user_id: SEED_USER });
  check(found.results.length > 0, "results", found);
  const top = found.results[0];
  check(top.memory.includes("React") && top.memory.includes("TypeScript"), "top memory", found.results.map((r) => r.memory));
  check(top.user_id === SEED_USER, "top user_id", top);
  check(typeof top.score === "number" && top.score > 0 && top.score <= 1, "top score", top);
  seedId = top.id;
});

await step("get_memory returns that memory by id", async () => {
  const m = await call(client, "get_memory", { memory_id: seedId });
  check(m.id === seedId && m.memory.includes("React"), "memory", m);
});

await step("a default user set on the connection (X-Engram-User-Id) stands in for user_id", async () => {
  const asDeveloper = await connect(owner, { "X-Engram-User-Id": SEED_USER });
  try {
    const found = await call(asDeveloper, "search_memories", { query: SEED_QUERY });
    check(found.results[0]?.id === seedId, "top hit with the default user", found);
  } finally {
    await asDeveloper.close();
  }
});

await step("bad arguments answer isError with a message that names the problem", async () => {
  check((await callFails(client, "search_memories", { user_id: SEED_USER })).includes("query is required"), "missing query", null);
  check((await callFails(client, "search_memories", { query: "x", user_id: SEED_USER, top_k: 0 })).includes("top_k must be between 1 and 100"), "top_k", null);
  check((await callFails(client, "get_memory", { memory_id: "not-a-uuid" })).includes("valid UUID"), "bad id", null);
  check((await callFails(client, "search_memories", { query: "x" })).includes("user_id"), "no user and no default", null);
});

await step("max_tokens bounds the answer: a tiny budget keeps the first result and counts the rest", async () => {
  const found = await call(client, "list_memories", { user_id: SEED_USER, max_tokens: 60 });
  check(found.results.length >= 1 && found.results.length < found.total, "kept", found);
  check(found.omitted === found.total - found.results.length, "omitted", found);
});

await step("another tenant's key sees, changes and deletes nothing through MCP", async () => {
  const intruder = await connect(other);
  try {
    const found = await call(intruder, "search_memories", { query: SEED_QUERY, user_id: SEED_USER });
    check(found.results.length === 0, "search", found);
    check((await callFails(intruder, "get_memory", { memory_id: seedId })).startsWith("Memory not found"), "get", null);
    check((await callFails(intruder, "delete_memory", { memory_id: seedId })).startsWith("Memory not found"), "delete", null);
    const cleared = await call(intruder, "delete_all_memories", { user_id: SEED_USER });
    check(cleared.deleted_count === 0, "delete all", cleared);
    const entities = await call(intruder, "list_entities", {});
    check(entities.total === 0, "entities", entities);
  } finally {
    await intruder.close();
  }
  const still = await call(client, "get_memory", { memory_id: seedId });
  check(still.id === seedId, "the owner's memory is intact", still);
});

await step("a connection without a valid key is refused", async () => {
  let refused = false;
  try {
    const c = await connect("m0-not-a-valid-key");
    await c.close();
  } catch (e) {
    refused = /401|Unauthorized|Invalid API key/i.test(String(e && e.message));
    if (!refused) throw e;
  }
  check(refused, "connect with a bad key", null);
});

await step("delete_all_memories clears the user", async () => {
  const cleared = await call(client, "delete_all_memories", { user_id: SEED_USER });
  check(cleared.deleted_count >= 1, "deleted", cleared);
  const left = await call(client, "list_memories", { user_id: SEED_USER });
  check(left.total === 0, "left", left);
});

await client.close();
console.log(`mcp-client scenario: ${passed} steps passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
