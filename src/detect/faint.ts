// Whether a soft-short spike train is still faint: the soft-phase thresholds are worth their noise spikes only then.

/**
 * The median peak (in sigma) of the last `count` spikes of one direction. Spike amplitudes grow
 * over a soft short (the paper: to hundreds of nA); once even the typical recent spike is far above
 * the noise, an excursion that only the soft threshold admits is far likelier noise than a spike,
 * so the strict thresholds come back (see docs/detection.md, "Soft-phase threshold").
 */
export class FaintTrain {
  private readonly peaks: Float64Array;
  private readonly sorted: Float64Array;
  private n = 0;
  private next = 0;

  constructor(count: number, private readonly faintMax_sigma: number) {
    this.peaks = new Float64Array(Math.max(1, count));
    this.sorted = new Float64Array(Math.max(1, count));
  }

  /** one more spike, its peak in sigma of the noise where it was found */
  add(peak_sigma: number): void {
    if (!Number.isFinite(peak_sigma)) return;
    this.peaks[this.next] = peak_sigma;
    this.next = (this.next + 1) % this.peaks.length;
    if (this.n < this.peaks.length) this.n++;
  }

  /** true while no spike is known, or the median of the last (up to `count`) spikes is below the limit */
  get faint(): boolean {
    const n = this.n;
    if (n === 0) return true;
    const s = this.sorted.subarray(0, n);
    s.set(this.peaks.subarray(0, n));
    s.sort();
    const median = n & 1 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
    return median < this.faintMax_sigma;
  }
}
