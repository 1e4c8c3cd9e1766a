// End-to-end: the standalone platform's console (./engram up) in Debian's headless Chromium, signed in as the local
// administrator with the link the launcher printed; then the official Mem0 client (mem0ai) against the gateway with the
// key the console created. No identity provider, PostgreSQL or Kafka anywhere.
//
//   SIGN_IN_URL=http://127.0.0.1:8082/local-sign-in?token=... GATEWAY_URL=http://127.0.0.1:8080 SCREENSHOTS=target/screenshots \
//     node standalone-e2e.mjs
process.env.MEM0_TELEMETRY = "false";

import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { awaitAnalyticsTotals, check, createApiKey, openBrowser, required } from "./browser.mjs";

const { MemoryClient } = await import("mem0ai");

const SIGN_IN_URL = required("SIGN_IN_URL");
const GATEWAY_URL = required("GATEWAY_URL").replace(/\/+$/, "");
const CONSOLE_URL = new URL(SIGN_IN_URL).origin;
const { page, step, shot, checkNoHorizontalOverflow, finish } = await openBrowser(required("SCREENSHOTS"));
const stamp = Date.now().toString(36);

try {
  await step("without a session the console explains the sign-in link", async () => {
    await page.goto(`${CONSOLE_URL}/console/`);
    await page.getByRole("heading", { level: 1, name: "Sign in as the local administrator" }).waitFor();
    await shot("s01-local-sign-in-needed");
  });

  await step("a link with a wrong token is refused and sets no session", async () => {
    const wrong = new URL(SIGN_IN_URL);
    wrong.searchParams.set("token", "x".repeat(43));
    const response = await page.goto(wrong.toString());
    check(response.status() === 401, `a wrong token answers 401: ${response.status()}`);
    const me = await page.evaluate(async () => (await fetch("/api/v1/me", { headers: { "X-Requested-With": "JavaScript" } })).status);
    check(me === 401, `no session after a wrong token: ${me}`);
  });

  await step("the link signs the local administrator in to the platform's default organisation", async () => {
    await page.goto(SIGN_IN_URL);
    await page.waitForURL(`${CONSOLE_URL}/console/**`);
    check(!page.url().includes("token="), `the token leaves the address bar: ${page.url()}`);
    await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
    check((await page.locator("#user-name").textContent()).includes("Local administrator"), "the header names the local administrator");
    const org = await page.locator("#org-select option:checked").textContent();
    check(org.includes("owner"), `the local administrator owns the organisation: ${org}`);
    // The gateway's own default project (its bootstrap key's): the console manages what the gateway serves.
    await page.getByRole("row", { name: /Default project/ }).first().waitFor();
    await checkNoHorizontalOverflow();
    await shot("s02-local-admin-projects");
  });

  await step("an API call with the session cookie but without the console's header is refused (CSRF)", async () => {
    const status = await page.evaluate(async () => (await fetch("/api/v1/orgs", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: '{"name":"forged"}' })).status);
    check(status === 403, `without the header: ${status}`);
  });

  const secret = await step("an API key is created through the gateway and its secret shown once", async () => {
    const value = await createApiKey(page, "standalone app");
    await shot("s03-local-admin-key-created");
    return value;
  });

  const client = new MemoryClient({ apiKey: secret, host: GATEWAY_URL });
  const userId = `standalone-user-${stamp}`;
  await step("the mem0ai client adds and finds a memory with that key", async () => {
    const added = await client.add([{ role: "user", content: "I keep bees on my balcony in Lyon" }], { userId, infer: false });
    check(Array.isArray(added?.results) && added.results.length === 1, `one memory stored: ${JSON.stringify(added)}`);
    const { results } = await client.search("bees", { filters: { user_id: userId } });
    check(results.some((m) => m.memory.includes("bees")), `the search finds it: ${JSON.stringify(results)}`);
    const feedback = await client.feedback({ memoryId: added.results[0].id, feedback: "VERY_NEGATIVE", feedbackReason: "the bees moved out" });
    check(feedback?.feedback === "VERY_NEGATIVE", `the feedback is recorded: ${JSON.stringify(feedback)}`);
    const after = await client.search("bees", { filters: { user_id: userId } });
    check(!after.results.some((m) => m.memory.includes("bees")), `a VERY_NEGATIVE memory is no longer found: ${JSON.stringify(after.results)}`);
  });

  await step("the memory browser shows that memory with its source, through the gateway", async () => {
    await page.getByRole("link", { name: "Memories" }).click();
    await page.getByRole("heading", { level: 1, name: "Memories" }).waitFor();
    await page.getByRole("link", { name: userId }).click();
    // The browser still lists the VERY_NEGATIVE memory, marked by its feedback.
    await page.getByRole("row", { name: /keep bees/ }).getByRole("cell", { name: "very negative (hidden from the API)" }).waitFor();
    await page.getByRole("link", { name: /keep bees/ }).click();
    await page.getByRole("heading", { level: 2, name: "Memory" }).waitFor();
    check((await page.locator(".memory-quote").textContent()).includes("bees"), "the memory's text is shown");
    check((await page.locator(".facts").textContent()).includes("the bees moved out"), "the feedback's reason is shown");
    await page.getByRole("region", { name: "History" }).getByRole("row", { name: /ADD/ }).waitFor();
    check(await page.getByRole("region", { name: "Sources" }).locator("tbody tr").count() >= 1, "its source message is listed");
    await shot("s04-local-admin-memory");
  });

  await step("the analytics page shows those requests (usage events over HTTP, no Kafka)", async () => {
    const totals = await awaitAnalyticsTotals(page, CONSOLE_URL, { adds: 1, searches: 1 });
    console.log(`  analytics totals: ${JSON.stringify(totals)}`);
    check(totals.adds >= 1 && totals.searches >= 1, "the charts count the add and the search");
    await shot("s05-local-admin-analytics");
  });

  await step("the members page explains that the local administrator is the only member", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { level: 1, name: "Members and invitations" }).waitFor();
    await page.getByRole("row", { name: /Local administrator/ }).waitFor();
    await page.getByText(/without an identity provider/).waitFor();
    check(await page.getByRole("button", { name: "Send invitation" }).count() === 0, "no invitation form without an identity provider");
  });

  await step("project settings are saved", async () => {
    await page.getByRole("link", { name: "Project settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Project settings" }).waitFor();
    await page.getByLabel("Categories").fill("hobbies, home");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
  });

  // A local receiver that refuses the first delivery (500) and takes the next: the console must show the retry.
  // ./engram up runs with ENGRAM_WEBHOOKS_ALLOW_PRIVATE_TARGETS (a loopback URL) and a 1 s first backoff (StandaloneConsoleIT).
  const received = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(received.length === 1 ? 500 : 200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/engram-hook`;
  try {
    const hookSecret = await step("a webhook is added in project settings and its signing secret shown once", async () => {
      await page.getByLabel("Name", { exact: true }).fill("local receiver");
      await page.getByLabel("URL", { exact: true }).fill(hookUrl);
      await page.getByLabel("memory_update").uncheck();
      await page.getByLabel("memory_delete").uncheck();
      await page.getByRole("button", { name: "Add webhook" }).click();
      const secretField = page.getByLabel("Signing secret");
      await secretField.waitFor();
      await page.getByRole("table", { name: "Webhooks" }).getByRole("row", { name: /local receiver.*memory_add.*active/ }).waitFor();
      await shot("s06-webhook-added");
      return secretField.inputValue();
    });

    await step("an add is delivered to the receiver, signed, after one failed attempt", async () => {
      await client.add([{ role: "user", content: "My bees produced honey this summer" }], { userId, infer: false });
      const deadline = Date.now() + 30000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      check(received.length === 2, `two attempts reached the receiver: ${received.length}`);
      const [first, second] = received;
      check(first.headers["x-engram-delivery"] === second.headers["x-engram-delivery"], "the retry keeps the idempotency key");
      const payload = JSON.parse(second.body);
      check(payload?.event_details?.event === "ADD" && payload.event_details.data.memory.includes("honey"), `Mem0's payload: ${second.body}`);
      const expected = Buffer.from("sha256=" + createHmac("sha256", hookSecret)
        .update(`${second.headers["x-engram-timestamp"]}.${second.body}`).digest("hex"));
      const signature = Buffer.from(String(second.headers["x-engram-signature"]));
      check(signature.length === expected.length && timingSafeEqual(signature, expected), "the signature verifies with the secret the console showed");
    });

    await step("the delivery log shows the delivery, delivered on the second attempt", async () => {
      const deliveries = page.getByRole("table", { name: "Deliveries of local receiver" });
      const deadline = Date.now() + 15000;
      let row = null;
      while (row === null && Date.now() < deadline) {
        await page.getByRole("button", { name: "Deliveries of local receiver" }).click();
        await deliveries.waitFor();
        const candidate = deliveries.getByRole("row", { name: /memory_add.*DELIVERED/i });
        if (await candidate.count() === 1) row = candidate;
        else await new Promise((r) => setTimeout(r, 500));
      }
      check(row !== null, "a DELIVERED row appears in the log");
      const cells = await row.locator("td").allTextContents();
      check(cells[3] === "2" && cells[4] === "200", `attempts 2, last HTTP status 200: ${cells.join(" | ")}`);
      await shot("s06-webhook-deliveries");
    });
  } finally {
    receiver.close();
  }

  await step("the project's memories are exported with a progress bar and downloaded as JSON", async () => {
    await page.getByRole("button", { name: "Export memories" }).click();
    await page.locator("#export-status").filter({ hasText: /Export ready: \d+ of \d+ memories/ }).waitFor({ timeout: 60000 });
    check((await page.locator("#export-progress").evaluate((bar) => bar.value)) === 1, "the progress bar is full");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
    const file = JSON.parse(readFileSync(await download.path(), "utf8"));
    check(file.engram_export === 1 && Array.isArray(file.memories) && file.memories.length >= 1,
      `the download is a full export with the project's memories: ${JSON.stringify(file).slice(0, 300)}`);
    check(file.memories.every((m) => Array.isArray(m.history) && m.history.length >= 1), "each memory carries its history");
  });

  await step("the key is revoked and the gateway refuses it", async () => {
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Revoke standalone app" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("row", { name: /standalone app.*revoked/ }).waitFor();
    const deadline = Date.now() + 5000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      try {
        await client.search("bees", { filters: { user_id: userId } });
        await new Promise((r) => setTimeout(r, 250));
      } catch (e) {
        refused = /401|403|auth|invalid|revoked/i.test(String(e?.message));
        if (!refused) throw e;
      }
    }
    check(refused, "the gateway refuses the revoked key within 5 seconds");
  });

  await step("the owner's audit log lists the key's creation and revocation, newest first", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    const table = page.getByRole("table", { name: "Audit log" });
    await table.getByRole("row", { name: /key\.revoked.*standalone app/ }).waitFor();
    await table.getByRole("row", { name: /key\.created.*standalone app/ }).waitFor();
    const actions = await table.locator("tbody tr td:nth-child(3)").allTextContents();
    check(actions.indexOf("key.revoked") < actions.indexOf("key.created"), `newest first: ${actions.join(", ")}`);
    const text = await page.locator("main").textContent();
    check(!/\bnull\b|undefined/.test(text), `no "null" or "undefined" on the page: ${text}`);
    await checkNoHorizontalOverflow();
    await shot("s07-audit-log");
  });

  await step("signing out ends the session", async () => {
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "You are signed out" }).waitFor();
    const status = await page.evaluate(async () => (await fetch("/api/v1/me", { headers: { "X-Requested-With": "JavaScript" } })).status);
    check(status === 401, `the API refuses the ended session: ${status}`);
  });
  await finish();
} catch (e) {
  await finish(e);
}
