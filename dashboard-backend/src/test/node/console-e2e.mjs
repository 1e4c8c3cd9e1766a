// End-to-end: the web console in Debian's headless Chromium (playwright-core; never a downloaded browser) against a real
// Keycloak, then the official Mem0 client (mem0ai) against the gateway with the key the console showed.
//
//   CONSOLE_URL=http://127.0.0.1:8082 GATEWAY_URL=http://127.0.0.1:8080 SCREENSHOTS=target/screenshots node console-e2e.mjs
//
// Each step prints "ok <step>" or "FAILED <step>: <why>" (with the page's URL and a screenshot named failure-*.png);
// the exit code is 0 only when every step passed.
process.env.MEM0_TELEMETRY = "false";

import { awaitAnalyticsTotals, check, createApiKey, openBrowser, required } from "./browser.mjs";

const { MemoryClient } = await import("mem0ai");

const CONSOLE_URL = required("CONSOLE_URL").replace(/\/+$/, "");
const GATEWAY_URL = required("GATEWAY_URL").replace(/\/+$/, "");
const GATEWAY_ADMIN_KEY = required("GATEWAY_ADMIN_KEY");
const { page, step, shot, checkNoHorizontalOverflow, finish } = await openBrowser(required("SCREENSHOTS"));

const stamp = Date.now().toString(36);
const person = { username: `ada-${stamp}`, email: `ada-${stamp}@example.com`, first: "Ada", last: "Lovelace", password: `Pw-${stamp}-secret!` };

try {
  await step("the console sends a signed-out visitor to Keycloak's sign-in page", async () => {
    await page.goto(`${CONSOLE_URL}/console/`);
    await page.waitForURL(/\/realms\/engram\/protocol\/openid-connect\/auth/);
    await page.getByRole("link", { name: "Register" }).waitFor();
    await shot("01-keycloak-sign-in");
  });

  await step("a new person registers on Keycloak's registration page", async () => {
    await page.getByRole("link", { name: "Register" }).click();
    await page.locator("#username").fill(person.username);
    await page.locator("#email").fill(person.email);
    await page.locator("#firstName").fill(person.first);
    await page.locator("#lastName").fill(person.last);
    await page.locator("#password").fill(person.password);
    await page.locator("#password-confirm").fill(person.password);
    await shot("02-keycloak-register");
    await page.locator("form#kc-register-form [type=submit]").click();
  });

  await step("they land in the console with a new organisation and its default project", async () => {
    await page.waitForURL(`${CONSOLE_URL}/console/**`);
    await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
    const org = await page.locator("#org-select option:checked").textContent();
    check(org.includes("owner"), `the organisation switcher shows the owner role: ${org}`);
    check((await page.locator("#user-name").textContent()).includes("Ada Lovelace"), "the header names the person");
    await page.getByRole("row", { name: /default/ }).first().waitFor();
    await page.getByRole("status").filter({ hasText: "Welcome" }).waitFor();
    await shot("03-projects");
  });

  await step("an API call with the session cookie but without the console's header is refused (CSRF)", async () => {
    const statuses = await page.evaluate(async () => [
      (await fetch("/api/v1/orgs", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"forged"}' })).status,
      (await fetch("/api/v1/orgs", { headers: { "X-Requested-With": "JavaScript" } })).status,
    ]);
    check(statuses[0] === 403 && statuses[1] === 200, `without the header 403, with it 200: ${statuses}`);
  });

  const secret = await step("an API key is created and its secret shown once", async () => {
    const value = await createApiKey(page, "e2e app");
    await shot("04-key-created");
    return value;
  });

  const client = new MemoryClient({ apiKey: secret, host: GATEWAY_URL });
  const userId = `e2e-user-${stamp}`;
  const teaId = await step("the mem0ai client adds a memory with that key (infer false)", async () => {
    const response = await client.add([{ role: "user", content: "I drink green tea every morning" }], { userId, infer: false });
    check(Array.isArray(response?.results) && response.results.length === 1, `one memory stored: ${JSON.stringify(response)}`);
    return response.results[0].id;
  });

  await step("the mem0ai client finds it with a search", async () => {
    const { results } = await client.search("green tea", { filters: { user_id: userId } });
    check(results.some((m) => m.memory.includes("green tea")), `the search finds the memory: ${JSON.stringify(results)}`);
  });

  await step("the mem0ai client adds a second memory and corrects the first (for the memory browser)", async () => {
    const response = await client.add([{ role: "user", content: "I am allergic to peanuts" }], { userId, infer: false });
    check(response?.results?.length === 1, `a second memory stored: ${JSON.stringify(response)}`);
    await client.update(teaId, { text: "I drink green tea every morning, without sugar" });
    const feedback = await client.feedback({ memoryId: response.results[0].id, feedback: "NEGATIVE", feedbackReason: "only mildly" });
    check(feedback?.feedback === "NEGATIVE", `the feedback is recorded: ${JSON.stringify(feedback)}`);
  });

  await step("the key list shows when the key was last used", async () => {
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    const row = page.getByRole("row", { name: /e2e app/ });
    await row.waitFor();
    check(!(await row.textContent()).includes("never"), `the key has a last use: ${await row.textContent()}`);
    check(await page.getByLabel("Secret key").count() === 0, "the secret is not shown again");
    await checkNoHorizontalOverflow();
    await shot("05-keys-after-use");
  });

  await step("the analytics page shows those requests", async () => {
    // Usage events reach the dashboard through Kafka within seconds; the page is reloaded until they are rolled up.
    const totals = await awaitAnalyticsTotals(page, CONSOLE_URL, { adds: 1, searches: 1 });
    console.log(`  analytics totals: ${JSON.stringify(totals)}`);
    check(totals.adds >= 1 && totals.searches >= 1, "the charts count the add and the search");
    await shot("06-analytics");
  });

  await step("the analytics page draws the series it is given as SVG line charts", async () => {
    // Only the drawing is checked here, with a fixed answer in place of the endpoint's: the step above reads the real one.
    const hour = (h) => `2026-01-01T${String(h).padStart(2, "0")}:00:00Z`;
    const series = [
      { name: "adds", points: [0, 1, 2, 3, 4, 5].map((h) => ({ t: hour(h), v: [2, 5, 3, 8, 6, 9][h] })) },
      { name: "searches", points: [0, 1, 2, 3, 4, 5].map((h) => ({ t: hour(h), v: [10, 12, 7, 15, 20, 18][h] })) },
    ];
    await page.route("**/analytics?granularity=*", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ series }) }));
    await page.getByLabel("Granularity").selectOption("day");
    await page.locator(".charts figure").nth(1).waitFor();
    const labels = await page.locator(".charts svg title").allTextContents();
    check(labels.length === 2 && labels[0].includes("total 33") && labels[1].includes("total 82"), `chart text alternatives: ${labels}`);
    check(await page.locator(".charts svg circle").count() === 12, "one dot per point");
    await shot("06b-analytics-charts");
    await page.unroute("**/analytics?granularity=*");
  });

  await step("project settings are saved", async () => {
    await page.getByRole("link", { name: "Project settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Project settings" }).waitFor();
    await page.getByLabel("Categories").fill("preferences, travel");
    await page.getByLabel("Default expiration (days)").fill("90");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
    await shot("07-settings");
  });

  await step("an invalid setting shows the API's problem detail", async () => {
    await page.getByLabel("Default expiration (days)").evaluate((input) => { input.removeAttribute("max"); input.value = "99999"; });
    await page.getByRole("button", { name: "Save settings" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    check(/expiration/i.test(await alert.textContent()), `the error names the field: ${await alert.textContent()}`);
  });

  await step("members and invitations are listed and an invitation is sent", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { level: 1, name: "Members and invitations" }).waitFor();
    await page.getByRole("row", { name: new RegExp(person.email) }).waitFor();
    await page.getByLabel("E-mail address").fill(`grace-${stamp}@example.com`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("row", { name: new RegExp(`grace-${stamp}`) }).waitFor();
    await shot("08-members");
  });

  await step("the key is revoked after a confirmation, and the gateway refuses it", async () => {
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Revoke e2e app" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await shot("09-revoke-confirmation");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("row", { name: /e2e app.*revoked/ }).waitFor();
    await shot("10-key-revoked");
    const deadline = Date.now() + 5000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      try {
        await client.search("green tea", { filters: { user_id: userId } });
        await new Promise((r) => setTimeout(r, 250));
      } catch (e) {
        refused = /401|403|auth|invalid|revoked/i.test(String(e?.message));
        if (!refused) throw e;
      }
    }
    check(refused, "the gateway refuses the revoked key within 5 seconds");
  });

  await step("the console works at a phone's width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("heading", { level: 1, name: "Projects" }).waitFor();
    await checkNoHorizontalOverflow();
    await shot("11-projects-narrow");
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    await page.getByRole("row", { name: /e2e app/ }).waitFor();
    await checkNoHorizontalOverflow();
    await shot("11b-keys-narrow");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  await step("the memory browser lists the project's end users", async () => {
    await page.getByRole("link", { name: "Memories" }).click();
    await page.getByRole("heading", { level: 1, name: "Memories" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(userId) });
    await row.waitFor();
    check((await row.locator("td").first().textContent()).trim() === "2", `the user has 2 memories: ${await row.textContent()}`);
    await shot("13-memories-users");
  });

  await step("an end user's memories are listed", async () => {
    await page.getByRole("link", { name: userId }).click();
    await page.getByRole("navigation", { name: "Memory browser" }).getByText(userId).waitFor();
    await page.getByRole("row", { name: /without sugar/ }).waitFor();
    await page.getByRole("row", { name: /allergic to peanuts/ }).waitFor();
    check(await page.getByRole("button", { name: /^Delete the memory/ }).count() === 2, "an owner sees a Delete button per memory");
    check(await page.getByRole("row", { name: /without sugar/ }).getByRole("cell", { name: "active", exact: true }).count() === 1,
      "the memory's state is shown");
    check(await page.getByRole("row", { name: /allergic to peanuts/ }).getByRole("cell", { name: "negative", exact: true }).count() === 1,
      "the memory's feedback is shown");
    check(!(await page.getByRole("button", { name: "Show all" }).isVisible()), "Show all appears only with search results");
    await shot("14-memories-list");
  });

  await step("a search finds a memory by meaning", async () => {
    await page.getByLabel("Search by meaning").fill("peanut allergy");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("heading", { name: /Best matches/ }).waitFor();
    const first = page.locator("#memory-results tbody tr").first();
    check(/peanuts/.test(await first.textContent()), `the best match is the peanut memory: ${await first.textContent()}`);
    await shot("15-memories-search");
    await page.getByRole("button", { name: "Show all" }).click();
    await page.getByRole("row", { name: /without sugar/ }).waitFor();
  });

  await step("a memory shows its sources and its history", async () => {
    await page.getByRole("link", { name: /without sugar/ }).click();
    await page.getByRole("heading", { level: 2, name: "Memory" }).waitFor();
    check((await page.locator(".memory-quote").textContent()).includes("without sugar"), "the memory's text is shown");
    const history = page.getByRole("region", { name: "History" });
    await history.getByRole("row", { name: /ADD/ }).waitFor();
    const update = history.getByRole("row", { name: /UPDATE/ });
    await update.waitFor();
    check(/every morning.*→.*without sugar/s.test(await update.textContent()), `the update shows old → new: ${await update.textContent()}`);
    const sources = await page.getByRole("region", { name: "Sources" }).locator("tbody tr").count();
    check(sources >= 1, "the message the memory came from is listed");
    await shot("16-memory-detail");
  });

  await step("deleting asks for confirmation: Escape cancels, the button deletes", async () => {
    await page.getByRole("button", { name: "Delete memory" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    check(await dialog.getByRole("button", { name: "Cancel" }).evaluate((b) => b === document.activeElement), "focus starts on Cancel");
    await shot("17-memories-delete-confirmation");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    check((await page.locator(".memory-quote").textContent()).includes("without sugar"), "Escape keeps the memory");
    await page.getByRole("button", { name: "Delete memory" }).click();
    await dialog.getByRole("button", { name: "Delete memory" }).click();
    await page.getByRole("status").filter({ hasText: "Memory deleted." }).waitFor();
    await page.getByRole("row", { name: /allergic to peanuts/ }).waitFor();
    check(await page.getByRole("row", { name: /without sugar/ }).count() === 0, "the deleted memory is no longer listed");
    await shot("18-memories-after-delete");
  });

  await step("the gateway no longer has the deleted memory", async () => {
    const org = await page.locator("#org-select").inputValue();
    const project = await page.locator("#project-select").inputValue();
    const headers = { Authorization: `Token ${GATEWAY_ADMIN_KEY}`, "X-Engram-Org-Id": org, "X-Engram-Project-Id": project };
    const gone = await fetch(`${GATEWAY_URL}/v1/memories/${teaId}/`, { headers });
    check(gone.status === 404, `GET the deleted memory: ${gone.status}`);
    const left = await (await fetch(`${GATEWAY_URL}/v2/memories/`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ filters: { user_id: userId } }) })).json();
    check(left.length === 1 && left[0].memory.includes("peanuts"), `the other memory stays: ${JSON.stringify(left)}`);
  });

  await step("the memory browser works at a phone's width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("row", { name: /allergic to peanuts/ }).waitFor();
    await checkNoHorizontalOverflow();
    await shot("19-memories-narrow");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  await step("signing out ends the session", async () => {
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "You are signed out" }).waitFor();
    await shot("12-signed-out");
    const status = await page.evaluate(async () => (await fetch("/api/v1/me", { headers: { "X-Requested-With": "JavaScript" } })).status);
    check(status === 401, `the API refuses the ended session: ${status}`);
  });

  await finish();
} catch (e) {
  await finish(e);
}
