// Detector parameters: every reported event is backed by one of these, and all of them go into the result.

export interface DetectorParams {
  /** spike threshold in robust sigma units; null = chosen from the sample rate (see docs) */
  kSigma: number | null;
  /** the spike ends when the excess falls below this many sigma (hysteresis) */
  kRelease: number;
  /** minimum spike width, seconds */
  minSpikeWidth_s: number;
  /** spikes closer than this belong to one burst; null = derived from the trace */
  burstGap_s: number | null;
  /** minimum duration of sustained conduction for a hard short, seconds */
  hardShortMin_s: number;
  /** minimum time at the floor after a hard short for a fuse, seconds */
  fuseMin_s: number;
  /** upper bound of a Faradaic current, amperes (paper: ~100 pA) */
  faradaicMax_A: number;
  /** force the leakage direction; null = detect */
  polarity: 1 | -1 | null;
}

export const DEFAULT_PARAMS: DetectorParams = {
  kSigma: null,
  kRelease: 2,
  minSpikeWidth_s: 0,
  burstGap_s: null,
  hardShortMin_s: 2,
  fuseMin_s: 1,
  faradaicMax_A: 100e-12,
  polarity: null,
};
