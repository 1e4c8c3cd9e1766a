// The dashboard API as the console calls it: same origin, the session cookie, and the console header that the server
// requires on cookie-authenticated calls (cross-site request forgery defence; docs/dashboard.md#console).

/** An API error: the problem+json `detail` when the server sent one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export async function api(method, path, body) {
  const headers = { "X-Requested-With": "JavaScript", Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // 499: the session ended (Quarkus answers scripts so instead of redirecting them); a reload signs in again. At most
  // one automatic reload in 30 s, so a session the API keeps refusing shows an error instead of a reload loop.
  if (response.status === 499 || response.status === 401) {
    const last = Number(sessionStorage.getItem("engram.reloaded-at") || 0);
    if (Date.now() - last > 30000) {
      sessionStorage.setItem("engram.reloaded-at", String(Date.now()));
      window.location.reload();
    }
    throw new ApiError(response.status, "Your session has ended. Reload the page to sign in again.");
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const detail = data && typeof data.detail === "string" ? data.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return data;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const enc = encodeURIComponent;

export const endpoints = {
  me: () => api("GET", "/me"),
  orgs: () => api("GET", "/orgs"),
  createOrg: (name) => api("POST", "/orgs", { name }),
  renameOrg: (org, name) => api("PATCH", `/orgs/${enc(org)}`, { name }),
  deleteOrg: (org) => api("DELETE", `/orgs/${enc(org)}`),
  leaveOrg: (org) => api("POST", `/orgs/${enc(org)}/leave`),
  members: (org) => api("GET", `/orgs/${enc(org)}/members`),
  changeRole: (org, subject, role) => api("PATCH", `/orgs/${enc(org)}/members/${enc(subject)}`, { role }),
  removeMember: (org, subject) => api("DELETE", `/orgs/${enc(org)}/members/${enc(subject)}`),
  invitations: (org) => api("GET", `/orgs/${enc(org)}/invitations`),
  invite: (org, email, role) => api("POST", `/orgs/${enc(org)}/invitations`, { email, role }),
  withdraw: (org, id) => api("DELETE", `/orgs/${enc(org)}/invitations/${enc(id)}`),
  audit: (org, page, pageSize) => api("GET", `/orgs/${enc(org)}/audit?page=${page}&page_size=${pageSize}`),
  projects: (org) => api("GET", `/orgs/${enc(org)}/projects`),
  createProject: (org, name, projectId) => api("POST", `/orgs/${enc(org)}/projects`, projectId ? { name, project_id: projectId } : { name }),
  deleteProject: (org, project) => api("DELETE", `/orgs/${enc(org)}/projects/${enc(project)}`),
  keys: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/keys`),
  createKey: (org, project, name, scopes, defaultUserId) =>
    api("POST", `/orgs/${enc(org)}/projects/${enc(project)}/keys`, { name, scopes, default_user_id: defaultUserId || null }),
  setKeyDefaultUser: (org, project, id, defaultUserId) =>
    api("PATCH", `/orgs/${enc(org)}/projects/${enc(project)}/keys/${enc(id)}`, { default_user_id: defaultUserId || null }),
  revokeKey: (org, project, id) => api("DELETE", `/orgs/${enc(org)}/projects/${enc(project)}/keys/${enc(id)}`),
  settings: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/settings`),
  saveSettings: (org, project, settings) => api("PUT", `/orgs/${enc(org)}/projects/${enc(project)}/settings`, settings),
  llmProfiles: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/llm-profiles`),
  webhooks: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/webhooks`),
  createWebhook: (org, project, body) => api("POST", `/orgs/${enc(org)}/projects/${enc(project)}/webhooks`, body),
  updateWebhook: (org, project, id, body) => api("PUT", `/orgs/${enc(org)}/projects/${enc(project)}/webhooks/${enc(id)}`, body),
  deleteWebhook: (org, project, id) => api("DELETE", `/orgs/${enc(org)}/projects/${enc(project)}/webhooks/${enc(id)}`),
  webhookDeliveries: (org, project, id) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/webhooks/${enc(id)}/deliveries`),
  exports: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/exports`),
  startExport: (org, project, userId) => api("POST", `/orgs/${enc(org)}/projects/${enc(project)}/exports`, userId ? { user_id: userId } : {}),
  exportStatus: (org, project, id) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/exports/${enc(id)}`),
  downloadExport: (org, project, id) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/exports/${enc(id)}/download`),
  analytics: (org, project, granularity) =>
    api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/analytics?granularity=${enc(granularity)}`),
  memoryUsers: (org, project) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/memories/users`),
  memories: (org, project, user, page, pageSize) =>
    api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/memories?user_id=${enc(user)}&page=${page}&page_size=${pageSize}`),
  searchMemories: (org, project, user, query, topK) =>
    api("POST", `/orgs/${enc(org)}/projects/${enc(project)}/memories/search`, { user_id: user, query, top_k: topK }),
  memory: (org, project, id) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/memories/${enc(id)}`),
  memoryHistory: (org, project, id) => api("GET", `/orgs/${enc(org)}/projects/${enc(project)}/memories/${enc(id)}/history`),
  deleteMemory: (org, project, id) => api("DELETE", `/orgs/${enc(org)}/projects/${enc(project)}/memories/${enc(id)}`),
};
