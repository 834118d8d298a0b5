// Bounded min/max envelope of a trace of any length, collected beside the detector, so plots keep every spike.
import type { TraceObserver } from "../../analyze.js";
import type { Detection } from "../../detect/types.js";
import type { Chunk } from "../../trace.js";

/** Min/max of the current per time bin; bins with count 0 saw no good sample. */
export interface EnvelopeSeries {
  /** start of bin 0, seconds since the result's t0 */
  start_s: number;
  binWidth_s: number;
  min_A: Float64Array;
  max_A: Float64Array;
  /** sum of the samples per bin (mean = sum / count): the plot's local baseline comes from it */
  sum_A: Float64Array;
  count: Uint32Array;
}

/** A zoom window the user asked for (--zoom a:b), with its own finer envelope. */
export interface ZoomEnvelope extends EnvelopeSeries {
  from_s: number;
  to_s: number;
}

export interface TraceEnvelope {
  main: EnvelopeSeries;
  zooms: ZoomEnvelope[];
}

export interface EnvelopeOptions {
  /** bins of the whole-trace envelope (default 4096: several per pixel column at any plot width) */
  bins?: number;
  /** zoom windows in seconds since the first sample */
  zooms?: { from_s: number; to_s: number }[];
  /** bins per zoom window (default 1024) */
  zoomBins?: number;
}

/**
 * Bin widths are powers of two times 2^-20 s, and bins are aligned on the first sample, so doubling
 * the width merges bins pairwise exactly: the envelope is the same whatever the chunk sizes were.
 */
const BASE_WIDTH_S = 2 ** -20;

function emptySeries(bins: number, start_s: number, binWidth_s: number): EnvelopeSeries {
  const min_A = new Float64Array(bins).fill(Infinity);
  const max_A = new Float64Array(bins).fill(-Infinity);
  return { start_s, binWidth_s, min_A, max_A, sum_A: new Float64Array(bins), count: new Uint32Array(bins) };
}

/** Collects the envelope; pass it in `observers` of analyze(), then read `envelope()` after. */
export class EnvelopeCollector implements TraceObserver {
  private readonly bins: number;
  private readonly series: EnvelopeSeries;
  private readonly zoomSeries: ZoomEnvelope[];
  private origin_s: number | null = null;
  private done: TraceEnvelope | null = null;

  constructor(options: EnvelopeOptions = {}) {
    this.bins = Math.max(16, Math.floor(options.bins ?? 4096));
    if (this.bins % 2) this.bins += 1;
    this.series = emptySeries(this.bins, 0, BASE_WIDTH_S);
    const zb = Math.max(8, Math.floor(options.zoomBins ?? 1024));
    this.zoomSeries = (options.zooms ?? []).map(({ from_s, to_s }) => {
      if (!(to_s > from_s)) throw new RangeError(`zoom window ${from_s}:${to_s} is empty`);
      return { ...emptySeries(zb, from_s, (to_s - from_s) / zb), from_s, to_s };
    });
  }

  push(chunk: Chunk): void {
    const { time_s, current_A, flags } = chunk;
    const s = this.series;
    const { min_A, max_A, sum_A, count } = s;
    const zooms = this.zoomSeries.length > 0;
    // the width is a power of two, so multiplying by its inverse is exact: same bins as dividing
    let inv = 1 / s.binWidth_s;
    for (let k = 0; k < chunk.length; k++) {
      const t = time_s[k]!;
      if (!Number.isFinite(t)) continue;
      // the origin is the first timed sample, flagged or not, like the detector's t0
      if (this.origin_s === null) this.origin_s = t;
      const i = current_A[k]!;
      if (flags[k] !== 0 || !Number.isFinite(i)) continue;
      // a time reset that the parser did not repair lands in the first bin rather than being lost
      const rel = t > this.origin_s ? t - this.origin_s : 0;
      let b = Math.floor(rel * inv);
      if (b >= this.bins) {
        while (b >= this.bins) {
          this.halve();
          b = Math.floor(rel / s.binWidth_s);
        }
        inv = 1 / s.binWidth_s;
      }
      if (i < min_A[b]!) min_A[b] = i;
      if (i > max_A[b]!) max_A[b] = i;
      sum_A[b]! += i;
      count[b]! += 1;
      if (zooms) this.addToZooms(rel, i);
    }
  }

  private addToZooms(rel: number, i: number): void {
    for (const z of this.zoomSeries) {
      if (rel < z.from_s || rel > z.to_s) continue;
      record(z, Math.min(z.count.length - 1, Math.floor((rel - z.from_s) / z.binWidth_s)), i);
    }
  }

  /** Double the bin width: bin j takes bins 2j and 2j+1. */
  private halve(): void {
    const s = this.series;
    const half = this.bins / 2;
    for (let j = 0; j < half; j++) {
      const a = 2 * j, b = a + 1;
      s.min_A[j] = Math.min(s.min_A[a]!, s.min_A[b]!);
      s.max_A[j] = Math.max(s.max_A[a]!, s.max_A[b]!);
      s.sum_A[j] = s.sum_A[a]! + s.sum_A[b]!;
      s.count[j] = s.count[a]! + s.count[b]!;
    }
    s.sum_A.fill(0, half);
    s.min_A.fill(Infinity, half);
    s.max_A.fill(-Infinity, half);
    s.count.fill(0, half);
    s.binWidth_s *= 2;
  }

  finish(detection: Detection): Record<string, unknown> {
    // results count seconds from the detector's t0; shift in case it differs from our first sample
    const shift = this.origin_s === null ? 0 : this.origin_s - detection.t0_s;
    this.done = {
      main: { ...this.series, start_s: this.series.start_s + shift },
      zooms: this.zoomSeries.map((z) => ({ ...z, start_s: z.start_s + shift })),
    };
    // the envelope is for drawing, not part of the JSON result
    return {};
  }

  /** The collected envelope (available after analyze() finished). */
  envelope(): TraceEnvelope {
    if (!this.done) throw new Error("envelope() called before the analysis finished");
    return this.done;
  }
}

function record(s: EnvelopeSeries, b: number, i: number): void {
  if (i < s.min_A[b]!) s.min_A[b] = i;
  if (i > s.max_A[b]!) s.max_A[b] = i;
  s.sum_A[b]! += i;
  s.count[b]! += 1;
}

/** Min/max per column over [from_s, to_s): what one column of a plot shows. */
export interface Columns {
  min_A: Float64Array;
  max_A: Float64Array;
  /** mean current per column (0 where empty) */
  mean_A: Float64Array;
  /** false where no sample fell in the column */
  filled: Uint8Array;
}

/** Re-bin an envelope into `n` equal columns over [from_s, to_s]; a bin goes to the column of its centre. */
export function toColumns(s: EnvelopeSeries, from_s: number, to_s: number, n: number): Columns {
  const min_A = new Float64Array(n).fill(Infinity);
  const max_A = new Float64Array(n).fill(-Infinity);
  const filled = new Uint8Array(n);
  const mean_A = new Float64Array(n);
  const count = new Float64Array(n);
  const span = to_s - from_s;
  if (!(span > 0)) return { min_A, max_A, mean_A, filled };
  for (let b = 0; b < s.count.length; b++) {
    if (s.count[b] === 0) continue;
    const centre = s.start_s + (b + 0.5) * s.binWidth_s;
    const lo = s.start_s + b * s.binWidth_s;
    const hi = lo + s.binWidth_s;
    if (hi < from_s || lo > to_s) continue;
    const c = Math.min(n - 1, Math.max(0, Math.floor(((centre - from_s) / span) * n)));
    if (s.min_A[b]! < min_A[c]!) min_A[c] = s.min_A[b]!;
    if (s.max_A[b]! > max_A[c]!) max_A[c] = s.max_A[b]!;
    mean_A[c]! += s.sum_A[b]!;
    count[c]! += s.count[b]!;
    filled[c] = 1;
  }
  for (let c = 0; c < n; c++) if (count[c]! > 0) mean_A[c]! /= count[c]!;
  return { min_A, max_A, mean_A, filled };
}
