// Small DOM helpers: element builder, announcements for screen readers, the confirmation dialog, dates, SVG charts.

/** Builds an element: h("button", {type: "button", onclick: f}, "Save"). Text children are escaped (text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else if (name in el && typeof value !== "string") el[name] = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Says something to screen readers (the polite live region) and shows it briefly. */
export function announce(message) {
  const status = document.getElementById("status");
  status.textContent = "";
  // a new text node after a clear: repeated messages are announced again
  requestAnimationFrame(() => {
    status.textContent = message;
  });
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => (status.textContent = ""), 6000);
}

/** An error box (role=alert) with the API's problem detail. */
export function errorBox(error) {
  return h("div", { class: "error", role: "alert" }, h("strong", {}, "Error: "), error.message || String(error));
}

/** Runs an action and shows its error inside `slot` (cleared first). Returns whether it succeeded. */
export async function attempt(slot, action) {
  slot.replaceChildren();
  try {
    await action();
    return true;
  } catch (e) {
    slot.replaceChildren(errorBox(e));
    return false;
  }
}

/** The confirmation dialog (a modal <dialog>: focus stays inside, Escape cancels). Resolves true when confirmed. */
export function confirmAction(title, text, confirmLabel) {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("#confirm-title").textContent = title;
  dialog.querySelector("#confirm-text").textContent = text;
  dialog.querySelector("#confirm-ok").textContent = confirmLabel;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
  });
}

export function formatDate(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  // the year only when it is not this year: keeps date columns narrow
  const options = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  if (d.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
  return d.toLocaleString(undefined, options);
}

/** A labelled form field: label + control, the control's id derived from `id`. */
export function field(labelText, control, hint) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" },
    h("label", { for: control.id }, labelText),
    control,
    hint ? h("p", { class: "hint", id: hintId }, hint) : null);
}

/** A data table with a caption for screen readers, inside a box that scrolls sideways when the table is wider than it. */
export function table(caption, headers, rows) {
  return h("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: "0" }, h("table", {},
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, headers.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows)));
}

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * One series as an SVG line chart: time on x, value on y (from 0), with its latest value and total in the text
 * alternative, since a chart says nothing to a screen reader.
 */
export function lineChart(series) {
  const width = 560, height = 200, left = 44, right = 12, top = 12, bottom = 28;
  const points = (series.points || []).map((p) => ({ t: new Date(p.t).getTime(), v: Number(p.v) || 0 }))
    .filter((p) => !isNaN(p.t)).sort((a, b) => a.t - b.t);
  const total = points.reduce((sum, p) => sum + p.v, 0);
  const max = Math.max(1, ...points.map((p) => p.v));
  const t0 = points.length ? points[0].t : 0;
  const t1 = points.length > 1 ? points[points.length - 1].t : t0 + 1;
  const x = (t) => left + ((t - t0) / (t1 - t0 || 1)) * (width - left - right);
  const y = (v) => top + (1 - v / max) * (height - top - bottom);
  const titleId = `chart-${series.name.replace(/[^a-z0-9]+/gi, "-")}`;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId, class: "chart" },
    s("title", { id: titleId }, `${series.name.replace(/_/g, " ")}: ${points.length} points, total ${formatNumber(total)}, highest ${formatNumber(max)}`));
  for (const frac of [0, 0.5, 1]) {
    const v = max * frac;
    svg.append(s("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, formatNumber(v)));
  }
  if (points.length) {
    svg.append(s("text", { x: left, y: height - 8, class: "axis" }, shortTime(t0)),
      s("text", { x: width - right, y: height - 8, "text-anchor": "end", class: "axis" }, shortTime(t1)));
    const d = points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
    svg.append(s("path", { d, class: "line" }));
    for (const p of points) svg.append(s("circle", { cx: x(p.t), cy: y(p.v), r: 3, class: "dot" }));
  }
  const label = series.name.replace(/_/g, " ");
  const unit = series.unit ? ` ${series.unit}` : "";
  return h("figure", { class: "chart-card" },
    h("figcaption", {}, label, " ", h("span", { class: "total" }, `total ${formatNumber(total)}${unit}`)), svg);
}

function formatNumber(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function shortTime(ms) {
  return new Date(ms).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
