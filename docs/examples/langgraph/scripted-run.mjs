// The example's test (run by LangGraphExampleIT against a real Engram): the memory agent with a scripted chat model.
// Turn 1 states a preference; Engram stores it; turn 2, in a new conversation, asks about front-end work and the
// model must be given the remembered preference in its prompt, so its answer can use it.
import { MemoryClient } from "mem0ai";
import { SimpleChatModel } from "@langchain/core/language_models/chat_models";
import { chat, memoryAgent } from "./memory-agent.mjs";

const HOST = process.env.ENGRAM_URL;
const API_KEY = process.env.ENGRAM_API_KEY;
if (!HOST || !API_KEY) throw new Error("set ENGRAM_URL and ENGRAM_API_KEY");

/** A chat model that answers from its system prompt: it names the front-end stack it was told the user prefers. */
class ScriptedChatModel extends SimpleChatModel {
  prompts = [];
  _llmType() {
    return "scripted";
  }
  async _call(messages) {
    const system = messages.find((m) => m._getType() === "system")?.content ?? "";
    this.prompts.push(system);
    const stack = ["React", "TypeScript", "Vue", "Angular"].filter((s) => system.includes(s));
    return stack.length ? `For front-end work, use ${stack.join(" and ")}, as you prefer.` : "Noted.";
  }
}

function check(condition, message, detail) {
  if (!condition) {
    console.error(`FAIL ${message}`, detail === undefined ? "" : JSON.stringify(detail));
    process.exit(1);
  }
  console.log(`ok   ${message}`);
}

const memory = new MemoryClient({ apiKey: API_KEY, host: HOST });
const model = new ScriptedChatModel({});
const agent = memoryAgent({ model, memory });
const user = `langgraph_${Date.now().toString(36)}`;

const first = await chat(agent, user, "用户偏好使用React和TypeScript开发");
check(first.memories.length === 0, "turn 1: a new user has no memories yet", first.memories);
check(first.reply.content === "Noted.", "turn 1: the scripted model answered", first.reply.content);

// The add is processed in the background: wait until the preference is searchable.
const deadline = Date.now() + 30_000;
let found = [];
while (Date.now() < deadline) {
  ({ results: found } = await memory.search("前端开发", { filters: { user_id: user } }));
  if (found.some((r) => r.memory.includes("React"))) break;
  await new Promise((r) => setTimeout(r, 250));
}
check(found.some((r) => r.memory.includes("React")), "the exchange was stored and the preference is searchable", found.map((r) => r.memory));

const second = await chat(agent, user, "前端开发");
check(second.memories[0]?.includes("React") && second.memories[0]?.includes("TypeScript"),
  "turn 2: recall puts the React/TypeScript preference first", second.memories);
check(model.prompts.at(-1).includes("React"), "turn 2: the model's system prompt carries the memory", model.prompts.at(-1));
check(String(second.reply.content).includes("React and TypeScript"), "turn 2: the answer uses it", second.reply.content);

const other = await chat(agent, `${user}_other`, "前端开发");
check(other.memories.length === 0, "another user recalls nothing of it", other.memories);
console.log("langgraph example: all checks passed");
