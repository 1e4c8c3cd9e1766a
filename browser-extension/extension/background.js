// The service worker: the only place that holds the API key and talks to Engram. Content scripts send it
// {type: "remember" | "recall" | "status"}; it answers {ok, ...} or {ok: false, error}.
import { load } from "./settings.js";
import { recall, remember } from "./engram.js";

async function handle(message) {
  const settings = await load();
  const enabled = !settings.paused && settings.sites[message.site] !== false;
  switch (message.type) {
    case "status":
      return { ok: true, enabled, configured: Boolean(settings.apiKey && settings.userId) };
    case "remember":
      if (!enabled) return { ok: true, skipped: true };
      await remember(message.text, message.site);
      return { ok: true };
    case "recall":
      if (!enabled) return { ok: true, memories: [] };
      return { ok: true, memories: await recall(message.query) };
    default:
      return { ok: false, error: `unknown message ${message.type}` };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own content scripts (sender.id) may ask.
  if (sender.id !== chrome.runtime.id) return false;
  handle(message).then(sendResponse, (e) => sendResponse({ ok: false, error: e.message }));
  return true; // answered asynchronously
});
