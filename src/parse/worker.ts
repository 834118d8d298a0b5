// Parse-worker entry: reads one input with openTrace and streams its chunks to the main thread.
import { parentPort, workerData } from "node:worker_threads";
import type { Chunk } from "../trace.js";
import { openTrace } from "./index.js";
import { CHUNKS_IN_FLIGHT, toWire, type ChunkCompanion, type FromParser, type ParseJob, type ToParser, type WireBlocks } from "./wire.js";

async function run(port: NonNullable<typeof parentPort>, job: ParseJob): Promise<void> {
  const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const trace = await openTrace(job.file, job.options);
    const besides = job.besides ? await companion(job.besides.module, job.besides.settings) : null;
    post({ type: "info", info: trace.info });
    let lent = 0;
    let wake: (() => void) | null = null;
    // the main thread sends each chunk's buffers back once the detector is done with them
    port.on("message", (m: ToParser) => {
      const chunk: Chunk = { time_s: new Float64Array(m.time_s), current_A: new Float64Array(m.current_A), flags: new Uint8Array(m.flags), length: 0 };
      trace.recycle?.(chunk);
      lent--;
      const w = wake;
      wake = null;
      w?.();
    });
    for await (const chunk of trace.chunks(true)) {
      // transferred, not copied: the arrays are unusable here until the main thread sends them back
      const b = chunkBuffers(chunk);
      // the work beside parsing goes to whichever thread has time: the main thread does it itself
      // for chunks that come without (results are the same either way)
      const extra = besides?.push(chunk, lent >= CHUNKS_IN_FLIGHT / 2);
      const blocks: WireBlocks | undefined = extra && { ...extra, values: extra.values.buffer as ArrayBuffer };
      post({ type: "chunk", ...b, length: chunk.length, ...(blocks ? { blocks } : {}) }, [b.time_s, b.current_A, b.flags, ...(blocks ? [blocks.values] : [])]);
      lent++;
      while (lent >= CHUNKS_IN_FLIGHT) await new Promise<void>((r) => { wake = r; });
    }
    const made = besides?.finish?.();
    post({ type: "end", summary: trace.summary(), ...(made ? { besides: made.result } : {}) }, made?.transfer ?? []);
  } catch (err) {
    post({ type: "error", error: toWire(err) });
  }
}

async function companion(module: string, settings: Record<string, number>): Promise<ChunkCompanion> {
  const m = (await import(new URL(module, import.meta.url).href)) as { besideParser(s: Record<string, number>): ChunkCompanion };
  return m.besideParser(settings);
}

function chunkBuffers(c: Chunk) {
  return { time_s: c.time_s.buffer as ArrayBuffer, current_A: c.current_A.buffer as ArrayBuffer, flags: c.flags.buffer as ArrayBuffer };
}

// only when started as a parse worker (a test runner's own worker thread may import this module)
const job = workerData as { parseJob?: ParseJob } | null;
if (parentPort && job?.parseJob) void run(parentPort, job.parseJob);
