// The browser extension end to end: the unpacked extension in Debian's headless Chromium, on local pages built like
// chatgpt.com, claude.ai and perplexity.ai and served under those very host names (Chromium's host resolver points
// them at a local HTTPS server), against a running Engram. Prints "ok <step>" per step; exits 0 only when all pass.
//   ENGRAM_URL, ENGRAM_API_KEY   the Engram gateway and a key      EXTENSION_DIR   the unpacked extension
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { chromium } = await import("playwright-core");

const env = (name) => process.env[name] || (console.error(`set ${name}`), process.exit(2));
const ENGRAM_URL = env("ENGRAM_URL");
const API_KEY = env("ENGRAM_API_KEY");
const EXTENSION_DIR = env("EXTENSION_DIR");
const USER = `browser_${Date.now().toString(36)}`;
const here = new URL(".", import.meta.url).pathname;

// ---- the three sites, over HTTPS with a throwaway certificate --------------------------------------------------
const work = mkdtempSync(join(tmpdir(), "engram-extension-"));
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=chatgpt.com",
  "-keyout", join(work, "key.pem"), "-out", join(work, "cert.pem")], { stdio: "ignore" });
const pages = { "chatgpt.com": "site-chatgpt.html", "claude.ai": "site-claude.html", "www.perplexity.ai": "site-perplexity.html" };
const sites = createServer({ key: readFileSync(join(work, "key.pem")), cert: readFileSync(join(work, "cert.pem")) }, (req, res) => {
  const host = (req.headers.host || "").split(":")[0];
  const file = req.url === "/chat-site.js" ? "chat-site.js" : pages[host];
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": file.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8" });
  res.end(readFileSync(join(here, file)));
});
await new Promise((r) => sites.listen(0, "127.0.0.1", r));
const port = sites.address().port;

// ---- Engram, seen from outside the browser -----------------------------------------------------------------------
async function engram(path, body) {
  const response = await fetch(ENGRAM_URL + path, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `Token ${API_KEY}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}
const memoriesOf = async (user) => {
  const json = await engram(`/v1/memories/?user_id=${encodeURIComponent(user)}&page_size=100`);
  return (Array.isArray(json) ? json : json.results).map((m) => m.memory);
};
async function eventually(probe, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} (waited ${timeoutMs} ms)`);
}
const check = (condition, message) => { if (!condition) throw new Error(message); };

// ---- the browser -----------------------------------------------------------------------------------------------
const userDataDir = join(work, "profile");
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  ignoreDefaultArgs: ["--disable-extensions"],
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
    `--host-resolver-rules=MAP chatgpt.com 127.0.0.1:${port}, MAP claude.ai 127.0.0.1:${port}, MAP www.perplexity.ai 127.0.0.1:${port}`],
  ignoreHTTPSErrors: true,
});
context.setDefaultTimeout(20000);
const scriptErrors = [];
context.on("weberror", (e) => scriptErrors.push(String(e.error())));

let failed = 0;
async function step(name, body) {
  try {
    await body();
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${name}: ${e.message}`);
    throw e;
  }
}

/** The chat page's memory panel, read through the DevTools protocol: it lives in a closed shadow root the page cannot reach. */
async function panelOf(page) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const attrs = (n) => Object.fromEntries((n.attributes || []).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v, all[i + 1]]]), []));
    const find = (n, test) => {
      if (test(n)) return n;
      for (const c of [...(n.children || []), ...(n.shadowRoots || [])]) {
        const hit = find(c, test);
        if (hit) return hit;
      }
      return null;
    };
    const host = find(root, (n) => attrs(n).id === "engram-memory-panel");
    if (!host) return { shown: false, inserts: [] };
    const aside = find(host.shadowRoots[0], (n) => n.nodeName === "ASIDE");
    const inserts = [];
    const collect = (n) => {
      const a = attrs(n);
      if (n.nodeName === "BUTTON" && (a["aria-label"] || "").startsWith("Insert memory: ")) {
        inserts.push({ memory: a["aria-label"].slice("Insert memory: ".length), backendNodeId: n.backendNodeId });
      }
      for (const c of n.children || []) collect(c);
    };
    collect(host.shadowRoots[0]);
    return { shown: !("hidden" in attrs(aside)), inserts };
  } finally {
    await cdp.detach();
  }
}

async function clickNode(page, backendNodeId) {
  const cdp = await context.newCDPSession(page);
  try {
    const { model } = await cdp.send("DOM.getBoxModel", { backendNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

let extensionId;
let error;
try {
  await step("the extension's service worker starts", async () => {
    const worker = context.serviceWorkers()[0] || (await context.waitForEvent("serviceworker"));
    extensionId = new URL(worker.url()).host;
    check(/^[a-p]{32}$/.test(extensionId), `an extension id: ${extensionId}`);
  });

  await step("options: the Engram URL, API key and user id are saved in the extension", async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel("Engram URL").fill(ENGRAM_URL);
    await page.getByLabel("API key").fill(API_KEY);
    await page.getByLabel("User id").fill(USER);
    for (const site of ["ChatGPT (chatgpt.com)", "Claude (claude.ai)", "Perplexity (perplexity.ai)"]) {
      check(await page.getByLabel(site).isChecked(), `${site} is on by default`);
    }
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.close();
  });

  const said = "I prefer React and TypeScript for front-end work";
  await step("chatgpt.com: what the person sends (Enter) becomes a memory of their user id", async () => {
    const page = await context.newPage();
    await page.goto("https://chatgpt.com/");
    await page.locator("#prompt-textarea").click();
    await page.keyboard.type(said);
    await page.keyboard.press("Enter");
    await page.locator('[data-message-author-role="user"]').filter({ hasText: said }).waitFor();
    const memories = await eventually(async () => {
      const all = await memoriesOf(USER);
      return all.some((m) => m.includes("React")) && all;
    }, `a memory with "React" for ${USER}`);
    check(!(await page.content()).includes(API_KEY), "the API key never reaches the chat page");
    console.log(`     memories: ${JSON.stringify(memories)}`);
    await page.close();
  });

  await step("claude.ai: writing about front-end work offers that memory; one click inserts it into the prompt", async () => {
    const page = await context.newPage();
    await page.goto("https://claude.ai/");
    const box = page.getByRole("textbox", { name: "Write your prompt to Claude" });
    await box.click();
    await page.keyboard.type("Which stack should I use for front-end development?");
    const panel = await eventually(async () => {
      const p = await panelOf(page);
      return p.shown && p.inserts.some((i) => i.memory.includes("React")) && p;
    }, "the memory panel offering the React memory");
    const insert = panel.inserts.find((i) => i.memory.includes("React"));
    await clickNode(page, insert.backendNodeId);
    const text = await box.innerText();
    check(text.startsWith("Relevant memories (Engram):\n- ") && text.includes(insert.memory), `the prompt starts with the memory: ${text}`);
    check(text.includes("Which stack should I use for front-end development?"), `the person's text is kept: ${text}`);
    await page.close();
  });

  await step("pause (popup): nothing sent while paused is remembered; after it, perplexity.ai is remembered again", async () => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByLabel("Paused").check();
    const page = await context.newPage();
    await page.goto("https://www.perplexity.ai/");
    await page.getByLabel("Ask anything").fill("My sister Alice lives in Lisbon");
    await page.getByRole("button", { name: "Submit" }).click();
    await popup.getByLabel("Paused").uncheck();
    await page.getByLabel("Ask anything").fill("I am allergic to peanuts");
    await page.getByRole("button", { name: "Submit" }).click();
    await eventually(async () => (await memoriesOf(USER)).some((m) => m.toLowerCase().includes("peanut")), "the peanut allergy remembered");
    check(!(await memoriesOf(USER)).some((m) => m.includes("Lisbon")), "what was sent while paused is not remembered");
    await page.close();
    await popup.close();
  });

  await step("options: a site switched off is not remembered", async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel("Perplexity (perplexity.ai)").uncheck();
    await options.getByRole("button", { name: "Save" }).click();
    await options.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const page = await context.newPage();
    await page.goto("https://www.perplexity.ai/");
    await page.getByLabel("Ask anything").fill("I drive a red bicycle to work");
    await page.getByRole("button", { name: "Submit" }).click();
    const chatgpt = await context.newPage();
    await chatgpt.goto("https://chatgpt.com/");
    await chatgpt.locator("#prompt-textarea").click();
    await chatgpt.keyboard.type("My cat is called Mimi");
    await chatgpt.keyboard.press("Enter");
    await eventually(async () => (await memoriesOf(USER)).some((m) => m.includes("Mimi")), "ChatGPT still remembered");
    check(!(await memoriesOf(USER)).some((m) => m.includes("bicycle")), "Perplexity, switched off, is not remembered");
    await page.close();
    await chatgpt.close();
    await options.close();
  });

  await step("popup: search finds a memory and deletes it from Engram", async () => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByLabel("Search your memories").fill("front-end framework");
    await popup.getByRole("button", { name: "Search" }).click();
    const remove = popup.getByRole("button", { name: /^Delete memory: .*React/ }).first();
    await remove.waitFor();
    const label = await remove.getAttribute("aria-label");
    await remove.click();
    await popup.getByRole("status").filter({ hasText: "Deleted." }).waitFor();
    const gone = label.slice("Delete memory: ".length);
    await eventually(async () => !(await memoriesOf(USER)).includes(gone), `"${gone}" deleted in Engram`, 10000);
    await popup.close();
  });

  check(scriptErrors.length === 0, `no script errors: ${scriptErrors.join(" | ")}`);
} catch (e) {
  error = e;
}
await context.close();
sites.close();
rmSync(work, { recursive: true, force: true });
if (error && !failed) console.log(`FAILED: ${error.message}`);
console.log(error ? "failed" : "all passed");
process.exit(error ? 1 : 0);
