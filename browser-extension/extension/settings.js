// The extension's settings, in chrome.storage.local: only the extension's own pages and its service worker read them;
// content scripts never see the API key (they ask the service worker, which makes every call to Engram).
export const SITES = { chatgpt: "ChatGPT", claude: "Claude", perplexity: "Perplexity" };

export const DEFAULTS = {
  engramUrl: "http://localhost:8080",
  apiKey: "",
  userId: "",
  paused: false,
  sites: { chatgpt: true, claude: true, perplexity: true },
};

export async function load() {
  const stored = await chrome.storage.local.get(["engramUrl", "apiKey", "userId", "paused", "sites"]);
  return { ...DEFAULTS, ...stored, sites: { ...DEFAULTS.sites, ...(stored.sites || {}) } };
}

export async function save(changes) {
  await chrome.storage.local.set(changes);
}

/** The Engram URL without a trailing slash, or an error message when it is not an http(s) URL. */
export function normaliseUrl(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    return { error: "Enter the Engram URL, e.g. http://localhost:8080" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { error: "The Engram URL must start with http:// or https://" };
  return { url: url.origin + url.pathname.replace(/\/+$/, "") };
}
