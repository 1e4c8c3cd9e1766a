// The Engram console: one page, hash routes (#/projects, #/keys, ...), all data from /api/v1 (./api.js).
import { endpoints as api } from "./api.js";
import { announce, attempt, confirmAction, errorBox, field, formatDate, h, lineChart, table } from "./ui.js";
import { memoriesPage } from "./memories.js";

const RANKS = { reader: 0, member: 1, admin: 2, owner: 3 };
const ROLES = ["reader", "member", "admin", "owner"];
const SCOPES = ["read", "write", "admin"];
const main = document.getElementById("main");

const state = { me: null, orgs: [], org: null, projects: [], project: null };
const AUDIT_PAGE_SIZE = 50;
let auditPageNumber = 1;

const routes = {
  projects: { title: "Projects", render: projectsPage },
  keys: { title: "API keys", render: keysPage, needsProject: true },
  analytics: { title: "Analytics", render: analyticsPage, needsProject: true },
  memories: { title: "Memories", render: (body) => memoriesPage(body, state, atLeast("member")), needsProject: true },
  settings: { title: "Project settings", render: settingsPage, needsProject: true },
  members: { title: "Members and invitations", render: membersPage },
  organisation: { title: "Organisation", render: organisationPage },
  audit: { title: "Audit log", render: auditPage },
};

function atLeast(role) {
  return state.org && RANKS[state.org.role] >= RANKS[role];
}

// ---- start-up: who am I (this also signs a new person up), then the organisation and project they work in ----------
async function start() {
  try {
    state.me = await api.me();
  } catch (e) {
    main.replaceChildren(h("h1", {}, "Engram console"), errorBox(e));
    return;
  }
  document.getElementById("user-name").textContent = state.me.name || state.me.email || "";
  if (state.me.signed_up) announce("Welcome! Your organisation and its default project are ready.");
  else if (state.me.invitations_accepted > 0) announce(`You joined ${state.me.invitations_accepted} organisation(s) you were invited to.`);
  await loadOrgs(localStorage.getItem("engram.org"));
  document.getElementById("org-select").addEventListener("change", async (e) => {
    await selectOrg(e.target.value);
    render();
  });
  document.getElementById("project-select").addEventListener("change", (e) => {
    selectProject(e.target.value);
    render();
  });
  window.addEventListener("hashchange", () => render(true));
  render(false);
}

async function loadOrgs(preferred) {
  state.orgs = await api.orgs();
  const select = document.getElementById("org-select");
  select.replaceChildren(...state.orgs.map((o) => h("option", { value: o.id }, `${o.name} (${o.role})`)));
  document.getElementById("context").hidden = state.orgs.length === 0;
  const chosen = state.orgs.find((o) => o.id === preferred) || state.orgs[0];
  if (chosen) await selectOrg(chosen.id);
  else {
    state.org = null;
    state.projects = [];
    state.project = null;
  }
}

async function selectOrg(id) {
  state.org = state.orgs.find((o) => o.id === id) || null;
  auditPageNumber = 1;
  document.getElementById("org-select").value = id;
  localStorage.setItem("engram.org", id);
  await loadProjects(localStorage.getItem(`engram.project.${id}`));
}

async function loadProjects(preferred) {
  state.projects = state.org ? await api.projects(state.org.id) : [];
  const select = document.getElementById("project-select");
  select.replaceChildren(...state.projects.map((p) => h("option", { value: p.id }, p.name)));
  const chosen = state.projects.find((p) => p.id === preferred) || state.projects[0];
  selectProject(chosen ? chosen.id : null);
}

function selectProject(id) {
  state.project = state.projects.find((p) => p.id === id) || null;
  document.getElementById("project-select").value = id || "";
  if (state.org && id) localStorage.setItem(`engram.project.${state.org.id}`, id);
}

// ---- routing ----------------------------------------------------------------------------------------------------
function currentRoute() {
  const name = (location.hash.match(/^#\/([a-z]+)/) || [])[1];
  return routes[name] ? name : "projects";
}

async function render(moveFocus = true) {
  const name = currentRoute();
  const route = routes[name];
  for (const link of document.querySelectorAll("nav a[data-route]")) {
    if (link.dataset.route === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${route.title} · Engram console`;
  const heading = h("h1", { tabindex: "-1" }, route.title);
  const body = h("div", { class: "page-body" });
  main.replaceChildren(heading, body);
  if (moveFocus) heading.focus();
  if (!state.org) {
    body.append(h("p", {}, "You do not belong to an organisation yet."), newOrgForm());
    return;
  }
  if (route.needsProject && !state.project) {
    body.append(h("p", {}, "This organisation has no project yet. ", h("a", { href: "#/projects" }, "Create one on the Projects page.")));
    return;
  }
  try {
    await route.render(body);
  } catch (e) {
    body.append(errorBox(e));
  }
}

// ---- projects ---------------------------------------------------------------------------------------------------
async function projectsPage(body) {
  const org = state.org;
  const rows = state.projects.map((p) => h("tr", {},
    h("th", { scope: "row" }, p.name, p.id === state.project?.id ? h("span", { class: "badge" }, "selected") : null),
    h("td", {}, h("code", {}, p.id)),
    h("td", {}, formatDate(p.created_at)),
    h("td", { class: "row-actions" },
      h("button", { type: "button", class: "secondary", onclick: () => { selectProject(p.id); location.hash = "#/keys"; } },
        "API keys", h("span", { class: "visually-hidden" }, ` of ${p.name}`)),
      atLeast("admin") ? h("button", { type: "button", class: "danger", onclick: () => deleteProject(p) },
        "Delete", h("span", { class: "visually-hidden" }, ` ${p.name}`)) : null)));
  body.append(
    h("p", { class: "lede" }, `Projects of ${org.name}. A project is the tenant your API keys and memories belong to.`),
    state.projects.length ? table("Projects", ["Name", "Project id", "Created", "Actions"], rows) : h("p", {}, "No projects yet."));
  if (atLeast("admin")) {
    const errors = h("div");
    const name = h("input", { id: "project-name", name: "name", required: true, maxlength: "100", autocomplete: "off" });
    const id = h("input", { id: "project-id", name: "project_id", pattern: "[a-z0-9][a-z0-9_-]*", autocomplete: "off" });
    const form = h("form", { class: "card", "aria-labelledby": "new-project-title" },
      h("h2", { id: "new-project-title" }, "New project"),
      field("Name", name), field("Project id (optional)", id, "Lower-case letters, digits, - and _; derived from the name when empty."),
      errors, h("button", { type: "submit" }, "Create project"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      let created;
      if (await attempt(errors, async () => (created = await api.createProject(org.id, name.value.trim(), id.value.trim() || undefined)))) {
        await loadProjects(created.id);
        announce(`Project ${created.name} created.`);
        render();
      }
    });
    body.append(form);
  }
}

async function deleteProject(p) {
  if (!(await confirmAction(`Delete project ${p.name}?`, "Every API key of the project is revoked, and its memories, their history and its events are erased for good. The project disappears from the console; its id cannot be used again.", "Delete project"))) return;
  try {
    await api.deleteProject(state.org.id, p.id);
    await loadProjects(state.project?.id === p.id ? null : state.project?.id);
    announce(`Project ${p.name} deleted.`);
    render();
  } catch (e) {
    main.querySelector(".page-body").prepend(errorBox(e));
  }
}

// ---- API keys -----------------------------------------------------------------------------------------------------
async function keysPage(body) {
  const { org, project } = state;
  const keys = await api.keys(org.id, project.id);
  const secretSlot = h("div", { id: "secret-slot" });
  body.append(h("p", { class: "lede" }, "Keys of project ", h("strong", {}, project.name),
    `. Applications send one as "Authorization: Token <key>" to the Engram API.`), secretSlot);
  if (atLeast("member")) {
    const errors = h("div");
    const name = h("input", { id: "key-name", name: "name", required: true, maxlength: "100", autocomplete: "off" });
    const defaultUser = h("input", { id: "key-default-user", name: "default_user_id", maxlength: "256", autocomplete: "off" });
    const scopes = SCOPES.filter((s) => s !== "admin" || atLeast("admin")).map((s) => h("label", { class: "check" },
      h("input", { type: "checkbox", name: "scopes", value: s, checked: s !== "admin" }), " ", s));
    const form = h("form", { class: "card", "aria-labelledby": "new-key-title" },
      h("h2", { id: "new-key-title" }, "Create an API key"),
      field("Name", name, "What the key is for, such as the application using it."),
      h("fieldset", {}, h("legend", {}, "Scopes"), scopes),
      field("Default user (optional)", defaultUser, "The user_id MCP tools act for when neither the tool call nor the connection names one."),
      errors, h("button", { type: "submit" }, "Create key"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = [...form.querySelectorAll("input[name=scopes]:checked")].map((c) => c.value);
      let created;
      if (await attempt(errors, async () => (created = await api.createKey(org.id, project.id, name.value.trim(), chosen, defaultUser.value.trim())))) {
        await render(false);
        showSecret(document.getElementById("secret-slot"), created);
      }
    });
    body.append(form);
  }
  const rows = keys.map((k) => h("tr", { class: k.active ? "" : "revoked" },
    h("th", { scope: "row" }, k.name),
    h("td", {}, h("code", {}, `${k.prefix}…`)),
    h("td", {}, k.scopes.join(", ")),
    h("td", {}, k.created_by || "—"),
    h("td", {}, k.active && atLeast("member") ? defaultUserForm(k) : (k.default_user_id || "—")),
    h("td", { class: "date" }, formatDate(k.created_at)),
    h("td", { class: "date" }, k.last_used_at ? formatDate(k.last_used_at) : "never"),
    h("td", {}, k.active ? "active" : `revoked ${formatDate(k.revoked_at)}`),
    h("td", { class: "row-actions" }, k.active && atLeast("member")
      ? h("button", { type: "button", class: "danger", onclick: () => revokeKey(k) }, "Revoke", h("span", { class: "visually-hidden" }, ` ${k.name}`))
      : null)));
  body.append(h("h2", {}, "Keys"), keys.length
    ? table("API keys", ["Name", "Prefix", "Scopes", "Created by", "Default user", "Created", "Last used", "Status", "Actions"], rows)
    : h("p", {}, "No keys yet."));
}

/** The key's default user (MCP), editable in place; empty clears it. */
function defaultUserForm(k) {
  const input = h("input", { value: k.default_user_id || "", maxlength: "256", size: "12", autocomplete: "off",
    "aria-label": `Default user of key ${k.name}` });
  const errors = h("div");
  const form = h("form", { class: "inline" }, input, h("button", { type: "submit" }, "Save",
    h("span", { class: "visually-hidden" }, ` default user of ${k.name}`)), errors);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await attempt(errors, () => api.setKeyDefaultUser(state.org.id, state.project.id, k.id, input.value.trim()))) {
      announce(`Default user of key ${k.name} saved.`);
    }
  });
  return form;
}

function showSecret(slot, created) {
  const secret = h("input", { id: "new-key-secret", readonly: true, value: created.key, class: "secret", spellcheck: "false" });
  const copy = h("button", { type: "button", id: "copy-secret" }, "Copy");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(created.key);
    } catch {
      secret.select();
      document.execCommand("copy");
    }
    announce("The key is copied to the clipboard.");
  });
  const panel = h("section", { class: "card secret-panel", "aria-labelledby": "secret-title", tabindex: "-1" },
    h("h2", { id: "secret-title" }, `Key "${created.name}" created`),
    h("p", {}, h("strong", {}, "Copy it now: "), "this is the only time it is shown. Engram stores only a hash of it."),
    field("Secret key", secret), copy);
  slot.replaceChildren(panel);
  panel.focus();
  announce(`Key ${created.name} created. Copy it now; it is shown only once.`);
}

async function revokeKey(k) {
  if (!(await confirmAction(`Revoke key ${k.name}?`, `Applications using the key ${k.prefix}… are refused from now on. This cannot be undone.`, "Revoke key"))) return;
  try {
    await api.revokeKey(state.org.id, state.project.id, k.id);
    announce(`Key ${k.name} revoked.`);
    render(false);
  } catch (e) {
    main.querySelector(".page-body").prepend(errorBox(e));
  }
}

// ---- analytics ------------------------------------------------------------------------------------------------------
async function analyticsPage(body) {
  const { org, project } = state;
  const granularity = h("select", { id: "granularity" }, h("option", { value: "hour" }, "By hour"), h("option", { value: "day" }, "By day"));
  const charts = h("div", { class: "charts", "aria-live": "polite" });
  body.append(h("p", { class: "lede" }, "Usage of project ", h("strong", {}, project.name), "."), field("Granularity", granularity), charts);
  const load = async () => {
    charts.replaceChildren(h("p", { class: "loading" }, "Loading…"));
    let data;
    try {
      data = await api.analytics(org.id, project.id, granularity.value);
    } catch (e) {
      if (e.status === 404) {
        charts.replaceChildren(h("p", { class: "empty" }, "No data: analytics are not available for this project yet."));
        return;
      }
      charts.replaceChildren(errorBox(e));
      return;
    }
    const series = (data && data.series) || [];
    if (!series.some((s) => (s.points || []).length)) {
      charts.replaceChildren(h("p", { class: "empty" }, "No data yet: use one of the project's API keys and come back."));
      return;
    }
    charts.replaceChildren(...series.map(lineChart));
  };
  granularity.addEventListener("change", load);
  await load();
}

// ---- project settings ---------------------------------------------------------------------------------------------
async function settingsPage(body) {
  const { org, project } = state;
  const s = await api.settings(org.id, project.id);
  const editable = atLeast("admin");
  const instructions = h("textarea", { id: "custom-instructions", rows: "5", maxlength: "8192" });
  instructions.value = s.custom_instructions || "";
  const categories = h("input", { id: "categories", value: (s.categories || []).join(", "), autocomplete: "off" });
  const mode = h("select", { id: "extraction-mode" }, h("option", { value: "llm" }, "LLM when the platform has one (else offline rules)"),
    h("option", { value: "offline" }, "Offline only (never call an LLM)"));
  mode.value = s.extraction_mode || "llm";
  // The deployment's named LLM profiles (engram.llm.profiles.<name>); a stored name no longer configured stays visible.
  let profiles = [];
  try {
    profiles = (await api.llmProfiles(org.id, project.id)).profiles || [];
  } catch {
    profiles = [];
  }
  const profile = h("select", { id: "llm-profile" }, h("option", { value: "" }, "Default (the deployment's LLM)"),
    ...profiles.map((p) => h("option", { value: p }, p)));
  if (s.llm_profile && !profiles.includes(s.llm_profile)) {
    profile.append(h("option", { value: s.llm_profile }, `${s.llm_profile} (not configured: the default LLM is used)`));
  }
  profile.value = s.llm_profile || "";
  const provider = h("input", { id: "llm-provider", value: s.llm_provider || "", maxlength: "64", autocomplete: "off" });
  const model = h("input", { id: "llm-model", value: s.llm_model || "", maxlength: "128", autocomplete: "off" });
  const expiration = h("input", { id: "default-expiration", type: "number", min: "1", max: "3650", value: s.default_expiration_days ?? "" });
  const errors = h("div");
  const fieldset = h("fieldset", { disabled: !editable },
    h("legend", { class: "visually-hidden" }, "Settings"),
    field("Custom instructions", instructions, "Guidance for fact extraction, up to 8 KB."),
    field("Categories", categories, "Comma-separated, up to 50."),
    field("Extraction mode", mode, "Offline only keeps this project's conversations away from any LLM."),
    field("LLM profile", profile, "Which of the deployment's LLM profiles extracts and reconciles this project's adds."),
    field("LLM provider", provider),
    field("LLM model", model, "Provider and model are notes kept with the project; the LLM profile above chooses the model."),
    field("Default expiration (days)", expiration, "Empty: memories never expire."));
  const lastSaved = h("p", { class: "hint" }, `Last saved: ${formatDate(s.updated_at)}`);
  const form = h("form", { class: "card" }, fieldset, errors,
    editable ? h("button", { type: "submit" }, "Save settings") : h("p", { class: "hint" }, "Only admins and owners can change settings."),
    lastSaved);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const proposed = {
      custom_instructions: instructions.value || null,
      categories: categories.value.split(",").map((c) => c.trim()).filter(Boolean),
      extraction_mode: mode.value,
      llm_provider: provider.value.trim() || null,
      llm_model: model.value.trim() || null,
      llm_profile: profile.value || null,
      default_expiration_days: expiration.value ? Number(expiration.value) : null,
      webhooks: s.webhooks || [],
    };
    let saved;
    if (await attempt(errors, async () => (saved = await api.saveSettings(org.id, project.id, proposed)))) {
      lastSaved.textContent = `Last saved: ${formatDate(saved.updated_at)}`;
      announce("Settings saved.");
    }
  });
  body.append(h("p", { class: "lede" }, "Settings of project ", h("strong", {}, project.name), "."), form);
  await webhooksSection(body, editable);
  await exportsSection(body);
}

// ---- webhooks (the gateway's, as a Mem0 client's createWebhook makes them) -------------------------------------------
const WEBHOOK_EVENTS = ["memory_add", "memory_update", "memory_delete"];

async function webhooksSection(body, editable) {
  const { org, project } = state;
  const section = h("section", { class: "card", "aria-labelledby": "webhooks-title" }, h("h2", { id: "webhooks-title" }, "Webhooks"),
    h("p", { class: "hint" }, "Memory events are POSTed to each URL, signed with X-Engram-Signature (HMAC-SHA256 of X-Engram-Timestamp, a dot and the body, with the webhook's secret) and retried with backoff until the receiver answers 2xx."));
  const secretSlot = h("div");
  const list = h("div", { "aria-live": "polite" });
  const log = h("div", { "aria-live": "polite" });
  section.append(secretSlot, list, log);
  const load = async () => {
    let hooks;
    try {
      hooks = await api.webhooks(org.id, project.id);
    } catch (e) {
      list.replaceChildren(errorBox(e));
      return;
    }
    if (!hooks.length) {
      list.replaceChildren(h("p", { class: "empty" }, "No webhooks yet."));
      return;
    }
    list.replaceChildren(table("Webhooks", ["Name", "URL", "Events", "Status", "Actions"], hooks.map((w) => h("tr", {},
      h("th", { scope: "row" }, w.name),
      h("td", {}, h("code", {}, w.url)),
      h("td", {}, w.event_types.join(", ")),
      h("td", {}, w.is_active ? "active" : "paused"),
      h("td", { class: "row-actions" },
        h("button", { type: "button", onclick: () => showDeliveries(w) }, "Deliveries", h("span", { class: "visually-hidden" }, ` of ${w.name}`)),
        editable ? h("button", { type: "button", onclick: () => toggle(w) }, w.is_active ? "Pause" : "Resume") : null,
        editable ? h("button", { type: "button", class: "danger", onclick: () => remove(w) }, "Delete", h("span", { class: "visually-hidden" }, ` ${w.name}`)) : null)))));
  };
  const showDeliveries = async (w) => {
    log.replaceChildren(h("p", { class: "loading" }, "Loading…"));
    try {
      const entries = await api.webhookDeliveries(org.id, project.id, w.webhook_id);
      log.replaceChildren(h("h3", {}, `Deliveries of ${w.name}`), entries.length
        ? table(`Deliveries of ${w.name}`, ["Created", "Event", "Status", "Attempts", "Last HTTP status", "Last error", "Next attempt"], entries.map((d) => h("tr", {},
          h("td", { class: "date" }, formatDate(d.created_at)),
          h("td", {}, d.event),
          h("td", {}, d.status),
          h("td", {}, String(d.attempts)),
          h("td", {}, d.last_status_code == null ? "—" : String(d.last_status_code)),
          h("td", {}, d.last_error || "—"),
          h("td", { class: "date" }, d.status === "PENDING" ? formatDate(d.next_attempt_at) : "—"))))
        : h("p", { class: "empty" }, "No deliveries yet."));
    } catch (e) {
      log.replaceChildren(errorBox(e));
    }
  };
  const toggle = async (w) => {
    if (await attempt(log, () => api.updateWebhook(org.id, project.id, w.webhook_id, { is_active: !w.is_active }))) await load();
  };
  const remove = async (w) => {
    if (!(await confirmAction(`Delete webhook ${w.name}?`, `${w.url} gets no more memory events, and its delivery log is deleted.`, "Delete webhook"))) return;
    if (await attempt(log, () => api.deleteWebhook(org.id, project.id, w.webhook_id))) {
      announce(`Webhook ${w.name} deleted.`);
      await load();
    }
  };
  if (editable) {
    const name = h("input", { id: "webhook-name", required: true, maxlength: "256", autocomplete: "off" });
    const url = h("input", { id: "webhook-url", type: "url", required: true, maxlength: "2048", autocomplete: "off" });
    const events = WEBHOOK_EVENTS.map((e) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "webhook-events", value: e, checked: true }), " ", e));
    const errors = h("div");
    const form = h("form", { "aria-labelledby": "new-webhook-title" }, h("h3", { id: "new-webhook-title" }, "Add a webhook"),
      field("Name", name), field("URL", url, "http or https; private and loopback addresses are refused unless the platform allows them."),
      h("fieldset", {}, h("legend", {}, "Events"), events), errors, h("button", { type: "submit" }, "Add webhook"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = [...form.querySelectorAll("input[name=webhook-events]:checked")].map((c) => c.value);
      let created;
      if (await attempt(errors, async () => (created = await api.createWebhook(org.id, project.id, { name: name.value.trim(), url: url.value.trim(), event_types: chosen })))) {
        name.value = "";
        url.value = "";
        secretSlot.replaceChildren(h("div", { class: "secret-panel" }, h("p", {}, h("strong", {}, "Signing secret of ", created.name, " (shown only now): ")),
          h("input", { id: "new-webhook-secret", readonly: true, value: created.secret, class: "secret", spellcheck: "false", "aria-label": "Signing secret" })));
        announce(`Webhook ${created.name} added. Copy its signing secret now; it is shown only once.`);
        await load();
      }
    });
    section.append(form);
  }
  body.append(section);
  await load();
}

// ---- memory exports (the gateway's /v1/exports/ jobs, as a Mem0 client's createMemoryExport makes them) -------------
async function exportsSection(body) {
  const { org, project } = state;
  const section = h("section", { class: "card", "aria-labelledby": "exports-title" }, h("h2", { id: "exports-title" }, "Export"),
    h("p", { class: "hint" }, "Writes every memory of the project (or of one end user) with its sources and history to a JSON file, in the background. An administrator can restore the file into another project (docs/operations.md#memory-exports)."));
  const errors = h("div", { "aria-live": "polite" });
  const bar = h("progress", { id: "export-progress", max: "1", value: "0", "aria-label": "Export progress" });
  const status = h("p", { id: "export-status", class: "hint", "aria-live": "polite" });
  const download = h("div");
  const user = h("input", { id: "export-user", maxlength: "256", autocomplete: "off", placeholder: "every end user" });
  const button = h("button", { type: "submit", id: "export-start" }, "Export memories");
  const form = h("form", { "aria-labelledby": "exports-title" }, field("End user (optional)", user), errors, button);
  const show = (job) => {
    bar.value = job.progress ?? 0;
    status.textContent = job.status === "FAILED" ? `Export failed: ${job.error}`
      : `${job.status === "COMPLETED" ? "Export ready" : "Exporting"}: ${job.processed} of ${job.total} memories (${Math.round((job.progress ?? 0) * 100)} %).`;
    if (job.status !== "COMPLETED") return;
    const link = h("button", { type: "button", id: "export-download" }, "Download JSON");
    link.addEventListener("click", async () => {
      let data;
      if (!(await attempt(errors, async () => (data = await api.downloadExport(org.id, project.id, job.id))))) return;
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = h("a", { href: url, download: `engram-export-${project.id}-${job.id}.json` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    download.replaceChildren(link);
  };
  const follow = async (id) => {
    download.replaceChildren();
    for (;;) {
      let job;
      if (!(await attempt(errors, async () => (job = await api.exportStatus(org.id, project.id, id))))) return;
      show(job);
      if (job.status === "COMPLETED" || job.status === "FAILED") {
        announce(job.status === "COMPLETED" ? "Export ready to download." : "Export failed.");
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let created;
    button.disabled = true;
    try {
      if (await attempt(errors, async () => (created = await api.startExport(org.id, project.id, user.value.trim())))) await follow(created.id);
    } finally {
      button.disabled = false;
    }
  });
  section.append(form, bar, status, download);
  body.append(section);
  try {
    const recent = await api.exports(org.id, project.id);
    if (recent.length > 0) {
      show(recent[0]);
      if (recent[0].status === "PENDING" || recent[0].status === "RUNNING") follow(recent[0].id);
    }
  } catch (e) {
    errors.replaceChildren(errorBox(e));
  }
}

// ---- audit log (owners) -------------------------------------------------------------------------------------------
async function auditPage(body) {
  const org = state.org;
  if (!atLeast("owner")) {
    body.append(h("p", {}, `Only owners of ${org.name} can read its audit log.`));
    return;
  }
  const page = await api.audit(org.id, auditPageNumber, AUDIT_PAGE_SIZE);
  const rows = page.results.map((e) => h("tr", {},
    h("th", { scope: "row" }, formatDate(e.at)),
    h("td", {}, e.actor_email || e.actor_subject),
    h("td", {}, h("code", {}, e.action)),
    h("td", {}, e.target),
    h("td", {}, e.detail || "—")));
  const pages = Math.max(1, Math.ceil(page.count / AUDIT_PAGE_SIZE));
  const pager = h("p", { class: "row-actions" },
    h("button", { type: "button", class: "secondary", disabled: auditPageNumber <= 1,
      onclick: () => { auditPageNumber -= 1; render(false); } }, "Newer"),
    ` Page ${auditPageNumber} of ${pages} `,
    h("button", { type: "button", class: "secondary", disabled: auditPageNumber >= pages,
      onclick: () => { auditPageNumber += 1; render(false); } }, "Older"));
  body.append(
    h("p", { class: "lede" }, `Administrative actions in ${org.name}, newest first: keys created and revoked, projects created and deleted, members and roles changed.`),
    page.results.length ? table("Audit log", ["When", "Who", "Action", "Target", "Detail"], rows) : h("p", {}, "Nothing recorded yet."));
  if (page.count > AUDIT_PAGE_SIZE) body.append(pager);
}

// ---- members and invitations --------------------------------------------------------------------------------------
async function membersPage(body) {
  const org = state.org;
  const members = await api.members(org.id);
  const errors = h("div");
  const rows = members.map((m) => {
    const isMe = m.subject === state.me.subject;
    const canManage = atLeast("admin") && !isMe && (m.role !== "owner" || atLeast("owner"));
    let roleCell = m.role;
    if (canManage) {
      const select = h("select", { id: `role-${m.subject}`, "aria-label": `Role of ${m.display_name || m.email}` },
        ROLES.filter((r) => r !== "owner" || atLeast("owner")).map((r) => h("option", { value: r }, r)));
      select.value = m.role;
      select.addEventListener("change", async () => {
        if (await attempt(errors, () => api.changeRole(org.id, m.subject, select.value))) announce(`${m.display_name || m.email} is now ${select.value}.`);
        else select.value = m.role;
      });
      roleCell = select;
    }
    return h("tr", {},
      h("th", { scope: "row" }, m.display_name || "—", isMe ? h("span", { class: "badge" }, "you") : null),
      h("td", {}, m.email || "—"),
      h("td", {}, roleCell),
      h("td", {}, formatDate(m.joined_at)),
      h("td", { class: "row-actions" }, canManage ? h("button", { type: "button", class: "danger", onclick: () => removeMember(m) },
        "Remove", h("span", { class: "visually-hidden" }, ` ${m.display_name || m.email}`)) : null));
  });
  body.append(errors, h("h2", {}, "Members"),
    table("Members", ["Name", "E-mail", "Role", "Joined", "Actions"], rows));
  if (state.me.local_administrator) {
    body.append(h("p", { class: "hint" }, "This Engram runs standalone, without an identity provider: the local administrator is "
      + "its only member. Invitations need sign-in through an identity provider (OIDC), as in the distributed platform."));
    return;
  }
  if (!atLeast("admin")) return;
  const invitations = await api.invitations(org.id);
  const memberName = new Map(members.map((m) => [m.subject, m.display_name || m.email]));
  const invRows = invitations.map((i) => h("tr", {},
    h("th", { scope: "row" }, i.email), h("td", {}, i.role), h("td", {}, memberName.get(i.invited_by) || i.invited_by || "—"), h("td", {}, formatDate(i.created_at)),
    h("td", { class: "row-actions" }, h("button", { type: "button", class: "secondary", onclick: () => withdraw(i) },
      "Withdraw", h("span", { class: "visually-hidden" }, ` the invitation of ${i.email}`)))));
  const email = h("input", { id: "invite-email", type: "email", required: true, autocomplete: "off" });
  const role = h("select", { id: "invite-role" }, ROLES.filter((r) => r !== "owner" || atLeast("owner")).map((r) => h("option", { value: r }, r)));
  role.value = "member";
  const inviteErrors = h("div");
  const form = h("form", { class: "card", "aria-labelledby": "invite-title" },
    h("h2", { id: "invite-title" }, "Invite someone"),
    field("E-mail address", email, "They join when they first sign in with this address, once their identity provider has verified it."),
    field("Role", role), inviteErrors, h("button", { type: "submit" }, "Send invitation"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (await attempt(inviteErrors, () => api.invite(org.id, email.value.trim(), role.value))) {
      announce(`${email.value.trim()} is invited as ${role.value}.`);
      render(false);
    }
  });
  body.append(h("h2", {}, "Pending invitations"),
    invitations.length ? table("Pending invitations", ["E-mail", "Role", "Invited by", "Sent", "Actions"], invRows)
      : h("p", {}, "No pending invitations."),
    form);
}

async function removeMember(m) {
  const who = m.display_name || m.email || m.subject;
  if (!(await confirmAction(`Remove ${who}?`, `${who} loses access to ${state.org.name}.`, "Remove member"))) return;
  try {
    await api.removeMember(state.org.id, m.subject);
    announce(`${who} removed.`);
    render(false);
  } catch (e) {
    main.querySelector(".page-body").prepend(errorBox(e));
  }
}

async function withdraw(i) {
  try {
    await api.withdraw(state.org.id, i.id);
    announce(`The invitation of ${i.email} is withdrawn.`);
    render(false);
  } catch (e) {
    main.querySelector(".page-body").prepend(errorBox(e));
  }
}

// ---- organisation ---------------------------------------------------------------------------------------------------
async function organisationPage(body) {
  const org = state.org;
  body.append(h("p", { class: "lede" }, "You are ", h("strong", {}, org.role), " of ", h("strong", {}, org.name), "."));
  if (atLeast("admin")) {
    const name = h("input", { id: "org-name", value: org.name, required: true, maxlength: "100" });
    const errors = h("div");
    const form = h("form", { class: "card", "aria-labelledby": "rename-title" },
      h("h2", { id: "rename-title" }, "Rename"), field("Organisation name", name), errors, h("button", { type: "submit" }, "Rename"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (await attempt(errors, () => api.renameOrg(org.id, name.value.trim()))) {
        await loadOrgs(org.id);
        announce("Organisation renamed.");
        render(false);
      }
    });
    body.append(form);
  }
  body.append(newOrgForm());
  const errors = h("div");
  const danger = h("section", { class: "card danger-zone", "aria-labelledby": "danger-title" },
    h("h2", { id: "danger-title" }, "Leave or delete"), errors,
    h("button", { type: "button", class: "secondary", onclick: () => leave(errors) }, "Leave organisation"), " ",
    atLeast("owner") ? h("button", { type: "button", class: "danger", onclick: () => deleteOrg(errors) }, "Delete organisation") : null);
  body.append(danger);
}

function newOrgForm() {
  const name = h("input", { id: "new-org-name", required: true, maxlength: "100", autocomplete: "organization" });
  const errors = h("div");
  const form = h("form", { class: "card", "aria-labelledby": "new-org-title" },
    h("h2", { id: "new-org-title" }, "New organisation"), field("Name", name), errors, h("button", { type: "submit" }, "Create organisation"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let created;
    if (await attempt(errors, async () => (created = await api.createOrg(name.value.trim())))) {
      await loadOrgs(created.id);
      announce(`Organisation ${created.name} created with a default project.`);
      location.hash = "#/projects";
      render();
    }
  });
  return form;
}

async function leave(errors) {
  const org = state.org;
  if (!(await confirmAction(`Leave ${org.name}?`, "You lose access until someone invites you again.", "Leave"))) return;
  if (await attempt(errors, () => api.leaveOrg(org.id))) {
    await loadOrgs(null);
    announce(`You left ${org.name}.`);
    render();
  }
}

async function deleteOrg(errors) {
  const org = state.org;
  if (!(await confirmAction(`Delete ${org.name}?`, "Every project's API keys are revoked, its memories, history and events are erased, and the organisation is deleted for all its members.", "Delete organisation"))) return;
  if (await attempt(errors, () => api.deleteOrg(org.id))) {
    await loadOrgs(null);
    announce(`${org.name} deleted.`);
    render();
  }
}

start();
