// Measured noise of each boxcar width: coloured noise (mains, 1/f, quantisation) makes wide sums noisier than sqrt(w) predicts.
import { SortedWindow } from "./stats.js";

/**
 * History per width, in samples of that width's window: a block holds only ~block/w independent
 * sums, so the median must span ~200 windows to be steady (and no less than 32 blocks).
 */
const WINDOWS = 200;
const MIN_BLOCKS = 32;
const MAX_BLOCKS = 1024;
/**
 * Where in the history of block sigmas a width wider than 1 takes its sigma: a little above the
 * median. Wide sums have few independent values per block and carry the residual's low-frequency
 * content (baseline error, 1/f, mains leftovers), whose level varies from block to block; the tail
 * of the pooled sums follows the noisier blocks, not the median one. Measured with the detector's
 * own residual (test/bench/tails.ts): widths 1 and 4 follow the Gaussian tail of the median sigma,
 * the widest width of a trace does not (seed 11, 100 Hz, width 16: 22 sums beyond 5 sigma against
 * 0.2). Chosen on eval seeds 1, 3, 5, 7, 11 and checked on 13, 17, 19, 23 (docs/accuracy.md, session 6).
 */
const WIDE_QUANTILE = 0.55;

/**
 * Per block and width w: robust sigma (1.4826 x MAD) of the width-w boxcar sums of the residual,
 * expressed per sample (divided by sqrt(w)), so for white noise every width reports about the same
 * sigma (the wider ones a little more: WIDE_QUANTILE). The threshold of width w is then
 * k_w x sigma_w x sqrt(w) on its sum: false alarms stay at the Gaussian budget whatever the noise
 * colour. History restarts at a current-range change.
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

  constructor(
    private readonly widths: number[],
    stride: number,
    /**
     * Width k's robust sigma (per sample) over the block's sums of len samples, NaN when too few
     * sums are whole: the detector's kernel measures it where the sums are (wasm/scalenoise.ts).
     * `reach` only guides its selection (a distance most sums lie within; the result does not depend on it).
     */
    private readonly widthSigma: (k: number, w: number, len: number, reach: number) => number,
  ) {
    this.sigma = new Float64Array(widths.length);
    this.history = widths.map((w) => new SortedWindow(Math.min(MAX_BLOCKS, Math.max(MIN_BLOCKS, Math.ceil((WINDOWS * w) / stride)))));
    this.raw = new SortedWindow(this.history[0]!.capacity);
    this.priorRatio = new Float64Array(widths.length).fill(1);
  }

  /** enough blocks measured (since the start or the last range change) to trust the history */
  get warm(): boolean {
    return this.history[0]!.n >= 8;
  }

  block(len: number, segment: number, skip: boolean, rawSigma: number): void {
    // one small method per job: the rare ones (a range change) kept out of the per-block path, so
    // V8 need not recompile the whole block update when they first run (issue #5)
    if (segment !== this.segment) this.newSegment(segment);
    if (skip) return;
    if (Number.isFinite(rawSigma) && rawSigma > 0) {
      this.raw.push(rawSigma);
      this.rawMedian = this.raw.median();
    }
    for (let k = 0; k < this.widths.length; k++) this.measure(k, len);
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

  /**
   * Width k's robust sigma over this block's sums into its history (none when too few sums are
   * whole). ~64 sums per block are plenty (neighbouring sums of a wide window are nearly equal). The
   * spread is taken about 0, not about the block's own median: overlapping sums are strongly
   * correlated, so their own median would absorb the common part and understate the spread. A
   * window wider than the block leaves one sum per block (500 Hz: 16-sample blocks, width 64):
   * |sum| / 0.6745 has the Gaussian sigma as its median, and the history takes a median.
   */
  private measure(k: number, len: number): void {
    const w = this.widths[k]!;
    // ~3 sigma of the sums as last measured: the selection's buckets then hold a value or two each
    // (0 before the first measurement: one bucket, a plain selection; the same result either way)
    const reach = 3 * this.sigma[k]! * Math.sqrt(w);
    const s = this.widthSigma(k, w, len, reach > 0 && Number.isFinite(reach) ? reach : 0);
    if (!Number.isFinite(s)) return;
    this.history[k]!.push(s);
  }

  /** Each width's sigma: the median of its history (width 1), a little above it for the wider ones. */
  private updateSigmas(): void {
    for (let k = 0; k < this.widths.length; k++) {
      const h = this.history[k]!;
      const n = h.n;
      if (n === 0) continue;
      // never below the width-1 sigma: a noisy estimate must not make wide sums look significant
      let floor = k > 0 ? this.sigma[0]! : 0;
      if (k > 0 && 2 * n < h.capacity) floor *= this.priorRatio[k]!;
      this.sigma[k] = Math.max(k > 0 ? h.quantile(WIDE_QUANTILE) : h.median(), floor);
    }
  }
}
