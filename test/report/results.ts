// Hand-built AnalysisResult objects whose right text and JSON a reader can check by hand.
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import { SCHEMA_VERSION, type AnalysisResult, type Spike } from "../../src/result.js";

/** A stable trace: 600 s at 1 kHz, noise floor only. */
export function stableResult(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "softshort", version: "0.1.0" },
    file: "fixtures/hybrid-stable.csv",
    sampleCount: 600001,
    duration_s: 600,
    sampleRate_hz: 1000,
    polarity: 1,
    noise: { sigma_A: 0.49e-9, baseline_A: 0.11e-9, k_sigma: 6.1, threshold_A: 3.0e-9 },
    verdict: "stable",
    transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
    phases: [{ phase: "quiescent", start_s: 0, end_s: 600 }],
    spikes: [],
    bursts: [],
    hardShort: null,
    fuse: null,
    warnings: [],
    parameters: { ...DEFAULT_PARAMS, kSigma: 6.1, burstGap_s: 0.5 },
    input: null,
    t0_s: 0,
    ...overrides,
  };
}

/**
 * Spikes growing from 4 nA to 310 nA between 182.3 s and 355 s: 20 spikes, 2 per burst (10 bursts).
 * First tenth (2 spikes) peak at 4 nA, last tenth (2 spikes) at 310 nA.
 */
export function growingSpikes(polarity: 1 | -1 = 1): Spike[] {
  const spikes: Spike[] = [];
  for (let k = 0; k < 20; k++) {
    const peak_s = 183 + k * 8;
    const peak_A = k < 2 ? 4e-9 : k >= 18 ? 310e-9 : 50e-9;
    void polarity; // peak_A is the excess in the leakage direction: > 0 whatever the polarity
    spikes.push({ start_s: peak_s - 0.002, peak_s, end_s: peak_s + 0.003, peak_A, charge_C: peak_A * 0.003 });
  }
  return spikes;
}

/** Soft short -> hard short -> fuse: the example trace (400 s at 1 kHz). */
export function fuseResult(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  const spikes = growingSpikes();
  return stableResult({
    file: "fixtures/latp-fuse.csv",
    sampleCount: 400001,
    duration_s: 400,
    verdict: "fuse",
    transitions: { softShortOnset_s: 182.3, hardShort_s: 355, fuse_s: 361.2 },
    phases: [
      { phase: "quiescent", start_s: 0, end_s: 182.3 },
      { phase: "soft-short", start_s: 182.3, end_s: 355 },
      { phase: "hard-short", start_s: 355, end_s: 361.2 },
      { phase: "open", start_s: 361.2, end_s: 400 },
    ],
    spikes,
    bursts: Array.from({ length: 10 }, (_, b) => ({ start_s: spikes[2 * b]!.start_s, end_s: spikes[2 * b + 1]!.end_s, spikes: 2 })),
    hardShort: { start_s: 355, end_s: 361.2, duration_s: 6.2, level_A: 420e-9, clipped: false },
    fuse: { time_s: 361.2, level_A: 0.1e-9 },
    ...overrides,
  });
}
