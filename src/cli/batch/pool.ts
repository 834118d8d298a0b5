// The batch engine: runs jobs on worker threads (--jobs N) or inline, and hands outcomes back in input order.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { runJob, type BatchOutcome, type JobSpec } from "./job.js";
import type { JobMessage } from "./worker.js";

export interface BatchOptions {
  jobs: number;
  /** stop dispatching at the first failure; outcomes after it (in input order) are dropped */
  haltOnError?: boolean;
  /** called once per input, in input order, as soon as that input and all before it are done */
  onOutcome: (outcome: BatchOutcome, index: number) => void;
  /** called as each job finishes, in completion order (progress display) */
  onSettled?: (outcome: BatchOutcome, index: number) => void;
}

export interface BatchSummary {
  /** outcomes delivered, in input order */
  delivered: number;
  /** inputs never analysed because --halt-on-error stopped the run */
  skipped: number;
  /** how the work was run: "inline" or "N workers" */
  mode: string;
}

/**
 * Compiled worker script. Under the TypeScript sources (tests) the built copy in dist/ is used when present;
 * without it the batch runs inline (same outcomes, one core).
 */
export function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return path.join(path.dirname(here), "worker.js");
  const built = path.resolve(path.dirname(here), "../../../dist/src/cli/batch/worker.js");
  return existsSync(built) ? built : null;
}

export async function runBatch(specs: JobSpec[], options: BatchOptions): Promise<BatchSummary> {
  const order = new Reorder(options.onOutcome);
  let failAt = Infinity;
  const settle = (index: number, outcome: BatchOutcome) => {
    options.onSettled?.(outcome, index);
    if (outcome.status === "error" && options.haltOnError) failAt = Math.min(failAt, index);
    order.put(index, outcome, failAt);
  };
  // stdin can only be read by the main thread, and one input gains nothing from a worker
  const inlineIdx = specs.map((s, k) => (s.file === "-" ? k : -1)).filter((k) => k >= 0);
  const pooled = specs.map((_, k) => k).filter((k) => specs[k]!.file !== "-");
  const script = workerScript();
  const workers = Math.min(options.jobs, pooled.length);
  const useWorkers = workers > 1 && script !== null;

  const runInline = async (indices: number[]) => {
    for (const k of indices) {
      if (k > failAt) break;
      settle(k, await runJob(specs[k]!));
    }
  };
  if (!useWorkers) {
    await runInline([...specs.keys()]);
  } else {
    await runInline(inlineIdx);
    await runOnWorkers(script, workers, pooled, specs, settle, () => failAt);
  }
  return { delivered: order.delivered, skipped: specs.length - order.delivered, mode: useWorkers ? `${workers} workers` : "inline" };
}

async function runOnWorkers(
  script: string, count: number, queue: number[], specs: JobSpec[],
  settle: (index: number, outcome: BatchOutcome) => void, failAt: () => number,
): Promise<void> {
  let next = 0;
  const startWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const w = new Worker(script);
      let current = -1;
      const feed = () => {
        // skip anything after a --halt-on-error failure; earlier inputs still finish so output stays in order
        while (next < queue.length && queue[next]! > failAt()) next++;
        if (next >= queue.length) { current = -1; void w.terminate().then(() => resolve()); return; }
        current = queue[next++]!;
        const msg: JobMessage = { index: current, spec: specs[current]! };
        w.postMessage(msg);
      };
      w.on("message", (m: { index: number; outcome: BatchOutcome }) => { settle(m.index, m.outcome); feed(); });
      // a crash inside a worker (not a bad file: those come back as outcomes) is recorded against its
      // input, and a fresh worker takes over the rest of the queue
      const crashed = (why: string) => {
        if (current < 0) return;
        const file = specs[current]!.file;
        settle(current, { schemaVersion: 1, file, status: "error", error: `${file}: internal error: ${why}`, wall_s: 0, sha256: null });
        current = -1;
        resolve(startWorker());
      };
      w.on("error", (err) => crashed(err.message.split("\n")[0] ?? "worker failed"));
      w.on("exit", (code) => crashed(`worker exited with code ${code}`));
      feed();
    });
  await Promise.all(Array.from({ length: count }, startWorker));
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
