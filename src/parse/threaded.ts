// openTrace on a worker thread: the input is parsed there while the caller (the detector) works on
// the previous chunks, so a single input uses two cores. Same info, chunks, summary and errors.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Chunk } from "../trace.js";
import { openTrace } from "./index.js";
import type { OpenedTrace, ParseOptions, ParseSummary } from "./types.js";
import { fromWire, parseOptionsOf, type BesideParser, type FromParser, type ParseJob, type ToParser } from "./wire.js";

/**
 * Compiled worker script. Under the TypeScript sources (tests) the built copy in dist/ is used when
 * present; without it the parse stays on the calling thread (same results, one core).
 */
export function parseWorkerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return path.join(path.dirname(here), "worker.js");
  const built = path.resolve(path.dirname(here), "../../dist/src/parse/worker.js");
  return existsSync(built) ? built : null;
}

/**
 * Below this size a parse thread costs more than it saves: starting a worker takes ~0.1 s, about what
 * parsing 16 MB takes. Stdin's size is unknown (pipelines usually carry big traces): it gets the thread.
 */
export const PARSE_THREAD_MIN_BYTES = 16e6;

export function worthAParseThread(file: string): boolean {
  if (file === "-") return true;
  try {
    return statSync(file).size >= PARSE_THREAD_MIN_BYTES;
  } catch {
    return false;
  }
}

/** Messages from the worker, taken one at a time. */
class Inbox {
  private queue: FromParser[] = [];
  private waiting: ((m: FromParser) => void) | null = null;
  put(m: FromParser): void {
    const w = this.waiting;
    if (w) { this.waiting = null; w(m); } else this.queue.push(m);
  }
  next(): Promise<FromParser> {
    const m = this.queue.shift();
    return m ? Promise.resolve(m) : new Promise((r) => { this.waiting = r; });
  }
}

/**
 * Like openTrace; the caller must drain (or break out of) chunks(): that is what ends the worker.
 * `besides`: work for the worker to do on each chunk as well (its result comes as Chunk.blocks, and
 * what it made of the whole input from besidesResult()). Without a built worker script the parse
 * stays here and the trace has no besidesResult: the caller then does that work itself.
 */
export async function openTraceThreaded(file: string, options: ParseOptions = {}, besides?: BesideParser): Promise<OpenedTrace> {
  const script = parseWorkerScript();
  if (script === null) return openTrace(file, options);
  const job: ParseJob = { file, options: parseOptionsOf(options), ...(besides ? { besides } : {}) };
  const worker = new Worker(script, { workerData: { parseJob: job }, stdin: false, stdout: false, stderr: false });
  const inbox = new Inbox();
  worker.on("message", (m: FromParser) => inbox.put(m));
  // a crash (not a bad input: those come back as messages) ends the stream with an internal error
  const crashed = (why: string) => inbox.put({ type: "error", error: { kind: "internal", message: `parse worker: ${why}` } });
  worker.on("error", (e) => crashed(e.message.split("\n")[0] ?? "failed"));
  worker.on("exit", (code) => crashed(`exited with code ${code}`));
  const stop = () => { worker.removeAllListeners("exit"); void worker.terminate(); };

  const first = await inbox.next();
  if (first.type !== "info") {
    stop();
    throw first.type === "error" ? fromWire(first.error) : new Error(`parse worker: unexpected ${first.type} before info`);
  }
  let summary: ParseSummary | null = null;
  let besidesResult: unknown;
  let started = false;

  async function* chunks(): AsyncGenerator<Chunk> {
    if (started) throw new Error("chunks() can be iterated once");
    started = true;
    try {
      for (;;) {
        const m = await inbox.next();
        if (m.type === "end") { summary = m.summary; besidesResult = m.besides; return; }
        if (m.type === "error") throw fromWire(m.error);
        if (m.type !== "chunk") throw new Error(`parse worker: unexpected ${m.type}`);
        const blocks = m.blocks && { ...m.blocks, values: new Float64Array(m.blocks.values) };
        yield { time_s: new Float64Array(m.time_s), current_A: new Float64Array(m.current_A), flags: new Uint8Array(m.flags), length: m.length, ...(blocks ? { blocks } : {}) };
        // the consumer is done with the chunk (it asked for the next): its buffers go back to be refilled
        const back: ToParser = { time_s: m.time_s, current_A: m.current_A, flags: m.flags };
        worker.postMessage(back, [m.time_s, m.current_A, m.flags]);
      }
    } finally {
      stop();
    }
  }

  return {
    info: first.info,
    chunks,
    summary() {
      if (!summary) throw new Error("summary() is known after chunks() is exhausted");
      return summary;
    },
    ...(besides ? {
      besidesResult() {
        if (!summary) throw new Error("besidesResult() is known after chunks() is exhausted");
        return besidesResult;
      },
    } : {}),
  };
}
