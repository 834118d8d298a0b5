// Parse-worker entry: reads inputs with openTrace, one job at a time, and streams each one's chunks to
// the thread that asked. A batch lane keeps one such worker for all its inputs, so the worker's start-up
// and JIT warm-up are paid once per lane, not once per file.
import { parentPort, workerData } from "node:worker_threads";
import type { Chunk } from "../trace.js";
import { openTrace } from "./index.js";
import type { OpenedTrace } from "./types.js";
import {
  CHUNKS_IN_FLIGHT, toWire, type ChunkCompanion, type FromParser, type ParseJob, type ToParser, type WireBlocks,
} from "./wire.js";

/**
 * The job being read: `lent` chunks are with the main thread; `wake` resumes a parser waiting for one
 * back; `cancelled`: the main thread no longer wants it (a prefetch it did not use).
 */
interface Running {
  id: number;
  trace: OpenedTrace | null;
  lent: number;
  wake: (() => void) | null;
  cancelled: boolean;
}

function serve(port: NonNullable<typeof parentPort>): void {
  let running: Running | null = null;
  // jobs sent while another is being read (the next input of a batch lane, read ahead): in order
  const queued: { id: number; job: ParseJob }[] = [];
  // buffers that came back after their job ended (the main thread returns the last chunks after "end"):
  // kept for the next job instead of allocating (and first-touching) new ones
  const spare: Chunk[] = [];

  const giveBack = (m: Extract<ToParser, { type: "back" }>) => {
    const chunk: Chunk = { time_s: new Float64Array(m.time_s), current_A: new Float64Array(m.current_A), flags: new Uint8Array(m.flags), length: 0 };
    const r = running;
    if (r?.trace) r.trace.recycle?.(chunk);
    else if (spare.length < CHUNKS_IN_FLIGHT) spare.push(chunk);
    if (r && m.job === r.id) {
      r.lent--;
      const w = r.wake;
      r.wake = null;
      w?.();
    }
  };

  async function run(id: number, job: ParseJob): Promise<void> {
    const r: Running = { id, trace: null, lent: 0, wake: null, cancelled: false };
    running = r;
    const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage({ ...m, job: id }, transfer);
    try {
      const trace = await openTrace(job.file, job.options);
      r.trace = trace;
      for (const c of spare.splice(0)) trace.recycle?.(c);
      const besides = job.besides ? await companion(job.besides.module, job.besides.settings) : null;
      post({ type: "info", info: trace.info });
      for await (const chunk of trace.chunks(true)) {
        if (r.cancelled) return;
        // transferred, not copied: the arrays are unusable here until the main thread sends them back
        const b = chunkBuffers(chunk);
        // the work beside parsing goes to whichever thread has time: the main thread does it itself
        // for chunks that come without (results are the same either way)
        const extra = besides?.push(chunk, r.lent >= CHUNKS_IN_FLIGHT / 2);
        const blocks: WireBlocks | undefined = extra && { ...extra, values: extra.values.buffer as ArrayBuffer };
        post({ type: "chunk", ...b, length: chunk.length, ...(blocks ? { blocks } : {}) }, [b.time_s, b.current_A, b.flags, ...(blocks ? [blocks.values] : [])]);
        r.lent++;
        while (r.lent >= CHUNKS_IN_FLIGHT && !r.cancelled) await new Promise<void>((w) => { r.wake = w; });
      }
      const made = besides?.finish?.();
      post({ type: "end", summary: trace.summary(), ...(made ? { besides: made.result } : {}) }, made?.transfer ?? []);
    } catch (err) {
      if (!r.cancelled) post({ type: "error", error: toWire(err) });
    } finally {
      running = null;
      const next = queued.shift();
      if (next) void run(next.id, next.job);
    }
  }

  const cancel = (id: number) => {
    const k = queued.findIndex((q) => q.id === id);
    if (k >= 0) queued.splice(k, 1);
    const r = running;
    if (r?.id === id) {
      r.cancelled = true;
      const w = r.wake;
      r.wake = null;
      w?.();
    }
  };

  port.on("message", (m: ToParser) => {
    if (m.type === "job") {
      if (running) queued.push({ id: m.id, job: m.job });
      else void run(m.id, m.job);
    } else if (m.type === "cancel") cancel(m.job);
    else giveBack(m);
  });
}

async function companion(module: string, settings: Record<string, number>): Promise<ChunkCompanion> {
  const m = (await import(new URL(module, import.meta.url).href)) as { besideParser(s: Record<string, number>): ChunkCompanion };
  return m.besideParser(settings);
}

function chunkBuffers(c: Chunk) {
  return { time_s: c.time_s.buffer as ArrayBuffer, current_A: c.current_A.buffer as ArrayBuffer, flags: c.flags.buffer as ArrayBuffer };
}

// only when started as a parse worker (a test runner's own worker thread may import this module)
if (parentPort && (workerData as { parseWorker?: boolean } | null)?.parseWorker) serve(parentPort);
