// Calls to the Engram gateway (Mem0's platform API), made only by the service worker and the extension's pages.
import { load } from "./settings.js";

export class EngramError extends Error {}

async function call(path, { method = "GET", body } = {}) {
  const settings = await load();
  if (!settings.apiKey || !settings.userId) throw new EngramError("Set the Engram URL, API key and user id in the options first.");
  let response;
  try {
    response = await fetch(settings.engramUrl + path, {
      method,
      headers: { Authorization: `Token ${settings.apiKey}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new EngramError(`Engram is not reachable at ${settings.engramUrl}`);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new EngramError(json?.detail || json?.title || `Engram answered ${response.status}`);
  return { json, settings };
}

/** Stores what the person wrote on `site` as a memory of their user id (extracted and reconciled by Engram). */
export async function remember(text, site) {
  const settings = await load();
  const { json } = await call("/v1/memories/", {
    method: "POST",
    body: { messages: [{ role: "user", content: text }], user_id: settings.userId, metadata: { source: "browser-extension", site } },
  });
  return json;
}

/** The memories most relevant to `query`, best first. */
export async function recall(query, topK = 5) {
  const settings = await load();
  const { json } = await call("/v2/memories/search/", {
    method: "POST",
    body: { query, filters: { user_id: settings.userId }, top_k: topK },
  });
  return (Array.isArray(json) ? json : json.results || []).map((m) => ({ id: m.id, memory: m.memory, score: m.score }));
}

/** Deletes one memory. */
export async function forget(id) {
  await call(`/v1/memories/${encodeURIComponent(id)}/`, { method: "DELETE" });
}
