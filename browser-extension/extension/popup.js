import { load, save } from "./settings.js";
import { forget, recall } from "./engram.js";

const paused = document.getElementById("paused");
const form = document.getElementById("search");
const status = document.getElementById("status");
const results = document.getElementById("results");

paused.checked = (await load()).paused;
paused.addEventListener("change", () => save({ paused: paused.checked }));

function render(memories) {
  results.replaceChildren(...memories.map((m) => {
    const item = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = m.memory;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", `Delete memory: ${m.memory}`);
    remove.addEventListener("click", async () => {
      try {
        await forget(m.id);
        item.remove();
        status.textContent = "Deleted.";
      } catch (e) {
        status.textContent = e.message;
      }
    });
    item.append(text, remove);
    return item;
  }));
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "";
  try {
    const memories = await recall(form.query.value.trim(), 20);
    render(memories);
    if (!memories.length) status.textContent = "No memories match.";
  } catch (e) {
    render([]);
    status.textContent = e.message;
  }
});
