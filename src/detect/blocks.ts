// Per-block summaries (median, robust sigma, median dt, baseline): O(n/block) memory for any trace length.

/** Growable columns of block summaries. */
export class BlockLog {
  length = 0;
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

  constructor() {
    // sized by the method that grows them: a field V8 has only seen written once is taken for a
    // constant, and the code that relied on that was thrown away at the first growth (issue #5)
    this.grow(1024);
  }

  add(median: number, sigma: number, sigmaD: number, dt: number, tStart: number, segment: number, mixed: boolean): number {
    if (this.length === this.median.length) this.grow(2 * this.length);
    const k = this.length++;
    this.median[k] = median;
    this.sigma[k] = sigma;
    this.sigmaD[k] = sigmaD;
    this.dt[k] = dt;
    this.tStart[k] = tStart;
    this.baseline[k] = NaN;
    this.sigmaW[k] = NaN;
    this.sigmaBefore[k] = NaN;
    this.sigmaAfter[k] = NaN;
    this.segment[k] = segment;
    this.mixed[k] = mixed ? 1 : 0;
    return k;
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
  }
}
