// Labelled synthetic traces: what to generate (SimSpec) and the truth to score a detector against.
import type { Spike, Verdict } from "../result.js";

export type SimScenario = "stable" | "soft-short" | "soft-hard" | "soft-hard-fuse";

export interface SimSpec {
  scenario: SimScenario;
  seed: number;
  duration_s: number;
  rate_hz: number;
  polarity?: 1 | -1;
  /** white-noise sigma, amperes (paper: ~0.5 nA) */
  noiseSigma_A?: number;
  /** further options (nuisances, spike shapes, ...) are added by the simulator freely */
  [option: string]: unknown;
}

export interface TruthSpike extends Spike {
  /** peak excess in units of the white-noise sigma */
  sigmaMultiple: number;
}

/** The truth, in the result contract's shape, so a result and its truth compare field by field. */
export interface SimTruth {
  spec: SimSpec;
  verdict: Verdict;
  polarity: 1 | -1;
  noise: { sigma_A: number; baseline_A: number };
  transitions: { softShortOnset_s: number | null; hardShort_s: number | null; fuse_s: number | null };
  spikes: TruthSpike[];
}

export interface SimTrace {
  time_s: Float64Array;
  current_A: Float64Array;
  /** artefact flags as a parser would set them (NaN rows etc.), when the spec asks for artefacts */
  flags?: Uint8Array;
  truth: SimTruth;
}
