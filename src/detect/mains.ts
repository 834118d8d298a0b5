// Mains pickup (50 and 60 Hz with harmonics): a periodic template per line, learnt from the residual and subtracted.

/** each template bin averages over about this many visits (cycles of the line) */
const CYCLES = 200;

/**
 * One template per line frequency, binned by the phase t mod (1/f): a periodic waveform of any
 * shape (the line plus its harmonics) is learnt exactly for a stable line, in O(bins) memory. The
 * update is clipped at +-3 sigma so spikes hardly teach it, and both templates learn jointly from
 * what the other leaves. Templates start at 0: the first few seconds see the pickup as noise
 * (thresholds are measured on the cleaned residual, so they are merely conservative there).
 */
export class MainsCanceller {
  readonly lines_hz = [50, 60] as const;
  private readonly bins: Int32Array;
  private readonly templates: Float64Array[];
  private readonly alpha: Float64Array;

  constructor(rate_hz: number) {
    this.bins = Int32Array.from(this.lines_hz, (f) => Math.max(1, Math.min(64, Math.floor(rate_hz / f))));
    this.templates = [...this.bins].map((n) => new Float64Array(n));
    this.alpha = Float64Array.from(this.lines_hz, (f, k) => {
      // visits per bin per cycle: samples per cycle / bins (>= 1)
      const perCycle = Math.max(1, rate_hz / f / this.bins[k]!);
      return 1 / (CYCLES * perCycle);
    });
  }

  /**
   * For ring slots i & mask, i in [from, to) in order, where good[slot] is set: subtract the pickup
   * predicted at time[slot] from values[slot] and learn from what is left (clipped to +-clip so a
   * spike cannot teach the template). One loop per block: a call per sample would box its doubles.
   */
  cancelRange(time: Float64Array, values: Float64Array, good: Uint8Array, from: number, to: number, mask: number, clip: number): void {
    const tpl0 = this.templates[0]!;
    const tpl1 = this.templates[1]!;
    const f0 = this.lines_hz[0];
    const f1 = this.lines_hz[1];
    const n0 = this.bins[0]!;
    const n1 = this.bins[1]!;
    const a0 = this.alpha[0]!;
    const a1 = this.alpha[1]!;
    for (let i = from; i < to; i++) {
      const s = i & mask;
      if (!good[s]) continue;
      const t = time[s]!;
      const p0 = t * f0 - Math.floor(t * f0);
      let b0 = Math.floor(p0 * n0);
      if (b0 >= n0) b0 = n0 - 1;
      const p1 = t * f1 - Math.floor(t * f1);
      let b1 = Math.floor(p1 * n1);
      if (b1 >= n1) b1 = n1 - 1;
      let y = 0;
      y += tpl0[b0]!;
      y += tpl1[b1]!;
      const r = values[s]! - y;
      // r clamped to [-clip, clip] (clip is finite and >= 0; -0 kept). Math.min/max, not a ternary
      // on the boxed argument: that made V8 allocate a number per sample
      const c = Math.min(Math.max(r, -clip), clip);
      tpl0[b0] = tpl0[b0]! + a0 * c;
      tpl1[b1] = tpl1[b1]! + a1 * c;
      values[s] = r;
    }
  }

  /** RMS of each template (amperes): the pickup amplitude found per line. */
  amplitudes(): number[] {
    return this.templates.map((tpl) => {
      let s = 0;
      let m = 0;
      for (const v of tpl) m += v;
      m /= tpl.length;
      for (const v of tpl) s += (v - m) * (v - m);
      return Math.sqrt(s / tpl.length);
    });
  }
}
