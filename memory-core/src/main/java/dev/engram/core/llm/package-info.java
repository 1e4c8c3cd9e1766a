/**
 * LLM mode: Mem0's classic two-phase add pipeline on LangChain4j.
 *
 * <ol>
 *   <li>{@link dev.engram.core.llm.LlmExtractor} (phase 1) asks the model for the facts of a conversation, with dates,
 *       single-valued attributes, categories and source messages;</li>
 *   <li>{@link dev.engram.core.llm.LlmReconciler} (phase 2) shows it the similar existing memories under temporary ids
 *       and maps its ADD / UPDATE / DELETE / NONE answer back to Engram decisions (a DELETE replaced by a new fact becomes
 *       a SUPERSEDE, so history is kept).</li>
 * </ol>
 * Both phases go through one bounded exchange ({@code JsonChat}): strict JSON parsing, one corrective retry, then the
 * offline implementation as fallback; at most two calls per phase, and never an exception because of the model.
 * {@link dev.engram.core.llm.ChatModels} builds the model from {@link dev.engram.core.llm.LlmSettings}.
 */
package dev.engram.core.llm;
