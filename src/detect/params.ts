// Detector parameters: every reported event is backed by one of these, and all of them go into the result.
// Defaults and the reasons for them are in docs/detection.md.

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

  /** expected false spikes per hour of pure Gaussian noise that sets kSigma when it is null */
  falseSpikesPerHour: number;
  /** threshold (sigma) after a confirmed soft-short onset; null = from softFalseSpikesPerHour */
  kSigmaSoft: number | null;
  /** noise-only spike rate tolerated inside a confirmed soft-short phase (sets kSigmaSoft) */
  softFalseSpikesPerHour: number;
  /** at confirmation, soft-threshold spikes back to the onset (at most this long before) replace the strict ones, seconds */
  softLookback_s: number;
  /** the soft thresholds apply only while the median peak of the last softFaintSpikes spikes is below this (sigma) */
  softFaint_sigma: number;
  /** how many recent spikes judge whether the spike train is still faint */
  softFaintSpikes: number;
  /** boxcar widths (samples) of the multi-scale search for wide faint spikes; null = from the rate */
  boxcarWidths: number[] | null;
  /** ragged tops: dips below the release level this many samples long do not end a spike */
  mergeGap_samples: number;
  /** this many samples back at the baseline (mean excess <= 0.5 sigma) between two events: the second is no tail of the first (0: never) */
  splitDip_samples: number;
  /** ... provided its peak reaches this many sigma */
  splitRise_sigma: number;
  /** block length for the per-block medians and noise estimates, seconds (min 16 samples) */
  block_s: number;
  /** neighbouring baselines this far apart (sigma) mark a level step: located to the sample, and the running median restarts past it */
  baselineStep_sigma: number;
  /** width of the running (centred) median baseline, seconds */
  baselineWindow_s: number;
  /** memory of the quiescent floor reference, seconds */
  floorWindow_s: number;
  /** a floor level that stays outside the gate this long is re-acquired as the new floor, seconds */
  floorReacquire_s: number;
  /** persistent baseline rise (sigma) above the floor that marks a soft-short level step */
  onsetStep_sigma: number;
  /** how long the step must persist, seconds */
  onsetPersist_s: number;
  /** a second spike within this time of the previous one confirms the onset, seconds */
  onsetRateWindow_s: number;
  /** hard-short level threshold above the floor, sigma (also at least 10 x faradaicMax_A) */
  hardShort_sigma: number;
  /** after a collapse, the current must stay within this many sigma of the floor (or of 0) for a fuse */
  fuseBand_sigma: number;
  /** the instrument controlled the current (battery cyclers: InputInfo.currentControlled): never a hard short or fuse */
  currentControlled: boolean;
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
  falseSpikesPerHour: 0.01,
  kSigmaSoft: null,
  softFalseSpikesPerHour: 60,
  softLookback_s: 120,
  softFaint_sigma: 20,
  softFaintSpikes: 8,
  boxcarWidths: null,
  mergeGap_samples: 1,
  splitDip_samples: 3,
  splitRise_sigma: 4,
  block_s: 0.025,
  baselineWindow_s: 2,
  baselineStep_sigma: 2,
  floorWindow_s: 20,
  floorReacquire_s: 30,
  onsetStep_sigma: 1.5,
  onsetPersist_s: 3,
  onsetRateWindow_s: 60,
  hardShort_sigma: 30,
  fuseBand_sigma: 10,
  currentControlled: false,
};
