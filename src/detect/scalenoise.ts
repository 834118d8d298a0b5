// Measured noise of each boxcar width: coloured noise (mains, 1/f, quantisation) makes wide sums noisier than sqrt(w) predicts.
import { SortedWindow, trimmedSigmaInPlace } from "./stats.js";

/**
 * History per width, in samples of that width's window: a block holds only ~block/w independent
 * sums, so the median must span ~200 windows to be steady (and no less than 32 blocks).
 */
const WINDOWS = 200;
const MIN_BLOCKS = 32;
const MAX_BLOCKS = 1024;
/** median of |Z| for a standard normal Z */
const MEDIAN_ABS_Z = 0.6744897501960817;

/**
 * Per block and width w: robust sigma (1.4826 x MAD) of the width-w boxcar sums of the residual,
 * expressed per sample (divided by sqrt(w)), so for white noise every width reports the same
 * sigma. The threshold of width w is then k_w x sigma_w x sqrt(w) on its sum: false alarms stay
 * at the Gaussian budget whatever the noise colour. History restarts at a current-range change.
 */
export class ScaleNoise {
  readonly sigma: Float64Array;
  /**
   * Median raw block sigma over the width-1 history: what the measured sigmas were learnt against.
   * Raw noise now / this = how much noisier the trace has become since (an unflagged range change).
   */
  rawMedian = NaN;
  /** raw block sigmas over the width-1 history length (sorted windows: the medians are O(1) per block) */
  private readonly raw: SortedWindow;
  private readonly priorRatio: Float64Array;
  private readonly history: SortedWindow[];
  private segment = 0;
  private readonly scratch: Float64Array;

  constructor(private readonly widths: number[], private readonly stride: number) {
    this.sigma = new Float64Array(widths.length);
    this.history = widths.map((w) => new SortedWindow(Math.min(MAX_BLOCKS, Math.max(MIN_BLOCKS, Math.ceil((WINDOWS * w) / stride)))));
    this.scratch = new Float64Array(stride);
    this.raw = new SortedWindow(this.history[0]!.capacity);
    this.priorRatio = new Float64Array(widths.length).fill(1);
  }

  /** enough blocks measured (since the start or the last range change) to trust the history */
  get warm(): boolean {
    return this.history[0]!.n >= 8;
  }

  block(store: Float64Array, runs: Int32Array, len: number, segment: number, skip: boolean, rawSigma: number): void {
    // one small method per job: the rare ones (a range change) kept out of the per-block path, so
    // V8 need not recompile the whole block update when they first run (issue #5)
    if (segment !== this.segment) this.newSegment(segment);
    if (skip) return;
    if (Number.isFinite(rawSigma) && rawSigma > 0) {
      this.raw.push(rawSigma);
      this.rawMedian = this.raw.median();
    }
    for (let k = 0; k < this.widths.length; k++) this.measure(k, store, runs, len);
    this.updateSigmas();
  }

  /** A current-range change: the history restarts. */
  private newSegment(segment: number): void {
    // the noise colour rarely changes with the range: keep each width's ratio to width 1 as a
    // floor until the new history is half full (a short history under-states wide-window noise)
    for (let k = 0; k < this.widths.length; k++) {
      this.priorRatio[k] = this.sigma[0]! > 0 ? Math.max(1, this.sigma[k]! / this.sigma[0]!) : 1;
    }
    this.segment = segment;
    for (const h of this.history) h.clear();
    this.raw.clear();
  }

  /** Width k's robust sigma over this block's sums into its history (none when too few sums are whole). */
  private measure(k: number, store: Float64Array, runs: Int32Array, len: number): void {
    const a = this.scratch;
    const w = this.widths[k]!;
    // ~64 values per block are plenty (neighbouring sums of a wide window are nearly equal anyway)
    const step = Math.max(1, Math.floor(len / 64), w >> 2);
    let n = 0;
    let seen = 0;
    for (let o = 0; o < len; o += step) {
      seen++;
      if (runs[o]! >= w) a[n++] = store[k * this.stride + o]!;
    }
    if (n < Math.max(1, seen / 2)) return;
    // about 0, not about the block's own median: overlapping sums are strongly correlated, so
    // their own median would absorb the common part and understate the spread
    // a window wider than the block leaves one sum per block (500 Hz: 16-sample blocks, width 64):
    // |sum| / 0.6745 has the Gaussian sigma as its median, and the history takes a median
    const s = (n === 1 ? Math.abs(a[0]!) / MEDIAN_ABS_Z : trimmedSigmaInPlace(a, n, 0, false)) / Math.sqrt(w);
    if (!Number.isFinite(s)) return;
    this.history[k]!.push(s);
  }

  /** Each width's sigma: the median of its history. */
  private updateSigmas(): void {
    for (let k = 0; k < this.widths.length; k++) {
      const h = this.history[k]!;
      const n = h.n;
      if (n === 0) continue;
      // never below the width-1 sigma: a noisy estimate must not make wide sums look significant
      let floor = k > 0 ? this.sigma[0]! : 0;
      if (k > 0 && 2 * n < h.capacity) floor *= this.priorRatio[k]!;
      this.sigma[k] = Math.max(h.median(), floor);
    }
  }
}
