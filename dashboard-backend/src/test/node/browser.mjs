// What the console's end-to-end scripts share: Debian's headless Chromium through playwright-core (never a downloaded
// browser), named steps that print "ok <step>" or "FAILED <step>: <why>" with a failure screenshot, and checks.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { chromium } = await import("playwright-core");

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`set ${name}`);
    process.exit(2);
  }
  return value;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Opens Chromium and returns { page, step, shot, checkNoHorizontalOverflow, finish }. */
export async function openBrowser(screenshots) {
  mkdirSync(screenshots, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), "engram-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 860 },
    locale: "en-GB",
    timezoneId: "UTC",
  });
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] || (await context.newPage());
  const scriptErrors = [];
  page.on("pageerror", (e) => scriptErrors.push(String(e)));
  // Script errors only: the browser also logs every refused request (deliberate 4xx answers).
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && scriptErrors.push(m.text()));

  let failed = 0;
  const shot = (name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  return {
    page,
    shot,
    async step(name, body) {
      try {
        const value = await body();
        console.log(`ok ${name}`);
        return value;
      } catch (e) {
        failed++;
        console.log(`FAILED ${name}: ${e.message}\n  at page ${page.url()}`);
        await shot(`failure-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}`).catch(() => {});
        throw e;
      }
    },
    async checkNoHorizontalOverflow() {
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide in a ${innerWidth}px window`);
    },
    /** Checks for script errors, closes the browser and exits 0 only when every step passed. */
    async finish(error) {
      if (error && !failed) {
        failed++;
        console.log(`FAILED: ${error.message}`);
      }
      if (!error && scriptErrors.length) {
        failed++;
        console.log(`FAILED no script errors on any page: ${scriptErrors.join(" | ")}`);
      }
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      console.log(failed ? `${failed} failed` : "all passed");
      process.exit(failed ? 1 : 0);
    },
  };
}

/**
 * Opens the console's analytics page until its charts count at least `adds` adds and `searches` searches (usage events
 * reach the dashboard within seconds) or `timeoutMs` passes; returns the totals by series name.
 */
export async function awaitAnalyticsTotals(page, consoleUrl, { adds, searches, timeoutMs = 30000 }) {
  const deadline = Date.now() + timeoutMs;
  let totals = {};
  while (Date.now() < deadline) {
    await page.goto(`${consoleUrl}/console/#/analytics`);
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.locator(".charts figure, .charts .empty, .charts [role=alert]").first().waitFor();
    totals = Object.fromEntries(await page.locator(".charts figcaption").evaluateAll((captions) => captions.map((c) => [
      c.firstChild.textContent.trim(), Number((c.querySelector(".total")?.textContent.match(/total (-?[0-9.]+)/) || [])[1])])));
    if (totals.adds >= adds && totals.searches >= searches) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return totals;
}

/** Creates an API key named `name` on the console's API keys page and returns its secret, which the page shows once. */
export async function createApiKey(page, name) {
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const field = page.getByLabel("Secret key");
  await field.waitFor();
  const value = await field.inputValue();
  check(/^\S{20,}$/.test(value), `a secret key is shown: ${value}`);
  await page.getByRole("row", { name: new RegExp(name) }).waitFor();
  return value;
}
