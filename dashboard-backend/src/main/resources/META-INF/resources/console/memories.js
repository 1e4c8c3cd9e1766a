// The memory browser page: a project's end users → one user's memories (paged, or searched) → one memory with its
// sources and history, and deletion after a confirmation. Where the page is lives in the hash, so Back works:
// #/memories, #/memories/<user id>, #/memories/<user id>/<memory id> (each part URI-encoded).
import { endpoints as api } from "./api.js";
import { announce, confirmAction, errorBox, formatDate, h, table } from "./ui.js";

const PAGE_SIZE = 20;
const TOP_K = 10;

/** Where in the browser the hash points: {user, memory}, each null when absent. */
function location_() {
  const parts = location.hash.replace(/^#\/memories\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  return { user: parts[0] || null, memory: parts[1] || null };
}

function href(user, memory) {
  return "#/memories" + (user ? `/${encodeURIComponent(user)}` : "") + (memory ? `/${encodeURIComponent(memory)}` : "");
}

/** Renders the page into `body`; `canDelete`: the caller's role may delete memories (member and up). */
export async function memoriesPage(body, state, canDelete) {
  const ctx = { org: state.org, project: state.project, canDelete };
  const where = location_();
  body.append(breadcrumb(where));
  if (where.memory) return memoryDetail(body, ctx, where.user, where.memory);
  if (where.user) return userMemories(body, ctx, where.user);
  return endUsers(body, ctx);
}

function breadcrumb({ user, memory }) {
  const items = [h("li", {}, user ? h("a", { href: href() }, "End users") : h("span", { "aria-current": "page" }, "End users"))];
  if (user) items.push(h("li", {}, memory ? h("a", { href: href(user) }, user) : h("span", { "aria-current": "page" }, user)));
  if (memory) items.push(h("li", {}, h("span", { "aria-current": "page" }, "Memory")));
  return h("nav", { class: "breadcrumb", "aria-label": "Memory browser" }, h("ol", {}, items));
}

// ---- end users --------------------------------------------------------------------------------------------------
async function endUsers(body, { org, project }) {
  body.append(h("p", { class: "lede" }, "End users of project ", h("strong", {}, project.name),
    " (the user_id your application sends) and what Engram remembers about them."));
  const users = await api.memoryUsers(org.id, project.id);
  if (!users.length) {
    body.append(h("p", { class: "empty" }, "No memories yet: add some with one of the project's API keys."));
    return;
  }
  const rows = users.map((u) => h("tr", {},
    h("th", { scope: "row" }, h("a", { href: href(u.user_id), class: "user-link" }, u.user_id)),
    h("td", {}, String(u.memories)),
    h("td", { class: "date" }, formatDate(u.updated_at)),
    h("td", { class: "date" }, formatDate(u.created_at))));
  body.append(table("End users", ["User id", "Memories", "Last change", "First memory"], rows));
}

// ---- one user's memories ------------------------------------------------------------------------------------------
async function userMemories(body, ctx, user) {
  const { org, project } = ctx;
  body.append(h("p", { class: "lede" }, "Memories of ", h("strong", {}, user), " in project ", h("strong", {}, project.name), "."));
  const query = h("input", { id: "memory-query", type: "search", maxlength: "4096", autocomplete: "off", placeholder: "e.g. food preferences" });
  const clear = h("button", { type: "button", class: "secondary", hidden: true }, "Show all");
  const form = h("form", { class: "search-form", role: "search", "aria-label": `Search the memories of ${user}` },
    h("label", { for: "memory-query" }, "Search by meaning"), h("div", { class: "search-row" }, query,
      h("button", { type: "submit" }, "Search"), clear));
  const results = h("div", { id: "memory-results", "aria-live": "polite", tabindex: "-1" });
  body.append(form, results);

  let page = 1;
  const showPage = async () => {
    results.replaceChildren(h("p", { class: "loading" }, "Loading…"));
    try {
      const data = await api.memories(org.id, project.id, user, page, PAGE_SIZE);
      const pages = Math.max(1, Math.ceil(data.count / PAGE_SIZE));
      const pager = h("div", { class: "pager" },
        h("button", { type: "button", class: "secondary", disabled: page <= 1, onclick: () => { page--; showPage(); } }, "Previous page"),
        h("span", {}, `Page ${page} of ${pages} · ${data.count} memor${data.count === 1 ? "y" : "ies"}`),
        h("button", { type: "button", class: "secondary", disabled: page >= pages, onclick: () => { page++; showPage(); } }, "Next page"));
      results.replaceChildren(data.results.length ? memoryTable(ctx, user, data.results, false, showPage)
        : h("p", { class: "empty" }, "No memories."), data.count > PAGE_SIZE ? pager : "");
    } catch (e) {
      results.replaceChildren(errorBox(e));
    }
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = query.value.trim();
    if (!q) {
      clear.hidden = true;
      return showPage();
    }
    results.replaceChildren(h("p", { class: "loading" }, "Searching…"));
    try {
      const hits = await api.searchMemories(org.id, project.id, user, q, TOP_K);
      clear.hidden = false;
      results.replaceChildren(h("h2", {}, `Best matches for “${q}”`), hits.length
        ? memoryTable(ctx, user, hits, true, () => form.requestSubmit())
        : h("p", { class: "empty" }, "Nothing matches."));
      announce(`${hits.length} memor${hits.length === 1 ? "y matches" : "ies match"}.`);
    } catch (err) {
      results.replaceChildren(errorBox(err));
    }
  });
  clear.addEventListener("click", () => {
    query.value = "";
    clear.hidden = true;
    showPage();
    query.focus();
  });
  await showPage();
}

function memoryTable(ctx, user, memories, withScore, refresh) {
  const headers = ["Memory", "Categories", "Created", "Updated", "State", "Feedback"];
  if (withScore) headers.push("Score");
  if (ctx.canDelete) headers.push("Actions");
  const rows = memories.map((m) => h("tr", { class: m.state && m.state !== "active" ? "revoked" : "" },
    h("th", { scope: "row", class: "memory-text" }, h("a", { href: href(user, m.id) }, m.memory)),
    h("td", {}, (m.categories || []).length ? m.categories.map((c) => h("span", { class: "tag" }, c)) : "—"),
    h("td", { class: "date" }, formatDate(m.created_at)),
    h("td", { class: "date" }, formatDate(m.updated_at)),
    h("td", {}, m.state || "active"),
    h("td", { class: "feedback" }, feedbackLabel(m)),
    withScore ? h("td", {}, m.score == null ? "—" : m.score.toFixed(2)) : null,
    ctx.canDelete ? h("td", { class: "row-actions" }, h("button", { type: "button", class: "danger",
      onclick: () => deleteMemory(ctx, m, refresh) }, "Delete", h("span", { class: "visually-hidden" }, ` the memory “${m.memory}”`))) : null));
  return table(withScore ? "Search results" : `Memories of ${user}`, headers, rows);
}

// A memory's current feedback as a tag (with its reason as the tooltip), "—" when it has none. A very negative memory is
// one the API leaves out of searches and listings unless asked for; the console always shows it, marked.
function feedbackLabel(m) {
  if (!m.feedback) return "—";
  const text = m.feedback === "VERY_NEGATIVE" ? "very negative (hidden from the API)" : m.feedback.toLowerCase();
  return h("span", { class: `tag feedback-${m.feedback.toLowerCase().replace("_", "-")}`, title: m.feedback_reason || "" }, text);
}

// ---- one memory ---------------------------------------------------------------------------------------------------
async function memoryDetail(body, ctx, user, id) {
  const { org, project } = ctx;
  const [m, history] = await Promise.all([api.memory(org.id, project.id, id), api.memoryHistory(org.id, project.id, id)]);
  const facts = [
    ["Memory id", h("code", {}, m.id)],
    ["User", m.user_id || "—"],
    ["Categories", (m.categories || []).length ? m.categories.map((c) => h("span", { class: "tag" }, c)) : "—"],
    ["State", m.state || "active"],
    ["Created", formatDate(m.created_at)],
    ["Updated", formatDate(m.updated_at)],
  ];
  facts.push(["Feedback", feedbackLabel(m)]);
  if (m.feedback && m.feedback_reason) facts.push(["Feedback reason", m.feedback_reason]);
  if (m.event_time) facts.push(["Happened", formatDate(m.event_time)]);
  if (m.replaced_by) facts.push(["Replaced by", h("a", { href: href(user, m.replaced_by) }, h("code", {}, m.replaced_by))]);
  if (m.metadata && Object.keys(m.metadata).length) facts.push(["Metadata", h("code", {}, JSON.stringify(m.metadata))]);
  const card = h("section", { class: "card memory-card", "aria-labelledby": "memory-title" },
    h("h2", { id: "memory-title" }, "Memory"),
    h("blockquote", { class: "memory-quote" }, m.memory),
    h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    ctx.canDelete ? h("button", { type: "button", class: "danger", id: "delete-memory",
      onclick: () => deleteMemory(ctx, m, () => { location.hash = href(user); }) }, "Delete memory") : null);
  const sources = (m.sources || []).map((s) => h("tr", {},
    h("th", { scope: "row" }, h("code", {}, s.event_id || "—")),
    h("td", {}, s.message_index == null ? "—" : String(s.message_index)),
    h("td", {}, s.speaker || "—"),
    h("td", {}, s.role || "—"),
    h("td", { class: "date" }, formatDate(s.timestamp))));
  const changes = history.map((e) => h("tr", {},
    h("th", { scope: "row" }, h("span", { class: `event event-${(e.event || "").toLowerCase()}` }, e.event || "—")),
    h("td", { class: "change" }, change(e)),
    h("td", { class: "date" }, formatDate(e.created_at)),
    h("td", {}, [...new Set([e.actor_id, e.role].filter(Boolean))].join(" · ") || "—"),
    h("td", {}, e.reason || "—")));
  body.append(card,
    h("h2", { id: "sources-title" }, "Sources"),
    sources.length ? table("Sources", ["Ingest event", "Message index", "Speaker", "Role", "Time"], sources)
      : h("p", { class: "empty" }, "No recorded source messages."),
    h("h2", { id: "history-title" }, "History"),
    changes.length ? table("History", ["Event", "Change", "When", "Actor", "Reason"], changes)
      : h("p", { class: "empty" }, "No recorded changes."));
}

function change(e) {
  if (e.old_memory && e.new_memory && e.old_memory !== e.new_memory) {
    return [h("del", {}, e.old_memory), h("span", { "aria-label": "became" }, " → "), h("ins", {}, e.new_memory)];
  }
  return e.new_memory || e.old_memory || "—";
}

// ---- deletion -----------------------------------------------------------------------------------------------------
async function deleteMemory({ org, project }, m, after) {
  if (!(await confirmAction("Delete this memory?", `“${m.memory}” is forgotten for ${m.user_id || "this user"}: searches no longer return it. Its history keeps a record of the deletion. This cannot be undone.`, "Delete memory"))) return;
  try {
    await api.deleteMemory(org.id, project.id, m.id);
    announce("Memory deleted.");
    await after();
    document.getElementById("memory-results")?.focus(); // the deleted row's button is gone: keep focus in the list
  } catch (e) {
    document.querySelector("main .page-body").prepend(errorBox(e));
  }
}
