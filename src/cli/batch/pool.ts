// The batch engine: runs jobs on worker threads (lanes) or inline, and hands outcomes back in input order.
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { builtFile } from "../../packageroot.js";
import { runJob, type BatchOutcome, type JobSpec } from "./job.js";
import type { JobMessage } from "./worker.js";

export interface BatchOptions {
  /** inputs analysed at a time: the main thread and lanes - 1 worker threads */
  lanes: number;
  /** stop dispatching at the first failure; outcomes after it (in input order) are dropped */
  haltOnError?: boolean;
  /** called once per input, in input order, as soon as that input and all before it are done */
  onOutcome: (outcome: BatchOutcome, index: number) => void;
  /** called as each job finishes, in completion order (progress display) */
  onSettled?: (outcome: BatchOutcome, index: number) => void;
  /** the worker lanes' script (tests give a stand-in); default: the built batch worker */
  workerScript?: string;
}

export interface BatchSummary {
  /** outcomes delivered, in input order */
  delivered: number;
  /** inputs never analysed because --halt-on-error stopped the run */
  skipped: number;
  /** how the work was run: "main thread" or "main thread + N workers" */
  mode: string;
}

/**
 * Compiled worker script (dist/src/cli/batch/worker.js, also for the bundled command). Under the
 * TypeScript sources (tests) it is used when built; without it the batch runs inline (same outcomes,
 * one core).
 */
export function workerScript(): string | null {
  return builtFile("src/cli/batch/worker.js");
}

export async function runBatch(specs: JobSpec[], options: BatchOptions): Promise<BatchSummary> {
  const order = new Reorder(options.onOutcome);
  let failAt = Infinity;
  const settle = (index: number, outcome: BatchOutcome) => {
    options.onSettled?.(outcome, index);
    if (outcome.status === "error" && options.haltOnError) failAt = Math.min(failAt, index);
    order.put(index, outcome, failAt);
  };
  // stdin can only be read by the main thread
  const onMain = specs.map((_, k) => k).filter((k) => specs[k]!.file === "-");
  let pooled = specs.map((_, k) => k).filter((k) => specs[k]!.file !== "-");
  const script = options.workerScript ?? workerScript();
  const lanes = Math.min(options.lanes, pooled.length);
  // with several lanes the biggest inputs go first, so no lane is left alone on a big file at the end
  // (--halt-on-error keeps input order: a failure must stop the files after it, not random ones)
  if (lanes > 1 && !options.haltOnError) pooled = largestFirst(specs.map((s) => s.file), pooled);
  // the main thread is one of the lanes (it would sit idle otherwise), so N lanes start N-1 workers
  const workers = script !== null && lanes > 1 ? lanes - 1 : 0;

  let next = 0;
  /** The next input any lane should take; none after a --halt-on-error failure (earlier ones still finish). */
  const take = (): number | undefined => {
    while (next < pooled.length && pooled[next]! > failAt) next++;
    return next < pooled.length ? pooled[next++] : undefined;
  };
  // a lane with a parse thread knows its next input while it works on one (look-ahead), so that thread
  // can start on it early. Without parse threads, look-ahead would only let a busy lane hold an input
  // that a free lane could take; --halt-on-error takes inputs only when a lane is free.
  const ahead = !options.haltOnError && specs.some((s) => s.parseThread) ? 2 : 1;
  const mainLane = async (first: number[]) => {
    const queue = [...first];
    for (;;) {
      while (queue.length < ahead) {
        const k = take();
        if (k === undefined) break;
        queue.push(k);
      }
      const k = queue.shift();
      if (k === undefined) return;
      if (k <= failAt) settle(k, await runJob(specs[k]!, queue[0] !== undefined ? specs[queue[0]] : undefined));
    }
  };
  await Promise.all([mainLane(onMain), ...Array.from({ length: workers }, () => workerLane(script!, specs, take, settle, ahead))]);
  const mode = workers > 0 ? `main thread + ${workers} worker${workers > 1 ? "s" : ""}` : "main thread";
  return { delivered: order.delivered, skipped: specs.length - order.delivered, mode };
}

/** The indices sorted by file size, biggest first (ties and unreadable files keep input order). */
export function largestFirst(files: string[], indices: number[]): number[] {
  const size = (f: string) => { try { return statSync(f).size; } catch { return 0; } };
  const sizes = new Map(indices.map((k) => [k, size(files[k]!)]));
  return [...indices].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
}

/**
 * One worker thread taking inputs until none are left, `ahead` of them sent at a time (the one it runs
 * and the one it will run next). `first`: inputs to run before taking more (a crashed lane's).
 */
function workerLane(
  script: string, specs: JobSpec[], take: () => number | undefined,
  settle: (index: number, outcome: BatchOutcome) => void, ahead: number, first: number[] = [],
): Promise<void> {
  return new Promise<void>((resolve) => {
    const w = new Worker(script);
    // sent and not yet answered, in the order the worker runs them
    const sent: number[] = [];
    const send = (k: number) => {
      const msg: JobMessage = { index: k, spec: specs[k]! };
      w.postMessage(msg);
      sent.push(k);
    };
    const feed = () => {
      while (sent.length < ahead) {
        const k = first.length ? first.shift() : take();
        if (k === undefined) break;
        send(k);
      }
      if (sent.length === 0) void w.terminate().then(() => resolve());
    };
    w.on("message", (m: { index: number; outcome: BatchOutcome }) => {
      sent.splice(sent.indexOf(m.index), 1);
      settle(m.index, m.outcome);
      feed();
    });
    // a crash inside a worker (not a bad file: those come back as outcomes) is recorded against the
    // input it was running, and a fresh worker takes over the one it had waiting and the rest of the queue
    let over = false;
    const crashed = (why: string) => {
      if (over || sent.length === 0) return;
      over = true;
      const k = sent.shift()!;
      const file = specs[k]!.file;
      settle(k, { schemaVersion: 1, file, status: "error", error: `${file}: internal error: ${why}`, wall_s: 0, sha256: null });
      resolve(workerLane(script, specs, take, settle, ahead, [...sent, ...first]));
    };
    w.on("error", (err) => crashed(err.message.split("\n")[0] ?? "worker failed"));
    w.on("exit", (code) => crashed(`worker exited with code ${code}`));
    feed();
  });
}

/** Holds early finishers until every input before them is done, so output follows input order. */
class Reorder {
  private pending = new Map<number, BatchOutcome>();
  private nextIndex = 0;
  delivered = 0;
  constructor(private readonly deliver: (o: BatchOutcome, index: number) => void) {}

  put(index: number, outcome: BatchOutcome, failAt: number): void {
    this.pending.set(index, outcome);
    while (this.pending.has(this.nextIndex) && this.nextIndex <= failAt) {
      const o = this.pending.get(this.nextIndex)!;
      this.pending.delete(this.nextIndex);
      this.deliver(o, this.nextIndex);
      this.nextIndex++;
      this.delivered++;
    }
  }
}
