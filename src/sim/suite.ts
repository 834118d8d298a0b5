// The labelled benchmark suite: realistic mixtures of scenarios, rates and nuisances, all derived from one seed.
import { Rng } from "./random.js";
import type { SimScenario, SimSpec } from "./types.js";

export interface SuiteCase {
  label: string;
  spec: SimSpec;
}

export type SuiteName = "full" | "quick";

const SIGMA = 0.5e-9;
const SHORT_SCENARIOS: SimScenario[] = ["soft-short", "soft-hard", "soft-hard-fuse"];
/** sample rate -> trace length, keeping every trace at <= ~1.2 M samples (the suite must run in minutes on 2 cores) */
const SHORT_RATES: [number, number][] = [
  [10, 1200], [50, 900], [100, 600], [200, 600], [500, 400], [1000, 400], [2000, 300], [5000, 150], [10000, 100], [20000, 60],
];
/** stable traces: [rate, duration] — several hours in total, modest rates, for the false-spikes-per-hour figure */
const STABLE_FULL: [number, number][] = [
  [10, 7200], [100, 3600], [250, 3600], [1000, 1800], [1000, 1800], [2000, 900], [5000, 600], [20000, 120],
];
const STABLE_QUICK: [number, number][] = [[10, 3600], [100, 1800], [1000, 600], [5000, 120]];

/**
 * Stable traces carry EVERY nuisance (drift, 1/f, mains, quantisation, autorange, NaN/overflow rows,
 * duplicate stamps, dropouts) at randomised levels; short traces mix them in with probability 1/2 each,
 * across both polarities, all shapes, both arrival kinds and clipped or free hard shorts.
 */
export function suite(name: SuiteName, seed: number): SuiteCase[] {
  const rng = new Rng(seed, 101);
  const cases: SuiteCase[] = [];
  const stable = name === "full" ? STABLE_FULL : STABLE_QUICK;
  stable.forEach(([rate, dur], i) => {
    const spec: SimSpec = { scenario: "stable", seed: caseSeed(seed, cases.length), duration_s: dur, rate_hz: rate, polarity: rng.chance(0.5) ? 1 : -1, noiseSigma_A: SIGMA };
    Object.assign(spec, nuisances(rng, true, i % 2 === 0 ? 50 : 60));
    cases.push({ label: label(spec), spec });
  });
  const shortCount = name === "full" ? 36 : 12;
  for (let i = 0; i < shortCount; i++) {
    const scenario = SHORT_SCENARIOS[i % 3]!;
    const [rate, dur] = SHORT_RATES[(i * 7 + Math.floor(i / 3)) % SHORT_RATES.length]!;
    const spec: SimSpec = {
      scenario,
      seed: caseSeed(seed, cases.length),
      duration_s: name === "quick" ? Math.max(60, dur / 2) : dur,
      rate_hz: rate,
      polarity: i % 2 === 0 ? 1 : -1,
      noiseSigma_A: SIGMA,
      spikeShape: rng.pick(["mixed", "mixed", "exponential", "square", "single"] as const),
      arrivals: rng.chance(0.5) ? "poisson" : "clustered",
      clip: scenario !== "soft-short" && rng.chance(0.5),
    };
    Object.assign(spec, nuisances(rng, false, rng.chance(0.5) ? 50 : 60));
    cases.push({ label: label(spec), spec });
  }
  return cases;
}

function caseSeed(seed: number, i: number): number {
  return (Math.imul(seed >>> 0, 1000003) + i * 7919 + 17) >>> 0;
}

function nuisances(rng: Rng, all: boolean, mainsHz: 50 | 60): Partial<SimSpec> {
  const on = () => all || rng.chance(0.5);
  const n: Partial<SimSpec> = {};
  if (on()) n.drift_A = rng.between(1, 8) * SIGMA;
  if (on()) n.pink_A = rng.between(0.2, 0.6) * SIGMA;
  if (on()) {
    n.mains_hz = mainsHz;
    n.mainsAmp_A = rng.between(0.5, 3) * SIGMA;
  }
  if (on()) n.quantLsb_A = rng.between(0.1, 0.5) * SIGMA;
  if (on()) n.autorange = true;
  if (on()) {
    n.nanRate = 2e-4;
    n.overflowRate = 5e-5;
  }
  if (on()) n.duplicateRate = 2e-4;
  if (on()) n.dropouts = rng.int(1, 3);
  return n;
}

/** "soft-hard-fuse - 1kHz 400s exponential clustered clip [drift pink mains60 quant range nan dup gaps]" */
export function label(s: SimSpec): string {
  const rate = s.rate_hz >= 1000 ? `${s.rate_hz / 1000}kHz` : `${s.rate_hz}Hz`;
  const parts = [s.scenario, s.polarity === -1 ? "-" : "+", rate, `${s.duration_s}s`];
  if (s.scenario !== "stable") parts.push(String(s.spikeShape ?? "mixed"), String(s.arrivals ?? "poisson"));
  if (s.clip) parts.push("clip");
  const nz: string[] = [];
  if (s.drift_A) nz.push("drift");
  if (s.pink_A) nz.push("pink");
  if (s.mains_hz) nz.push(`mains${s.mains_hz}`);
  if (s.quantLsb_A) nz.push("quant");
  if (s.autorange) nz.push("range");
  if (s.nanRate) nz.push("nan");
  if (s.duplicateRate) nz.push("dup");
  if (s.dropouts) nz.push("gaps");
  return `${parts.join(" ")}${nz.length ? ` [${nz.join(" ")}]` : ""}`;
}
