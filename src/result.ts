// The result object: the one thing every reporter shares, and the JSON contract (schemaVersion 1).
// Fields named here are a contract with users' scripts: add freely, never rename or remove.
import type { InputInfo, ParseSummary } from "./parse/types.js";
import type { DetectorParams } from "./detect/params.js";

export const SCHEMA_VERSION = 1 as const;

export type Verdict = "stable" | "soft-short" | "hard-short" | "fuse";
export type PhaseName = "quiescent" | "soft-short" | "hard-short" | "open";

/** Order of the stages: verdict = furthest stage reached. */
export const VERDICT_ORDER: readonly Verdict[] = ["stable", "soft-short", "hard-short", "fuse"];

export interface Spike {
  start_s: number;
  peak_s: number;
  end_s: number;
  /** excess over the local baseline in the leakage direction, > 0 */
  peak_A: number;
  /** excess charge over the local baseline, in the leakage direction, > 0 */
  charge_C: number;
}

export interface Burst {
  start_s: number;
  end_s: number;
  spikes: number;
}

export interface Phase {
  phase: PhaseName;
  start_s: number;
  end_s: number;
}

export interface Transitions {
  softShortOnset_s: number | null;
  hardShort_s: number | null;
  fuse_s: number | null;
}

export interface NoiseFloor {
  /** robust (MAD-based) standard deviation of the quiet trace */
  sigma_A: number;
  /** median level of the quiet trace */
  baseline_A: number;
  /** spike threshold in sigma units and in amperes (excess over the local baseline) */
  k_sigma: number;
  threshold_A: number;
}

export interface HardShortInfo {
  start_s: number;
  end_s: number;
  duration_s: number;
  /** median excess current over the baseline during the short, in the leakage direction */
  level_A: number;
  /** true when the top is flat at what looks like the instrument's compliance limit */
  clipped: boolean;
}

export interface FuseInfo {
  time_s: number;
  /** median current after the collapse */
  level_A: number;
}

/** What the detector finds in a trace: the part of the result that does not depend on where samples came from. */
export interface Timeline {
  sampleCount: number;
  /** first to last sample time */
  duration_s: number;
  /** median sample rate from the actual time steps */
  sampleRate_hz: number;
  /** time of the first sample on the file's own axis; all *_s fields are seconds since it */
  t0_s: number;
  /** +1 when leakage drives the current positive, -1 when negative */
  polarity: 1 | -1;
  noise: NoiseFloor;
  verdict: Verdict;
  transitions: Transitions;
  phases: Phase[];
  spikes: Spike[];
  bursts: Burst[];
  hardShort: HardShortInfo | null;
  fuse: FuseInfo | null;
  warnings: string[];
  /** detector parameters actually used, every null default resolved: enough to reproduce the result */
  parameters: DetectorParams;
}

export interface AnalysisResult extends Timeline {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: "softshort"; version: string };
  file: string;
  /** what the parser read and assumed (absent when samples came from arrays) */
  input: (InputInfo & { summary: ParseSummary }) | null;
  /** optional analyses added by later stages (escalation statistics, charge split, frames) */
  [extra: string]: unknown;
}

/** A file that could not be analysed, as batch outputs record it (one bad file never stops the others). */
export interface FileFailure {
  schemaVersion: typeof SCHEMA_VERSION;
  file: string;
  status: "error";
  /** the one-line message a user would see */
  error: string;
  wall_s: number;
  /** sha256 of the input bytes, null when they could not be read */
  sha256: string | null;
}

/** What a batch run produces per input, in input order. */
export type FileOutcome =
  | { status: "ok"; file: string; result: AnalysisResult; wall_s: number; sha256: string | null }
  | FileFailure;
