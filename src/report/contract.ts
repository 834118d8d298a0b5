// The JSON contract's frozen field names (issue 2), checked against the types here and against the schema in tests.
import type { AnalysisResult, Burst, FileFailure, NoiseFloor, Phase, Spike, Transitions } from "../result.js";

// the declared keys of a type, without the `[extra: string]: unknown` index signature that lets extras in
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * Every field users' scripts may depend on, by JSON path ("phases[].start_s" = each element's start_s).
 * A rename in src/result.ts fails `tsc` here; a rename in the schema fails test/report/schema.test.ts.
 */
export const CONTRACT_FIELDS = {
  result: [
    "schemaVersion", "tool", "file", "sampleCount", "duration_s", "sampleRate_hz", "polarity", "noise", "verdict",
    "transitions", "phases", "spikes", "bursts", "warnings", "parameters",
  ] as const satisfies readonly DeclaredKeys<AnalysisResult>[],
  noise: ["sigma_A", "baseline_A"] as const satisfies readonly (keyof NoiseFloor)[],
  transitions: ["softShortOnset_s", "hardShort_s", "fuse_s"] as const satisfies readonly (keyof Transitions)[],
  phases: ["phase", "start_s", "end_s"] as const satisfies readonly (keyof Phase)[],
  spikes: ["start_s", "peak_s", "end_s", "peak_A", "charge_C"] as const satisfies readonly (keyof Spike)[],
  bursts: ["start_s", "end_s", "spikes"] as const satisfies readonly (keyof Burst)[],
  failure: ["schemaVersion", "file", "status", "error", "wall_s", "sha256"] as const satisfies readonly (keyof FileFailure)[],
} as const;

/** The contract as JSON paths, e.g. "noise.sigma_A", "spikes[].peak_A". */
export function contractPaths(): { result: string[]; failure: string[] } {
  const f = CONTRACT_FIELDS;
  return {
    result: [
      ...f.result,
      ...f.noise.map((k) => `noise.${k}`),
      ...f.transitions.map((k) => `transitions.${k}`),
      ...f.phases.map((k) => `phases[].${k}`),
      ...f.spikes.map((k) => `spikes[].${k}`),
      ...f.bursts.map((k) => `bursts[].${k}`),
    ],
    failure: [...f.failure],
  };
}
