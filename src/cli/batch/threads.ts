// How the --jobs thread budget is spent on a run: how many inputs at a time (lanes), and whether each
// lane has a parse thread of its own (one thread parses while the other detects).
import { statSync } from "node:fs";
import { parseWorkerScript, worthAParseThread } from "../../parse/threaded.js";

/**
 * Inputs from this size (the median of the batch) are worth pairing: one lane with a parse thread is at
 * least as fast as two lanes. Measured with --jobs 2 on the 2-core bench machine (docs/archives.md,
 * session 10): batches of 19 MB and 8.4 MB files were 1.14x and 1.09x faster paired (two lanes pay a
 * second JIT warm-up and compile everything twice), 3.3 MB files even, 0.8 MB files 1.1x slower.
 */
export const PAIRED_LANE_MIN_BYTES = 4e6;

export interface ThreadPlan {
  /** inputs analysed at a time */
  lanes: number;
  /** each lane parses on a thread of its own (kept for all the lane's inputs) */
  parseThreads: boolean;
}

/** `parseAside`: a parse worker can be started (its script is built); without one, no lane is paired */
export function planThreads(files: string[], jobs: number, parseAside = parseWorkerScript() !== null): ThreadPlan {
  if (jobs < 2 || files.length === 0) return { lanes: 1, parseThreads: false };
  // one input: its own parse thread if big enough to repay starting one
  if (files.length === 1) return { lanes: 1, parseThreads: parseAside && worthAParseThread(files[0]!) };
  if (parseAside && medianSize(files) >= PAIRED_LANE_MIN_BYTES) return { lanes: Math.min(files.length, Math.floor(jobs / 2)), parseThreads: true };
  return { lanes: Math.min(files.length, jobs), parseThreads: false };
}

/** stdin counts as big (pipelines usually carry long traces); unreadable files as empty */
function medianSize(files: string[]): number {
  const sizes = files.map((f) => {
    if (f === "-") return Infinity;
    try { return statSync(f).size; } catch { return 0; }
  }).sort((a, b) => a - b);
  const n = sizes.length;
  return n % 2 ? sizes[(n - 1) / 2]! : (sizes[n / 2 - 1]! + sizes[n / 2]!) / 2;
}
