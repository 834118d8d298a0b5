// Measured noise of each boxcar width: coloured noise (mains, 1/f, quantisation) makes wide sums noisier than sqrt(w) predicts.
import { madSigmaInPlace, medianInPlace } from "./stats.js";

/** blocks of history per width (a median over them, so a spike-dense block cannot move it) */
const HISTORY = 32;

/**
 * Per block and width w: robust sigma (1.4826 x MAD) of the width-w boxcar sums of the residual,
 * expressed per sample (divided by sqrt(w)), so for white noise every width reports the same
 * sigma. The threshold of width w is then k_w x sigma_w x sqrt(w) on its sum: false alarms stay
 * at the Gaussian budget whatever the noise colour. History restarts at a current-range change.
 */
export class ScaleNoise {
  readonly sigma: Float64Array;
  private readonly history: Float64Array;
  private readonly filled: Int32Array;
  private next = 0;
  private segment = 0;
  private readonly scratch: Float64Array;
  private readonly tmp = new Float64Array(HISTORY);

  constructor(private readonly widths: number[], private readonly stride: number) {
    this.sigma = new Float64Array(widths.length);
    this.history = new Float64Array(widths.length * HISTORY);
    this.filled = new Int32Array(widths.length);
    this.scratch = new Float64Array(stride);
  }

  block(store: Float64Array, runs: Int32Array, len: number, segment: number, skip: boolean): void {
    if (segment !== this.segment) {
      this.segment = segment;
      this.filled.fill(0);
      this.next = 0;
    }
    if (skip) return;
    const a = this.scratch;
    const slot = this.next;
    let wrote = false;
    for (let k = 0; k < this.widths.length; k++) {
      const w = this.widths[k]!;
      let n = 0;
      for (let o = 0; o < len; o++) if (runs[o]! >= w) a[n++] = store[k * this.stride + o]!;
      if (n < Math.max(8, len / 4)) continue;
      // about 0, not about the block's own median: overlapping sums are strongly correlated, so
      // their own median would absorb the common part and understate the spread
      const s = madSigmaInPlace(a, n, 0) / Math.sqrt(w);
      if (!Number.isFinite(s)) continue;
      this.history[k * HISTORY + slot] = s;
      if (this.filled[k]! <= slot) this.filled[k] = slot + 1;
      wrote = true;
    }
    if (wrote) this.next = (this.next + 1) % HISTORY;
    for (let k = 0; k < this.widths.length; k++) {
      const n = this.filled[k]!;
      if (n === 0) continue;
      this.tmp.set(this.history.subarray(k * HISTORY, k * HISTORY + n));
      this.sigma[k] = medianInPlace(this.tmp, n);
    }
  }
}
