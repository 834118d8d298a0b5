// The bounded look-back every per-sample stage shares: residuals, local sigma, time and goodness by global index.

export const USABLE = 1;
export const OVERLOAD = 2;

export class SampleRing {
  readonly mask: number;
  readonly residual: Float64Array;
  readonly sigma: Float64Array;
  readonly time: Float64Array;
  /** 1 = usable for spikes (no SampleFlag bit, finite, not in a range-change block) */
  readonly good: Uint8Array;
  /** raw current (the short finders read it here: doubles passed as call arguments would be boxed per sample) */
  readonly current: Float64Array;
  /** the sample's share of time for charge integrals */
  readonly dt: Float64Array;
  /** USABLE (finite, not Missing/Overflow) and OVERLOAD bits for the short finders */
  readonly state: Uint8Array;

  /** over arrays of one power-of-two length (the detector's kernel memory: see kernel.ts) */
  constructor(a: { residual: Float64Array; sigma: Float64Array; time: Float64Array; good: Uint8Array; current: Float64Array; dt: Float64Array; state: Uint8Array }) {
    this.mask = a.residual.length - 1;
    this.residual = a.residual;
    this.sigma = a.sigma;
    this.time = a.time;
    this.good = a.good;
    this.current = a.current;
    this.dt = a.dt;
    this.state = a.state;
  }
}

/** the smallest power of two >= n */
export function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size <<= 1;
  return size;
}
