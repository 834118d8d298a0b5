// Scores a detection against the simulator's truth: one-to-one spike matching, recall by amplitude band, transition hits, verdict.
import type { Spike, Transitions, Verdict } from "../result.js";
import type { SimTruth, TruthSpike } from "./types.js";

/** What scoring needs from a detector's output (an AnalysisResult or a Detection both fit). */
export interface Scorable {
  verdict: Verdict;
  transitions: Transitions;
  spikes: Spike[];
}

/** Amplitude bands of issue 4, in white-noise sigma: [lo, hi) */
export const AMPLITUDE_BANDS: readonly { name: string; lo: number; hi: number }[] = [
  { name: "3-6", lo: 0, hi: 6 },
  { name: "6-10", lo: 6, hi: 10 },
  { name: "10-30", lo: 10, hi: 30 },
  { name: "30+", lo: 30, hi: Infinity },
];

export const TRANSITIONS = ["softShortOnset_s", "hardShort_s", "fuse_s"] as const;
export type TransitionName = (typeof TRANSITIONS)[number];

/** Peak-time tolerance of a spike match: two samples, at least 10 ms. */
export function spikeTolerance_s(rate_hz: number): number {
  return Math.max(2 / rate_hz, 0.01);
}

/** Transition tolerance of issue 2: max(1 s, 1 % of the trace duration). */
export function transitionTolerance_s(duration_s: number): number {
  return Math.max(1, 0.01 * duration_s);
}

export interface SpikeMatching {
  /** [truth index, detected index] */
  pairs: [number, number][];
  missedTruth: number[];
  falseDetections: number[];
}

/**
 * One-to-one matching on peak time. A detected spike may match a truth spike when its peak lies in
 * the truth's [start_s, end_s] widened by tol_s on both sides (a flat top has no single peak instant);
 * candidate pairs are taken greedily by increasing |peak time difference|, each side used once.
 * Both lists must be sorted by time (detectors and the simulator both emit them in order).
 */
export function matchSpikes(truth: readonly TruthSpike[] | readonly Spike[], detected: readonly Spike[], tol_s: number): SpikeMatching {
  const cand: [number, number, number][] = [];
  let lo = 0;
  for (let d = 0; d < detected.length; d++) {
    const p = detected[d]!.peak_s;
    while (lo < truth.length && truth[lo]!.end_s + tol_s < p) lo++;
    for (let t = lo; t < truth.length && truth[t]!.start_s - tol_s <= p; t++) {
      if (p <= truth[t]!.end_s + tol_s) cand.push([Math.abs(p - truth[t]!.peak_s), t, d]);
    }
  }
  cand.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const usedT = new Uint8Array(truth.length);
  const usedD = new Uint8Array(detected.length);
  const pairs: [number, number][] = [];
  for (const [, t, d] of cand) {
    if (usedT[t] || usedD[d]) continue;
    usedT[t] = 1;
    usedD[d] = 1;
    pairs.push([t, d]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const missedTruth: number[] = [];
  for (let t = 0; t < truth.length; t++) if (!usedT[t]) missedTruth.push(t);
  const falseDetections: number[] = [];
  for (let d = 0; d < detected.length; d++) if (!usedD[d]) falseDetections.push(d);
  return { pairs, missedTruth, falseDetections };
}

export interface TransitionScore {
  /** truth has it */
  present: boolean;
  /** detected within tolerance (only meaningful when present) */
  hit: boolean;
  /** detected although the truth has none */
  falseAlarm: boolean;
  /** detected minus truth, seconds (null when either is missing) */
  error_s: number | null;
}

export interface TraceScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** per amplitude band: truth spikes and how many were found */
  bands: { truth: number; found: number }[];
  transitions: Record<TransitionName, TransitionScore>;
  verdictCorrect: boolean;
  /** detected spikes on a stable truth (all of them are false) */
  stableFalseSpikes: number;
  /** hours of trace that count for the false-per-hour figure (stable truths only) */
  stableHours: number;
  matching: SpikeMatching;
}

export function scoreTrace(truth: SimTruth, detected: Scorable, rate_hz = truth.spec.rate_hz): TraceScore {
  const m = matchSpikes(truth.spikes, detected.spikes, spikeTolerance_s(rate_hz));
  const bands = AMPLITUDE_BANDS.map(() => ({ truth: 0, found: 0 }));
  const found = new Uint8Array(truth.spikes.length);
  for (const [t] of m.pairs) found[t] = 1;
  truth.spikes.forEach((s, i) => {
    const b = bandOf(s.sigmaMultiple);
    bands[b]!.truth++;
    if (found[i]) bands[b]!.found++;
  });
  const tol = transitionTolerance_s(truth.duration_s);
  const transitions = {} as Record<TransitionName, TransitionScore>;
  for (const name of TRANSITIONS) {
    const want = truth.transitions[name];
    const got = detected.transitions[name];
    transitions[name] = {
      present: want !== null,
      hit: want !== null && got !== null && Math.abs(got - want) <= tol,
      falseAlarm: want === null && got !== null,
      error_s: want !== null && got !== null ? got - want : null,
    };
  }
  const stable = truth.verdict === "stable";
  return {
    truePositives: m.pairs.length,
    falsePositives: m.falseDetections.length,
    falseNegatives: m.missedTruth.length,
    bands,
    transitions,
    verdictCorrect: detected.verdict === truth.verdict,
    stableFalseSpikes: stable ? detected.spikes.length : 0,
    stableHours: stable ? truth.duration_s / 3600 : 0,
    matching: m,
  };
}

function bandOf(sigmaMultiple: number): number {
  for (let b = 0; b < AMPLITUDE_BANDS.length; b++) if (sigmaMultiple < AMPLITUDE_BANDS[b]!.hi) return b;
  return AMPLITUDE_BANDS.length - 1;
}

export interface SuiteScore {
  traces: number;
  precision: number;
  recall: number;
  f1: number;
  /** recall per band (NaN when the band is empty) with its truth count */
  bandRecall: { name: string; recall: number; truth: number }[];
  falsePerHour: number;
  stableHours: number;
  /** hit rate per transition over traces whose truth has it, and false alarms elsewhere */
  transitionHit: Record<TransitionName, { rate: number; present: number; falseAlarms: number }>;
  verdictAccuracy: number;
}

/** Pool per-trace scores: precision/recall over all spikes of all traces, false/h over stable traces only. */
export function aggregate(scores: readonly TraceScore[]): SuiteScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let fs = 0;
  let hours = 0;
  let verdictOk = 0;
  const bands = AMPLITUDE_BANDS.map(() => ({ truth: 0, found: 0 }));
  const tr = Object.fromEntries(TRANSITIONS.map((n) => [n, { hits: 0, present: 0, falseAlarms: 0 }])) as Record<TransitionName, { hits: number; present: number; falseAlarms: number }>;
  for (const s of scores) {
    tp += s.truePositives;
    fp += s.falsePositives;
    fn += s.falseNegatives;
    fs += s.stableFalseSpikes;
    hours += s.stableHours;
    if (s.verdictCorrect) verdictOk++;
    s.bands.forEach((b, i) => {
      bands[i]!.truth += b.truth;
      bands[i]!.found += b.found;
    });
    for (const n of TRANSITIONS) {
      const t = s.transitions[n];
      if (t.present) tr[n].present++;
      if (t.hit) tr[n].hits++;
      if (t.falseAlarm) tr[n].falseAlarms++;
    }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  return {
    traces: scores.length,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    bandRecall: AMPLITUDE_BANDS.map((b, i) => ({ name: b.name, truth: bands[i]!.truth, recall: bands[i]!.truth > 0 ? bands[i]!.found / bands[i]!.truth : NaN })),
    falsePerHour: hours > 0 ? fs / hours : NaN,
    stableHours: hours,
    transitionHit: Object.fromEntries(
      TRANSITIONS.map((n) => [n, { rate: tr[n].present > 0 ? tr[n].hits / tr[n].present : NaN, present: tr[n].present, falseAlarms: tr[n].falseAlarms }]),
    ) as SuiteScore["transitionHit"],
    verdictAccuracy: scores.length > 0 ? verdictOk / scores.length : NaN,
  };
}
