// One-line terminal picture of the trace: block heights from the envelope, phases coloured with chalk.
import { Chalk, type ChalkInstance } from "chalk";
import type { AnalysisResult, PhaseName } from "../../result.js";
import { toColumns, type TraceEnvelope } from "./envelope.js";

const BLOCKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

export interface SparklineOptions {
  /** true = 16 colours, a number = chalk level 0-3; false/0 = plain text (the default) */
  color?: boolean | 0 | 1 | 2 | 3;
}

function phaseStyle(c: ChalkInstance, phase: PhaseName): ChalkInstance {
  switch (phase) {
    case "quiescent": return c.green;
    case "soft-short": return c.yellow;
    case "hard-short": return c.red;
    case "open": return c.cyan;
    default: return c.white;
  }
}

/** The phase covering most of [from_s, to_s). */
function phaseAt(r: AnalysisResult, from_s: number, to_s: number): PhaseName {
  let best: PhaseName = r.phases[0]?.phase ?? "quiescent";
  let bestCover = -1;
  for (const p of r.phases) {
    const cover = Math.min(to_s, p.end_s) - Math.max(from_s, p.start_s);
    if (cover > bestCover) { bestCover = cover; best = p.phase; }
  }
  return best;
}

/**
 * Block height = excess over the baseline in the leakage direction, on a log scale from the spike
 * threshold (lowest block: at or below it, i.e. noise) to the largest excess (full block), so nA
 * spikes and a 400 nA hard short are both visible. Columns without samples are blank.
 */
export function sparkline(result: AnalysisResult, envelope: TraceEnvelope, width: number, options: SparklineOptions = {}): string {
  const n = Math.max(1, Math.floor(width));
  const end_s = result.duration_s > 0 ? result.duration_s : envelope.main.binWidth_s * envelope.main.count.length;
  const cols = toColumns(envelope.main, 0, end_s, n);
  const { baseline_A, threshold_A, sigma_A } = result.noise;
  const excess = new Float64Array(n);
  let top = 0;
  for (let c = 0; c < n; c++) {
    if (!cols.filled[c]) continue;
    const e = result.polarity > 0 ? cols.max_A[c]! - baseline_A : baseline_A - cols.min_A[c]!;
    excess[c] = Math.max(0, e);
    top = Math.max(top, excess[c]!);
  }
  const floor = threshold_A > 0 ? threshold_A : sigma_A > 0 ? 3 * sigma_A : top / 1000;
  const level = options.color === true ? 1 : options.color === false || options.color === undefined ? 0 : options.color;
  const chalk = new Chalk({ level });
  // consecutive columns of one phase share one colour code, so the line stays short
  let out = "";
  let run = "";
  let runPhase: PhaseName | null = null;
  const flush = () => {
    if (run) out += runPhase && level > 0 ? phaseStyle(chalk, runPhase)(run) : run;
    run = "";
  };
  for (let c = 0; c < n; c++) {
    const phase = cols.filled[c] ? phaseAt(result, (c / n) * end_s, ((c + 1) / n) * end_s) : null;
    if (phase !== runPhase) { flush(); runPhase = phase; }
    if (!cols.filled[c]) { run += " "; continue; }
    let k = 0;
    if (top > floor && excess[c]! > floor) {
      const f = Math.log(excess[c]! / floor) / Math.log(top / floor);
      k = Math.min(BLOCKS.length - 1, 1 + Math.floor(f * (BLOCKS.length - 1)));
    }
    run += BLOCKS[k]!;
  }
  flush();
  return out;
}
