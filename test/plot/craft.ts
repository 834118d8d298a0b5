// Crafted traces with a known answer for the plot tests: a soft -> hard -> fuse run and its result object.
import { DEFAULT_PARAMS } from "../../src/detect/params.js";
import type { Detection } from "../../src/detect/types.js";
import { SCHEMA_VERSION, type AnalysisResult, type Spike } from "../../src/result.js";
import { chunked } from "../../src/trace.js";
import { VERSION } from "../../src/version.js";
import { EnvelopeCollector, type EnvelopeOptions, type TraceEnvelope } from "../../src/report/plot/envelope.js";

/** Seeded normal deviates (LCG + Box-Muller): the same trace on every run. */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

export interface Crafted {
  time_s: Float64Array;
  current_A: Float64Array;
  /** the answer a correct detector gives, in the result's shape */
  truth: Pick<AnalysisResult, "verdict" | "phases" | "spikes" | "transitions" | "noise" | "polarity" | "hardShort" | "fuse">;
}

/**
 * Quiet 0.5 nA noise, soft-short onset at 45% of the run with spikes every ~0.8 s growing from
 * 4 nA to 310 nA, a 420 nA hard short at 88%, then the fuse: back to 0.1 nA.
 */
export function craftFuse(duration_s = 400, rate_hz = 1000, polarity: 1 | -1 = 1, seed = 7): Crafted {
  const n = Math.round(duration_s * rate_hz) + 1;
  const time_s = new Float64Array(n);
  const current_A = new Float64Array(n);
  const g = gaussian(seed);
  const sigma = 0.5e-9, base = 0.1e-9;
  const onset = 0.45 * duration_s, hard = 0.88 * duration_s, fuse = Math.min(duration_s - 1, hard + Math.max(3, 0.015 * duration_s));
  const spikes: Spike[] = [];
  const period = 0.8;
  const count = Math.floor((hard - onset - 0.5) / period);
  for (let k = 0; k < count; k++) {
    const peak_s = onset + 0.2 + k * period + (k % 3) * 0.1;
    const peak_A = 4e-9 * (310 / 4) ** (k / Math.max(1, count - 1));
    spikes.push({ start_s: peak_s, peak_s, end_s: peak_s + 0.1, peak_A, charge_C: peak_A * 0.02 });
  }
  for (let j = 0; j < n; j++) {
    const t = j / rate_hz;
    time_s[j] = t;
    let i = base + sigma * g();
    if (t >= hard && t < fuse) i = base + 420e-9 + 2e-9 * g();
    else if (t >= fuse) i = base + sigma * g();
    current_A[j] = polarity > 0 ? i : -i;
  }
  for (const s of spikes) {
    const j0 = Math.round(s.peak_s * rate_hz);
    for (let j = j0; j < Math.min(n, j0 + Math.round(0.1 * rate_hz)); j++) {
      current_A[j]! += polarity * s.peak_A * Math.exp(-(j - j0) / (0.02 * rate_hz));
    }
  }
  return {
    time_s, current_A,
    truth: {
      verdict: "fuse", polarity,
      noise: { sigma_A: sigma, baseline_A: polarity * base, k_sigma: 6, threshold_A: 3e-9 },
      transitions: { softShortOnset_s: onset, hardShort_s: hard, fuse_s: fuse },
      phases: [
        { phase: "quiescent", start_s: 0, end_s: onset },
        { phase: "soft-short", start_s: onset, end_s: hard },
        { phase: "hard-short", start_s: hard, end_s: fuse },
        { phase: "open", start_s: fuse, end_s: duration_s },
      ],
      spikes,
      hardShort: { start_s: hard, end_s: fuse, duration_s: fuse - hard, level_A: 420e-9, clipped: false },
      fuse: { time_s: fuse, level_A: base },
    },
  };
}

/**
 * The envelope as analyze() would collect it, and a result holding the known answer. Built without
 * the detector on purpose: these tests pin the drawing, whatever state the detector is in.
 */
export function resultWithEnvelope(c: Crafted, name: string, env: EnvelopeOptions = {}): { result: AnalysisResult; envelope: TraceEnvelope } {
  const collector = new EnvelopeCollector(env);
  for (const chunk of chunked(c.time_s, c.current_A, 65536)) collector.push(chunk);
  collector.finish({ t0_s: c.time_s[0] ?? 0 } as Detection);
  const n = c.time_s.length;
  const duration_s = n > 1 ? c.time_s[n - 1]! - c.time_s[0]! : 0;
  const result: AnalysisResult = {
    schemaVersion: SCHEMA_VERSION, tool: { name: "softshort", version: VERSION }, file: name,
    sampleCount: n, duration_s, sampleRate_hz: duration_s > 0 ? (n - 1) / duration_s : 0,
    bursts: [], warnings: [], parameters: { ...DEFAULT_PARAMS, kSigma: 6, burstGap_s: 1 }, input: null, t0_s: c.time_s[0] ?? 0,
    ...c.truth,
  };
  return { result, envelope: collector.envelope() };
}
