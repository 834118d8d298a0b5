// What crosses between the main thread and a parse worker: plain data and transferred sample buffers.
import { InputError, UsageError } from "../errors.js";
import type { BlockSummaries, Chunk } from "../trace.js";
import type { InputInfo, ParseOptions, ParseSummary } from "./types.js";

/**
 * Chunks lent to the main thread at most. Each holds chunkSize samples (17 bytes each), so memory stays
 * bounded (8 x ~1.1 MB); 8 lets the parser run ahead of the detector by a few chunks without ever waiting
 * on it, and leaves the backlog the worker's block summaries are judged by (docs/archives.md).
 */
export const CHUNKS_IN_FLIGHT = 8;

export interface ParseJob {
  file: string;
  options: ParseOptions;
  besides?: BesideParser;
}

/**
 * Work a parse worker does on each chunk beside parsing, for the stage after it (the detector's
 * block summaries): `module` (a path relative to the worker script) exports
 * `besideParser(settings)`, whose push(chunk) returns what travels with that chunk (Chunk.blocks).
 * The parser itself knows nothing of what is computed.
 */
export interface BesideParser {
  module: string;
  settings: Record<string, number>;
}

/** What a besideParser module makes. */
export interface ChunkCompanion {
  /**
   * What travels with this chunk. `consumerBusy`: the consumer still holds earlier chunks, so work
   * done here saves it time; when it is waiting for this chunk, the companion may leave the work to
   * it (the consumer must do the same work itself for any chunk that comes without).
   */
  push(chunk: Chunk, consumerBusy: boolean): BlockSummaries | undefined;
  /**
   * What it made of the whole input, once the last chunk has been pushed: plain data, sent with the
   * end message and handed out by OpenedTrace.besidesResult(). The buffers in `transfer` move to the
   * consumer instead of being copied (a long trace's logs would otherwise exist twice at the end).
   */
  finish?(): { result: unknown; transfer: ArrayBuffer[] };
}

/** An error as plain data, so the main thread can throw the very same one-line error. */
export type WireError =
  | { kind: "input"; file: string; detail: string; line?: number }
  | { kind: "usage"; message: string }
  | { kind: "internal"; message: string };

export type FromParser =
  | { type: "info"; info: InputInfo }
  | { type: "chunk"; time_s: ArrayBuffer; current_A: ArrayBuffer; flags: ArrayBuffer; length: number; blocks?: WireBlocks }
  | { type: "end"; summary: ParseSummary; besides?: unknown }
  | { type: "error"; error: WireError };

/** Chunk.blocks with its values' buffer transferred */
export interface WireBlocks {
  block: number;
  first: number;
  count: number;
  values: ArrayBuffer;
}

/**
 * To the worker: an input to read (`id` tags everything the worker sends about it; jobs sent while it
 * reads another wait their turn), a job no longer wanted, or a chunk's buffers going back for reuse.
 */
export type ToParser =
  | { type: "job"; id: number; job: ParseJob }
  | { type: "cancel"; job: number }
  | { type: "back"; job: number; time_s: ArrayBuffer; current_A: ArrayBuffer; flags: ArrayBuffer };

/** What the worker sends, tagged with the job it is about (a reused worker reads many inputs in turn). */
export type FromParserTagged = FromParser & { job: number };

export function toWire(err: unknown): WireError {
  if (err instanceof InputError) return { kind: "input", file: err.file, detail: err.detail, ...(err.line !== undefined ? { line: err.line } : {}) };
  if (err instanceof UsageError) return { kind: "usage", message: err.message };
  return { kind: "internal", message: err instanceof Error ? err.message : String(err) };
}

export function fromWire(e: WireError): Error {
  if (e.kind === "input") return new InputError(e.file, e.detail, e.line);
  if (e.kind === "usage") return new UsageError(e.message);
  return new Error(e.message);
}

/** Only the parse options cross (AnalyzeOptions also carries observers, which are functions). */
export function parseOptionsOf(o: ParseOptions): ParseOptions {
  const out: ParseOptions = {};
  if (o.timeCol !== undefined) out.timeCol = o.timeCol;
  if (o.currentCol !== undefined) out.currentCol = o.currentCol;
  if (o.timeUnit !== undefined) out.timeUnit = o.timeUnit;
  if (o.currentUnit !== undefined) out.currentUnit = o.currentUnit;
  if (o.rate_hz !== undefined) out.rate_hz = o.rate_hz;
  if (o.chunkSize !== undefined) out.chunkSize = o.chunkSize;
  return out;
}
