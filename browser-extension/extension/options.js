import { SITES, load, normaliseUrl, save } from "./settings.js";

const form = document.getElementById("settings");
const status = document.getElementById("status");

const settings = await load();
form.engramUrl.value = settings.engramUrl;
form.apiKey.value = settings.apiKey;
form.userId.value = settings.userId;
form.paused.checked = settings.paused;
for (const site of Object.keys(SITES)) form[`site-${site}`].checked = settings.sites[site] !== false;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { url, error } = normaliseUrl(form.engramUrl.value);
  if (error) {
    status.textContent = error;
    return;
  }
  const origin = `${new URL(url).origin}/*`;
  // localhost and 127.0.0.1 are granted at install; any other Engram host is asked for once, here.
  if (!(await chrome.permissions.contains({ origins: [origin] })) && !(await chrome.permissions.request({ origins: [origin] }))) {
    status.textContent = `The extension needs your permission to reach ${url}.`;
    return;
  }
  await save({
    engramUrl: url,
    apiKey: form.apiKey.value.trim(),
    userId: form.userId.value.trim(),
    paused: form.paused.checked,
    sites: Object.fromEntries(Object.keys(SITES).map((site) => [site, form[`site-${site}`].checked])),
  });
  status.textContent = "Saved.";
});
