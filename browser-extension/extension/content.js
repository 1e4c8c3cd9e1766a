// On a supported chat site: remembers what the person sends (through the service worker, which holds the API key), and
// while they write, offers the memories relevant to their message in a small panel, one click to insert them.
(() => {
  const entry = Object.entries(ENGRAM_SITES).find(([, s]) => s.hosts.includes(location.hostname));
  if (!entry) return;
  const [site, config] = entry;

  const ask = (message) =>
    new Promise((resolve) => {
      try {
        chrome.runtime.sendMessage({ ...message, site }, (reply) =>
          resolve(reply || { ok: false, error: chrome.runtime.lastError?.message || "no answer" }));
      } catch (e) {
        resolve({ ok: false, error: e.message }); // the extension was reloaded under this page
      }
    });

  const composerOf = (node) => (node instanceof Element ? node.closest(config.composer) : null);
  const composer = () => document.querySelector(config.composer);
  const read = (el) => (el.tagName === "TEXTAREA" ? el.value : el.innerText).trim();

  function write(el, text) {
    el.focus();
    if (el.tagName === "TEXTAREA") {
      // The sites' frameworks watch the native setter and the input event.
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, text);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (!document.execCommand("insertText", false, text)) el.innerText = text;
  }

  // ---- remembering what is sent ----------------------------------------------------------------------------------
  let lastSent = "";
  function captureSend() {
    const el = composer();
    if (!el) return;
    const text = read(el).replace(MEMORY_BLOCK, "").trim();
    if (text.length < 3 || text === lastSent) return;
    lastSent = text;
    hidePanel();
    ask({ type: "remember", text });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && composerOf(e.target)) captureSend();
  }, true);
  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest(config.send)) captureSend();
  }, true);

  // ---- offering memories while writing ---------------------------------------------------------------------------
  const MEMORY_BLOCK = /^Relevant memories \(Engram\):\n(?:- .*\n)+\n/;
  const host = document.createElement("div");
  host.id = "engram-memory-panel";
  const root = host.attachShadow({ mode: "closed" });
  root.innerHTML = `
    <style>
      :host { all: initial; }
      aside { position: fixed; right: 16px; bottom: 96px; z-index: 2147483647; width: 320px; max-height: 50vh; overflow: auto;
        font: 13px/1.4 system-ui, sans-serif; color: #111; background: #fff; border: 1px solid #ccc; border-radius: 8px;
        box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 8px 10px; }
      header { display: flex; justify-content: space-between; align-items: center; font-weight: 600; margin-bottom: 4px; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { display: flex; gap: 8px; align-items: flex-start; padding: 4px 0; border-top: 1px solid #eee; }
      li span { flex: 1; }
      button { font: inherit; cursor: pointer; }
    </style>
    <aside role="complementary" aria-label="Engram memories" hidden>
      <header><span>Memories for this message</span><button type="button" aria-label="Close memories">×</button></header>
      <ul></ul>
    </aside>`;
  const panel = root.querySelector("aside");
  const list = root.querySelector("ul");
  root.querySelector("header button").addEventListener("click", () => hidePanel());
  const hidePanel = () => { panel.hidden = true; };

  function showMemories(memories) {
    list.replaceChildren(...memories.map((m) => {
      const item = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = m.memory;
      const insert = document.createElement("button");
      insert.type = "button";
      insert.textContent = "Insert";
      insert.setAttribute("aria-label", `Insert memory: ${m.memory}`);
      insert.addEventListener("click", () => insertMemories([m.memory]));
      item.append(text, insert);
      return item;
    }));
    panel.hidden = memories.length === 0;
    if (!host.isConnected) document.documentElement.append(host);
  }

  function insertMemories(memories) {
    const el = composer();
    if (!el) return;
    const current = read(el);
    const existing = current.match(MEMORY_BLOCK);
    const known = existing ? existing[0].split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2)) : [];
    const all = [...known, ...memories.filter((m) => !known.includes(m))];
    const rest = existing ? current.slice(existing[0].length) : current;
    write(el, `Relevant memories (Engram):\n${all.map((m) => `- ${m}`).join("\n")}\n\n${rest}`);
  }

  let timer;
  let asked = "";
  document.addEventListener("input", (e) => {
    const el = composerOf(e.target);
    if (!el) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = read(el).replace(MEMORY_BLOCK, "").trim();
      if (query.length < 3 || query === asked) return;
      asked = query;
      const reply = await ask({ type: "recall", query });
      if (reply.ok && query === asked) showMemories(reply.memories);
    }, 400);
  }, true);
})();
