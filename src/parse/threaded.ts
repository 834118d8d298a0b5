// openTrace on a worker thread: the input is parsed there while the caller (the detector) works on
// the previous chunks, so a single input uses two cores. Same info, chunks, summary and errors.
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { builtFile } from "../packageroot.js";
import type { Chunk } from "../trace.js";
import { openTrace } from "./index.js";
import type { OpenedTrace, ParseOptions, ParseSummary } from "./types.js";
import { fromWire, parseOptionsOf, type BesideParser, type FromParser, type FromParserTagged, type ParseJob, type ToParser } from "./wire.js";

/**
 * Compiled worker script (dist/src/parse/worker.js, also for the bundled command). Under the
 * TypeScript sources (tests) it is used when built; without it the parse stays on the calling thread
 * (same results, one core).
 */
export function parseWorkerScript(): string | null {
  return builtFile("src/parse/worker.js");
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
 * Like openTrace, on a worker started for this one input (ended with it). The caller must drain (or
 * break out of) chunks(). `besides`: work for the worker to do on each chunk as well (its result
 * comes as Chunk.blocks, and what it made of the whole input from besidesResult()). Without a built
 * worker script the parse stays here and the trace has no besidesResult: the caller then does that
 * work itself.
 */
export async function openTraceThreaded(file: string, options: ParseOptions = {}, besides?: BesideParser): Promise<OpenedTrace> {
  const script = parseWorkerScript();
  if (script === null) return openTrace(file, options);
  const thread = new ParseThread(script);
  thread.endAfterNext();
  return thread.open(file, options, besides);
}

/**
 * A parse worker that reads one input after another (a batch lane's second thread): its start-up
 * (~0.1 s) and JIT warm-up are paid once, not per file, and the chunk buffers are reused across files.
 * One input is open at a time: open() the next only after the previous trace's chunks() has finished.
 * readAhead() names the input that will be opened next, so the worker starts on it as soon as it has
 * read the current one (while the detector is still busy with it) instead of waiting for open().
 * While no input is open the worker does not keep the process alive.
 */
export class ParseThread {
  private worker: Worker | null = null;
  private inboxes = new Map<number, Inbox>();
  private openId: number | null = null;
  private ahead: { id: number; key: string } | null = null;
  private jobs = 0;
  private started = 0;
  private ending = false;

  constructor(private readonly script: string) {}

  /** One for this lane, or null when there is no built worker script (parse in-thread instead). */
  static create(): ParseThread | null {
    const script = parseWorkerScript();
    return script === null ? null : new ParseThread(script);
  }

  /**
   * The next input opened is the last for now: the worker ends with it instead of idling, so its memory
   * is freed before the caller's end-of-input work (a single input's peak RSS). A later open() starts
   * a new worker.
   */
  endAfterNext(): void {
    this.ending = true;
  }

  /** Start reading the input that open() will be asked for next (a later open() of anything else cancels it). */
  readAhead(file: string, options: ParseOptions = {}, besides?: BesideParser): void {
    const job = jobOf(file, options, besides);
    const key = JSON.stringify(job);
    if (this.ahead?.key === key) return;
    this.dropAhead();
    this.ahead = { id: this.send(job), key };
  }

  async open(file: string, options: ParseOptions = {}, besides?: BesideParser): Promise<OpenedTrace> {
    if (this.openId !== null) throw new Error("a parse thread reads one input at a time");
    const job = jobOf(file, options, besides);
    const key = JSON.stringify(job);
    let id: number;
    if (this.ahead?.key === key && this.worker) {
      id = this.ahead.id;
      this.ahead = null;
    } else {
      this.dropAhead();
      id = this.send(job);
    }
    const worker = this.worker!;
    const inbox = this.inboxes.get(id)!;
    const keep = !this.ending;
    this.ending = false;
    this.openId = id;
    worker.ref();
    // `clean`: the worker finished the input (end, or a bad input reported) and goes on to the next
    const done = (clean: boolean) => {
      this.openId = null;
      this.inboxes.delete(id);
      if (clean && keep) worker.unref();
      // (a worker that crashed is already gone, and a new one may have started since)
      else if (this.worker === worker) this.close();
    };

    const first = await inbox.next();
    if (first.type !== "info") {
      done(first.type === "error" && first.error.kind !== "internal");
      throw first.type === "error" ? fromWire(first.error) : new Error(`parse worker: unexpected ${first.type} before info`);
    }
    let summary: ParseSummary | null = null;
    let besidesResult: unknown;
    let started = false;

    async function* chunks(): AsyncGenerator<Chunk> {
      if (started) throw new Error("chunks() can be iterated once");
      started = true;
      let clean = false;
      try {
        for (;;) {
          const m = await inbox.next();
          if (m.type === "end") { summary = m.summary; besidesResult = m.besides; clean = true; return; }
          if (m.type === "error") { clean = m.error.kind !== "internal"; throw fromWire(m.error); }
          if (m.type !== "chunk") throw new Error(`parse worker: unexpected ${m.type}`);
          const blocks = m.blocks && { ...m.blocks, values: new Float64Array(m.blocks.values) };
          yield { time_s: new Float64Array(m.time_s), current_A: new Float64Array(m.current_A), flags: new Uint8Array(m.flags), length: m.length, ...(blocks ? { blocks } : {}) };
          // the consumer is done with the chunk (it asked for the next): its buffers go back to be refilled
          const back: ToParser = { type: "back", job: id, time_s: m.time_s, current_A: m.current_A, flags: m.flags };
          worker.postMessage(back, [m.time_s, m.current_A, m.flags]);
        }
      } finally {
        // a consumer that stops early leaves the worker mid-input: that worker is ended, not reused
        done(clean);
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

  /** Workers started so far: 1 for any number of inputs, unless one crashed or was left mid-input. */
  get workersStarted(): number {
    return this.started;
  }

  /** End the worker (a reused one ends by itself with the process: it is unreferenced while idle). */
  close(): void {
    const w = this.worker;
    this.worker = null;
    this.ahead = null;
    this.inboxes.clear();
    if (w) {
      w.removeAllListeners("exit");
      w.removeAllListeners("error");
      void w.terminate();
    }
  }

  /** Post a job (the worker queues it behind the one it reads); its messages collect in a new inbox. */
  private send(job: ParseJob): number {
    const worker = this.worker ?? this.spawn();
    const id = ++this.jobs;
    this.inboxes.set(id, new Inbox());
    const start: ToParser = { type: "job", id, job };
    worker.postMessage(start);
    return id;
  }

  private dropAhead(): void {
    const a = this.ahead;
    if (!a) return;
    this.ahead = null;
    this.inboxes.delete(a.id);
    const cancel: ToParser = { type: "cancel", job: a.id };
    this.worker?.postMessage(cancel);
  }

  private spawn(): Worker {
    const w = new Worker(this.script, { workerData: { parseWorker: true }, stdin: false, stdout: false, stderr: false });
    // a job read ahead but never opened must not hold the process open
    w.unref();
    w.on("message", (m: FromParserTagged) => this.inboxes.get(m.job)?.put(m));
    // a crash (not a bad input: those come back as messages) ends the inputs it had with an internal error
    const crashed = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.ahead = null;
      for (const inbox of this.inboxes.values()) inbox.put({ type: "error", error: { kind: "internal", message: `parse worker: ${why}` } });
    };
    w.on("error", (e) => crashed(e.message.split("\n")[0] ?? "failed"));
    w.on("exit", (code) => crashed(`exited with code ${code}`));
    this.worker = w;
    this.started++;
    return w;
  }
}

function jobOf(file: string, options: ParseOptions, besides?: BesideParser): ParseJob {
  return { file, options: parseOptionsOf(options), ...(besides ? { besides } : {}) };
}
