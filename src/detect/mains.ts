// Mains pickup (50 and 60 Hz with harmonics): a periodic template per line, learnt from the residual and subtracted.

/** each template bin averages over about this many visits (cycles of the line) */
const CYCLES = 200;
const MAX_BINS = 64;

/**
 * Template bins for a line of f_hz sampled at rate_hz: one per distinct sample phase. rate/f = p/q
 * in lowest terms puts the samples on p phases (100 Hz, 60 Hz: 5/3, phases 0, 0.6, 0.2, 0.8, 0.4),
 * not floor(rate/f) (1 bin: the line could not be learnt at all). Irregular ratios get MAX_BINS.
 */
export function phaseBins(rate_hz: number, f_hz: number): number {
  const ratio = rate_hz / f_hz;
  for (let q = 1; q <= MAX_BINS; q++) {
    const p = Math.round(ratio * q);
    if (p >= 1 && Math.abs(ratio * q - p) < 1e-6 * q) return Math.min(MAX_BINS, p);
  }
  return MAX_BINS;
}

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
    this.bins = Int32Array.from(this.lines_hz, (f) => phaseBins(rate_hz, f));
    this.templates = [...this.bins].map((n) => new Float64Array(n));
    this.alpha = Float64Array.from(this.lines_hz, (f, k) => {
      // visits per bin per cycle: samples per cycle / bins (>= 1)
      const perCycle = Math.max(1, rate_hz / f / this.bins[k]!);
      return 1 / (CYCLES * perCycle);
    });
  }

  /**
   * Subtract the pickup predicted at t from v and learn from what is left (clipped to +-clip so a
   * spike cannot teach the template); each line's phase bin is computed once per sample (hot loop).
   */
  cancel(t: number, v: number, clip: number): number {
    const b0 = this.bin(0, t);
    const b1 = this.bin(1, t);
    const tpl0 = this.templates[0]!;
    const tpl1 = this.templates[1]!;
    let y = 0;
    y += tpl0[b0]!;
    y += tpl1[b1]!;
    const r = v - y;
    const c = r > clip ? clip : r < -clip ? -clip : r;
    tpl0[b0] = tpl0[b0]! + this.alpha[0]! * c;
    tpl1[b1] = tpl1[b1]! + this.alpha[1]! * c;
    return r;
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

  private bin(k: number, t: number): number {
    const f = this.lines_hz[k]!;
    const phase = t * f - Math.floor(t * f);
    const n = this.bins[k]!;
    // samples sit on the phase lattice k/n: round to it (a floor would send 0.9999999... to the last bin)
    const b = Math.round(phase * n);
    return b >= n ? b - n : b;
  }
}
