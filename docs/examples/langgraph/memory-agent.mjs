// A LangGraph.js agent with long-term memory in Engram, through the official Mem0 client (mem0ai).
// The graph: recall (search Engram for the user's question) -> answer (the chat model, with the memories in its
// system prompt) -> remember (store the exchange; Engram extracts and reconciles the facts in the background).
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";

const MemoryState = Annotation.Root({
  ...MessagesAnnotation.spec,
  userId: Annotation(),
  memories: Annotation(),
});

const text = (message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content));

/**
 * @param {object} options
 * @param {import("@langchain/core/language_models/chat_models").BaseChatModel} options.model any LangChain chat model
 * @param {import("mem0ai").MemoryClient} options.memory a Mem0 client pointed at Engram (host = the Engram URL)
 * @param {number} [options.topK] memories recalled per turn
 */
export function memoryAgent({ model, memory, topK = 5 }) {
  async function recall(state) {
    const question = text(state.messages.at(-1));
    const { results } = await memory.search(question, { filters: { user_id: state.userId }, topK });
    return { memories: results.map((r) => r.memory) };
  }

  async function answer(state) {
    const known = state.memories.length ? state.memories.map((m) => `- ${m}`).join("\n") : "(nothing yet)";
    const system = new SystemMessage(`You are a helpful assistant. What you remember about this user:\n${known}`);
    const reply = await model.invoke([system, ...state.messages]);
    return { messages: [reply] };
  }

  async function remember(state) {
    const [question, reply] = state.messages.slice(-2);
    await memory.add(
      [
        { role: "user", content: text(question) },
        { role: "assistant", content: text(reply) },
      ],
      { userId: state.userId },
    );
    return {};
  }

  return new StateGraph(MemoryState)
    .addNode("recall", recall)
    .addNode("answer", answer)
    .addNode("remember", remember)
    .addEdge(START, "recall")
    .addEdge("recall", "answer")
    .addEdge("answer", "remember")
    .addEdge("remember", END)
    .compile();
}

/** One turn: the user's message in, the agent's reply (an AIMessage) out. */
export async function chat(agent, userId, message) {
  const state = await agent.invoke({ messages: [new HumanMessage(message)], userId, memories: [] });
  return { reply: state.messages.at(-1), memories: state.memories };
}

export { AIMessage };
