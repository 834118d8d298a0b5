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

  constructor(minSize: number) {
    let size = 1;
    while (size < minSize) size <<= 1;
    this.mask = size - 1;
    this.residual = new Float64Array(size);
    this.sigma = new Float64Array(size);
    this.time = new Float64Array(size);
    this.good = new Uint8Array(size);
    this.current = new Float64Array(size);
    this.dt = new Float64Array(size);
    this.state = new Uint8Array(size);
  }
}
