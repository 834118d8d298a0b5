// The detector's block length, fixed from the first samples' time steps (shared by the detector and
// the block summariser that may run beside the parser: both must cut the trace into the same blocks).
import type { Chunk } from "../trace.js";
import { medianInPlace } from "./stats.js";

/** samples held before the sample rate (hence block length, thresholds) is fixed */
export const CONFIG_SAMPLES = 4096;

/** The nominal time step (median positive finite step of t[0..n)) and the block length in samples for block_s. */
export function blockLengthOf(t: Float64Array, n: number, block_s: number): { dtNominal_s: number; block: number } {
  const dts = new Float64Array(Math.max(n - 1, 0));
  let m = 0;
  for (let i = 1; i < n; i++) {
    const dt = t[i]! - t[i - 1]!;
    if (dt > 0 && Number.isFinite(dt)) dts[m++] = dt;
  }
  const dtNominal_s = m > 0 ? medianInPlace(dts, m) : 1;
  return { dtNominal_s, block: Math.min(1 << 14, Math.max(16, Math.round(block_s / dtNominal_s))) };
}

/**
 * The first CONFIG_SAMPLES samples, held until the block length is fixed from them: the detector and
 * the summariser beside the parser hold the same ones, so both cut the trace into the same blocks.
 */
export class HeldSamples {
  readonly t = new Float64Array(CONFIG_SAMPLES);
  readonly x = new Float64Array(CONFIG_SAMPLES);
  readonly f = new Uint8Array(CONFIG_SAMPLES);
  n = 0;

  /** Take the chunk's samples from k on until CONFIG_SAMPLES are held; returns where it stopped. */
  fill(chunk: Chunk, k: number): number {
    const m = Math.min(chunk.length - k, CONFIG_SAMPLES - this.n);
    this.t.set(chunk.time_s.subarray(k, k + m), this.n);
    this.x.set(chunk.current_A.subarray(k, k + m), this.n);
    this.f.set(chunk.flags.subarray(k, k + m), this.n);
    this.n += m;
    return k + m;
  }

  get full(): boolean {
    return this.n === CONFIG_SAMPLES;
  }
}
