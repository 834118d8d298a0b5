// Hand-built Detections for the analytics tests (the statistics are pure functions of these).
import type { Detection } from "../../src/detect/types.js";
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import type { Burst, Phase, Spike } from "../../src/result.js";

export function detection(over: Partial<Detection> = {}): Detection {
  const phases: Phase[] = over.phases ?? [{ phase: "quiescent", start_s: 0, end_s: 10 }];
  return {
    sampleCount: 0, duration_s: 10, sampleRate_hz: 1, t0_s: 0, polarity: 1,
    noise: { sigma_A: 0.5e-9, baseline_A: 0, k_sigma: 6, threshold_A: 3e-9 },
    verdict: "stable", transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null },
    phases, spikes: [], bursts: [], hardShort: null, fuse: null, warnings: [],
    parameters: { ...DEFAULT_PARAMS, kSigma: 6, burstGap_s: 1 }, extras: {},
    ...over,
  };
}

export function spike(peak_s: number, peak_A = 1e-9, charge_C = 1e-12): Spike {
  return { start_s: peak_s - 0.001, peak_s, end_s: peak_s + 0.001, peak_A, charge_C };
}

export function burst(start_s: number, end_s: number, spikes: number): Burst {
  return { start_s, end_s, spikes };
}

/** Spike peak times with `counts[i]` spikes spread evenly over window i of width `width_s`. */
export function timesWithCounts(counts: number[], width_s: number, start_s = 0): number[] {
  const out: number[] = [];
  counts.forEach((c, i) => {
    for (let j = 0; j < c; j++) out.push(start_s + i * width_s + ((j + 0.5) * width_s) / c);
  });
  return out;
}
