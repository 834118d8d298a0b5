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

/** the mains line frequencies cancelled, hertz */
export const MAINS_LINES_HZ = [50, 60] as const;

/** template bins per mains line at this sample rate */
export function mainsBins(rate_hz: number): [number, number] {
  return [phaseBins(rate_hz, MAINS_LINES_HZ[0]), phaseBins(rate_hz, MAINS_LINES_HZ[1])];
}

/**
 * One template per line frequency, binned by the phase t mod (1/f): a periodic waveform of any
 * shape (the line plus its harmonics) is learnt exactly for a stable line, in O(bins) memory. The
 * update is clipped at +-3 sigma so spikes hardly teach it, and both templates learn jointly from
 * what the other leaves. Templates start at 0: the first few seconds see the pickup as noise
 * (thresholds are measured on the cleaned residual, so they are merely conservative there).
 *
 * The detector's kernel holds the templates and cancels the pickup sample by sample
 * (src/detect/wasm/pass1.ts, passOne); this side holds the learning rates and reports what was learnt.
 */
export class MainsCanceller {
  readonly lines_hz = MAINS_LINES_HZ;
  /** per line, the template's learning rate per visit */
  readonly alpha: [number, number];

  /** templates: one per line, of mainsBins(rate_hz) bins, all zero */
  constructor(rate_hz: number, private readonly templates: readonly [Float64Array, Float64Array]) {
    this.alpha = [0, 1].map((k) => {
      // visits per bin per cycle: samples per cycle / bins (>= 1)
      const perCycle = Math.max(1, rate_hz / this.lines_hz[k]! / templates[k]!.length);
      return 1 / (CYCLES * perCycle);
    }) as [number, number];
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
