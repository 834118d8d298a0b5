// Per-block summaries (median, robust sigma, median dt, baseline): a ring of the latest blocks for the
// running windows, and a thinned history of the older ones for the end-of-trace medians, so memory
// stays bounded (at most ~13 MB) for any trace length.
import { Thinning } from "./thinning.js";

/**
 * Blocks kept whole in the columns (2^17 blocks of 25 ms: 55 min of recording). Up to this many the
 * log is exactly the list of every block; past it, the columns become a ring of the latest blocks.
 */
export const BLOCK_LOG_CAP = 1 << 17;
/** entries of the thinned history of blocks that left the ring */
export const BLOCK_HISTORY_CAP = 1 << 16;

/**
 * Growable columns of block summaries, indexed by block number k at `k & mask`. While the log holds
 * every block (length <= capacity) that is k itself; once the capacity has reached its cap, a new
 * block takes the slot of the one `capacity` blocks older, which moves to `history` first. Every
 * running window reaches back a few blocks only, far less than the cap.
 */
export class BlockLog {
  length = 0;
  /** capacity - 1 (the capacity is a power of two): the column index of block k is k & mask */
  mask = 0;
  median = new Float64Array(0);
  sigma = new Float64Array(0);
  /** sigma from first differences / sqrt(2): blind to mains, drift and steps; tracks noise changes */
  sigmaD = new Float64Array(0);
  dt = new Float64Array(0);
  tStart = new Float64Array(0);
  baseline = new Float64Array(0);
  /** median of the block sigmas over the baseline window: the local noise floor */
  sigmaW = new Float64Array(0);
  /** medians of the block sigmas over the half windows before / after the block (noise changes) */
  sigmaBefore = new Float64Array(0);
  sigmaAfter = new Float64Array(0);
  segment = new Int32Array(0);
  /** 1 when a range change falls inside the block: its samples mix two noise floors */
  mixed = new Uint8Array(0);
  /** the blocks that left the ring, thinned */
  readonly history: BlockHistory;

  /** cap: blocks kept in the columns at most (a power of two, >= 1024; tests use small ones) */
  constructor(private cap = BLOCK_LOG_CAP, historyCap = BLOCK_HISTORY_CAP) {
    if (!(cap >= 1024 && (cap & (cap - 1)) === 0)) throw new Error(`block log cap must be a power of two >= 1024, got ${cap}`);
    this.history = new BlockHistory(historyCap);
    // sized by the method that grows them: a field V8 has only seen written once is taken for a
    // constant, and the code that relied on that was thrown away at the first growth (issue #5)
    this.grow(1024);
  }

  /** The first block still in the columns (0 until the log wraps). */
  get oldest(): number {
    return Math.max(0, this.length - this.median.length);
  }

  /** Raise the cap so the columns hold at least `blocks` (a running window that reaches that far back). */
  atLeast(blocks: number): void {
    while (this.cap < blocks) this.cap *= 2;
  }

  add(median: number, sigma: number, sigmaD: number, dt: number, tStart: number, segment: number, mixed: boolean): number {
    if (this.length === this.median.length && this.length < this.cap) this.grow(Math.min(2 * this.length, this.cap));
    const k = this.length++;
    const at = k & this.mask;
    // a full ring: the block `capacity` older leaves for the history (its baseline is long settled)
    if (k >= this.median.length) this.history.retire(this, at);
    this.median[at] = median;
    this.sigma[at] = sigma;
    this.sigmaD[at] = sigmaD;
    this.dt[at] = dt;
    this.tStart[at] = tStart;
    this.baseline[at] = NaN;
    this.sigmaW[at] = NaN;
    this.sigmaBefore[at] = NaN;
    this.sigmaAfter[at] = NaN;
    this.segment[at] = segment;
    this.mixed[at] = mixed ? 1 : 0;
    return k;
  }

  /**
   * Every block's end-of-trace columns in time order: the columns themselves while the log holds
   * every block (the same arrays, so the same medians as ever), else the history followed by the ring.
   */
  whole(): WholeLog {
    const n = this.length;
    if (this.oldest === 0) {
      return { n, tStart: this.tStart, median: this.median, sigma: this.sigma, baseline: this.baseline, sigmaW: this.sigmaW, dt: this.dt, mixed: this.mixed, adjacentFrom: 0 };
    }
    const h = this.history;
    const total = h.n + this.median.length;
    const w: WholeLog = {
      n: total, tStart: new Float64Array(total), median: new Float64Array(total), sigma: new Float64Array(total),
      baseline: new Float64Array(total), sigmaW: new Float64Array(total), dt: new Float64Array(total), mixed: new Uint8Array(total),
      // until the history thins, it holds every block that left the ring: all entries are consecutive
      adjacentFrom: h.stride === 1 ? 0 : h.n,
    };
    w.tStart.set(h.tStart.subarray(0, h.n)); w.median.set(h.median.subarray(0, h.n)); w.sigma.set(h.sigma.subarray(0, h.n));
    w.baseline.set(h.baseline.subarray(0, h.n)); w.sigmaW.set(h.sigmaW.subarray(0, h.n)); w.dt.set(h.dt.subarray(0, h.n));
    w.mixed.set(h.mixed.subarray(0, h.n));
    for (let k = this.oldest, i = h.n; k < n; k++, i++) {
      const at = k & this.mask;
      w.tStart[i] = this.tStart[at]!; w.median[i] = this.median[at]!; w.sigma[i] = this.sigma[at]!;
      w.baseline[i] = this.baseline[at]!; w.sigmaW[i] = this.sigmaW[at]!; w.dt[i] = this.dt[at]!; w.mixed[i] = this.mixed[at]!;
    }
    return w;
  }

  /** every column to n blocks, the first ones kept */
  private grow(n: number): void {
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.median = f(this.median);
    this.sigma = f(this.sigma);
    this.sigmaD = f(this.sigmaD);
    this.dt = f(this.dt);
    this.tStart = f(this.tStart);
    this.baseline = f(this.baseline);
    this.sigmaW = f(this.sigmaW);
    this.sigmaBefore = f(this.sigmaBefore);
    this.sigmaAfter = f(this.sigmaAfter);
    const s = new Int32Array(n);
    s.set(this.segment);
    this.segment = s;
    const m = new Uint8Array(n);
    m.set(this.mixed);
    this.mixed = m;
    this.mask = n - 1;
  }
}

/** The end-of-trace columns of every block (or of a thinned sample of the oldest), in time order. */
export interface WholeLog {
  n: number;
  tStart: Float64Array;
  median: Float64Array;
  sigma: Float64Array;
  baseline: Float64Array;
  sigmaW: Float64Array;
  dt: Float64Array;
  mixed: Uint8Array;
  /** from this entry on, consecutive entries are consecutive blocks (before it: thinned history) */
  adjacentFrom: number;
}

/** The blocks that left the ring: up to `cap` of them, then thinned (src/detect/thinning.ts). */
export class BlockHistory {
  n = 0;
  tStart = new Float64Array(0);
  median = new Float64Array(0);
  sigma = new Float64Array(0);
  baseline = new Float64Array(0);
  sigmaW = new Float64Array(0);
  dt = new Float64Array(0);
  mixed = new Uint8Array(0);
  private readonly thinning = new Thinning();

  constructor(private readonly cap: number) {}

  /** one retired block in `stride` is kept (1 until the first thinning) */
  get stride(): number {
    return this.thinning.stride;
  }

  /** Keep (or skip, by the stride) the block in slot `at` of the log's columns. */
  retire(B: BlockLog, at: number): void {
    const th = this.thinning;
    if (!th.offer()) return;
    if (this.tStart.length === 0) this.allocate();
    if (this.n === this.cap) {
      this.n = th.thin([this.tStart, this.median, this.sigma, this.baseline, this.sigmaW, this.dt, this.mixed], this.n);
      if (!th.keepsCurrent()) return;
    }
    const i = this.n++;
    this.tStart[i] = B.tStart[at]!; this.median[i] = B.median[at]!; this.sigma[i] = B.sigma[at]!;
    this.baseline[i] = B.baseline[at]!; this.sigmaW[i] = B.sigmaW[at]!; this.dt[i] = B.dt[at]!; this.mixed[i] = B.mixed[at]!;
  }

  private allocate(): void {
    const c = this.cap;
    this.tStart = new Float64Array(c); this.median = new Float64Array(c); this.sigma = new Float64Array(c);
    this.baseline = new Float64Array(c); this.sigmaW = new Float64Array(c); this.dt = new Float64Array(c);
    this.mixed = new Uint8Array(c);
  }
}
