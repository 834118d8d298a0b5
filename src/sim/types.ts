// Labelled synthetic traces: what to generate (SimSpec) and the truth to score a detector against.
import type { Spike, Verdict } from "../result.js";

export type SimScenario = "stable" | "soft-short" | "soft-hard" | "soft-hard-fuse";
export type SpikeShape = "exponential" | "square" | "single";
export type Arrivals = "poisson" | "clustered";

export interface SimSpec {
  scenario: SimScenario;
  seed: number;
  duration_s: number;
  rate_hz: number;
  polarity?: 1 | -1;
  /** white-noise sigma, amperes (paper: ~0.5 nA) */
  noiseSigma_A?: number;
  /** time written for the first sample (files rarely start at 0); truth times stay relative to it */
  startTime_s?: number;
  /** constant Faradaic current in the leakage direction, <= 100 pA (default: random 0-100 pA) */
  faradaic_A?: number;

  // --- the short itself (defaults: drawn from the seed) ---
  onset_s?: number;
  hardShort_s?: number;
  fuse_s?: number;
  /** soft-short onset step in sigma units (default 2-12) */
  stepSigma?: number;
  /** mean spike rate during the soft short, per second (default 0.5-3) */
  spikeRate_hz?: number;
  /** spike amplitude (sigma units) at the start and the end of the soft short (default 3-5 -> 200-2000) */
  ampStartSigma?: number;
  ampEndSigma?: number;
  /** one shape for every spike, or "mixed" (default) */
  spikeShape?: SpikeShape | "mixed";
  arrivals?: Arrivals;
  /** hard-short current, amperes (default 300 nA - 3 uA) */
  hardLevel_A?: number;
  /** flat-top the hard short at a compliance limit below its level */
  clip?: boolean;

  // --- nuisances (issue 4 §1); each off unless set ---
  /** slow baseline drift: peak amplitude, amperes */
  drift_A?: number;
  /** 1/f (pink) noise RMS, amperes */
  pink_A?: number;
  /** mains pickup frequency (50 or 60 Hz) and fundamental amplitude in amperes (harmonics 3rd, 5th follow) */
  mains_hz?: 50 | 60;
  mainsAmp_A?: number;
  /** ADC quantisation step, amperes (scales with the current range) */
  quantLsb_A?: number;
  /** current-range changes: the noise floor changes and the first sample after is flagged RangeChange */
  autorange?: boolean;
  /** fraction of rows written as NaN (flag Missing) and as the overflow sentinel 9.9e37 (flag Overflow) */
  nanRate?: number;
  overflowRate?: number;
  /** fraction of rows whose time stamp repeats the previous one */
  duplicateRate?: number;
  /** number of dropout gaps (no rows for 0.05-2 s; the first row after is flagged Discontinuity) */
  dropouts?: number;

  [option: string]: unknown;
}

export interface TruthSpike extends Spike {
  /** peak excess in units of the white-noise sigma */
  sigmaMultiple: number;
  shape: SpikeShape;
}

/** The truth, in the result contract's shape, so a result and its truth compare field by field. */
export interface SimTruth {
  spec: SimSpec;
  verdict: Verdict;
  polarity: 1 | -1;
  noise: { sigma_A: number; baseline_A: number };
  transitions: { softShortOnset_s: number | null; hardShort_s: number | null; fuse_s: number | null };
  spikes: TruthSpike[];
  /** level step at the soft-short onset, amperes in the leakage direction (0 when stable) */
  onsetStep_A: number;
  hardShort: { start_s: number; end_s: number; level_A: number; clipped: boolean; compliance_A: number | null } | null;
  /** rows actually written (dropouts remove rows) */
  sampleCount: number;
  duration_s: number;
  /** where artefacts were put (times relative to the first sample) */
  artefacts: {
    rangeChanges_s: number[];
    gaps: { start_s: number; end_s: number }[];
    missing: number;
    overflow: number;
    duplicates: number;
  };
}

export interface SimTrace {
  time_s: Float64Array;
  current_A: Float64Array;
  /** artefact flags as a parser would set them (NaN rows etc.), when the spec asks for artefacts */
  flags?: Uint8Array;
  truth: SimTruth;
}
