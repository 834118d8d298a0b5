// STUB (replaced by the detect stage): reports the noise floor and "stable" so the pipeline runs end to end.
import type { Chunk } from "../trace.js";
import { DEFAULT_PARAMS, type DetectorParams } from "./params.js";
import type { Detection, Detector } from "./types.js";

export function createDetector(params: Partial<DetectorParams> = {}): Detector {
  const p = { ...DEFAULT_PARAMS, ...params };
  const t: number[] = [];
  const i: number[] = [];
  return {
    push(chunk: Chunk) {
      for (let k = 0; k < chunk.length; k++) { t.push(chunk.time_s[k]!); i.push(chunk.current_A[k]!); }
    },
    finish(): Detection {
      const t0 = t[0] ?? 0;
      const dur = (t[t.length - 1] ?? 0) - t0;
      return {
        sampleCount: t.length, duration_s: dur, sampleRate_hz: dur > 0 ? (t.length - 1) / dur : 0, t0_s: t0,
        polarity: 1, noise: { sigma_A: 0, baseline_A: 0, k_sigma: 6, threshold_A: 0 }, verdict: "stable",
        transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
        phases: [{ phase: "quiescent", start_s: 0, end_s: dur }], spikes: [], bursts: [], hardShort: null, fuse: null,
        warnings: ["detector stub"], parameters: { ...p, kSigma: 6, burstGap_s: 1 }, extras: {},
      };
    },
  };
}
