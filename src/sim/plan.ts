// Plans a synthetic trace before any sample exists: transitions, spikes, gaps, ranges and artefact slots, and the truth they imply.
import type { Verdict } from "../result.js";
import { planArtefacts } from "./artefacts.js";
import { Rng } from "./random.js";
import { planSpikes, spikeCharge, type PlannedSpike } from "./spikes.js";
import type { SimScenario, SimSpec, SimTruth, TruthSpike } from "./types.js";

export { ArtefactKind } from "./artefacts.js";
export { spikeValue, type PlannedSpike } from "./spikes.js";

/**
 * Everything happens on "slots": slot j is the instant j / rate seconds after the first sample.
 * A dropout removes slots from the output, so times stay on one grid and spikes land exactly on samples.
 */
export interface Plan {
  spec: SimSpec;
  rate_hz: number;
  dt_s: number;
  slots: number;
  polarity: 1 | -1;
  sigma_A: number;
  faradaic_A: number;
  onset: number | null;
  hard: number | null;
  fuse: number | null;
  step_A: number;
  spikes: PlannedSpike[];
  hardLevel_A: number;
  compliance_A: number | null;
  /** dropout gaps as [start, end) slot ranges, sorted, disjoint */
  gaps: [number, number][];
  /** range segments: noise (and quantisation step) factor from slot `start` on */
  ranges: { start: number; factor: number }[];
  drift: { amp_A: number; period_s: number; phase: number };
  pink_A: number;
  mains: { hz: number; amp_A: number; phases: [number, number, number] } | null;
  quantLsb_A: number;
  /** sorted artefact slots and their kind (ArtefactKind) */
  artefactSlots: number[];
  artefactKinds: number[];
  truth: SimTruth;
}

const VERDICT_OF: Record<SimScenario, Verdict> = {
  stable: "stable",
  "soft-short": "soft-short",
  "soft-hard": "hard-short",
  "soft-hard-fuse": "fuse",
};

export const OVERFLOW_VALUE = 9.9e37;

export function planTrace(spec: SimSpec): Plan {
  validate(spec);
  const rng = new Rng(spec.seed, 1);
  const rate = spec.rate_hz;
  const dt = 1 / rate;
  const D = spec.duration_s;
  const slots = Math.round(D * rate) + 1;
  const polarity = spec.polarity ?? 1;
  const sigma = spec.noiseSigma_A ?? 0.5e-9;
  const faradaic = spec.faradaic_A ?? rng.between(0, 100e-12);
  const toSlot = (t: number) => Math.min(slots - 1, Math.max(0, Math.round(t * rate)));

  // --- transitions (seconds, then slots) ---
  let onset_s: number | null = null;
  let hard_s: number | null = null;
  let fuse_s: number | null = null;
  const sc = spec.scenario;
  if (sc === "soft-short") {
    onset_s = spec.onset_s ?? rng.between(0.2, 0.5) * D;
  } else if (sc === "soft-hard") {
    onset_s = spec.onset_s ?? rng.between(0.15, 0.35) * D;
    hard_s = spec.hardShort_s ?? Math.min(onset_s + rng.between(0.35, 0.55) * D, D - Math.max(4, 0.08 * D));
  } else if (sc === "soft-hard-fuse") {
    onset_s = spec.onset_s ?? rng.between(0.15, 0.3) * D;
    // leave room for >= 3 s of hard short and the quiet tail after the fuse
    hard_s = spec.hardShort_s ?? Math.min(onset_s + rng.between(0.35, 0.5) * D, D - Math.max(4, 0.08 * D) - 3);
    const hardDur = Math.max(3, Math.min(rng.between(3, 15), 0.12 * D));
    fuse_s = spec.fuse_s ?? Math.min(hard_s + hardDur, D - Math.max(4, 0.08 * D));
  }
  if (onset_s !== null && (onset_s < 1 || onset_s > D - 3)) throw new Error(`onset ${onset_s} s does not fit a ${D} s trace`);
  if (hard_s !== null && (hard_s - onset_s! < 5 || hard_s > D - 3)) throw new Error(`hard short at ${hard_s} s needs >= 5 s of soft short and >= 3 s after it`);
  if (fuse_s !== null && (fuse_s - hard_s! < 2.5 || fuse_s > D - 2)) throw new Error(`fuse at ${fuse_s} s needs >= 2.5 s of hard short and >= 2 s after it`);
  const onset = onset_s === null ? null : toSlot(onset_s);
  const hard = hard_s === null ? null : toSlot(hard_s);
  const fuse = fuse_s === null ? null : toSlot(fuse_s);
  const transitionSlots = [onset, hard, fuse].filter((x): x is number => x !== null);
  const nearTransition = (a: number, b: number, margin_s: number) =>
    transitionSlots.some((s) => s >= a - margin_s * rate && s <= b + margin_s * rate);

  // --- dropout gaps: never within 3 s of a transition, never touching another gap ---
  const gaps: [number, number][] = [];
  for (let g = 0; g < (spec.dropouts ?? 0); g++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (D < 6) break;
      const start = toSlot(rng.between(1, D - 3));
      const end = Math.min(slots - 2, start + Math.max(2, Math.round(rng.between(0.05, 2) * rate)));
      if (nearTransition(start, end, 3)) continue;
      if (gaps.some(([a, b]) => start < b + rate && end > a - rate)) continue;
      gaps.push([start, end]);
      break;
    }
  }
  gaps.sort((x, y) => x[0] - y[0]);
  const inGap = (a: number, b: number) => gaps.some(([g0, g1]) => a < g1 && b > g0);

  // --- current ranges (autorange): spikes only ever sit in the base range, so sigmaMultiple stays meaningful ---
  const ranges: { start: number; factor: number }[] = [{ start: 0, factor: 1 }];
  const rangeChanges_s: number[] = [];
  if (spec.autorange) {
    const quietEnd = onset_s ?? D;
    if (sc === "stable") {
      const n = rng.int(1, 3);
      const times = Array.from({ length: n * 2 }, () => rng.between(0.05, 0.95) * D).sort((a, b) => a - b);
      for (let i = 0; i < times.length; i++) ranges.push({ start: toSlot(times[i]!), factor: i % 2 === 0 ? rng.pick([2, 5, 10]) : 1 });
    } else if (quietEnd > 12) {
      ranges.push({ start: toSlot(rng.between(0.15, 0.4) * quietEnd), factor: rng.pick([2, 5, 10]) });
      ranges.push({ start: toSlot(rng.between(0.5, 0.8) * quietEnd), factor: 1 });
    }
    // the hard short drives the meter up a range; the fuse brings it back
    if (hard !== null) ranges.push({ start: hard, factor: 10 });
    if (fuse !== null) ranges.push({ start: fuse, factor: 1 });
    ranges.sort((a, b) => a.start - b.start);
    for (const r of ranges.slice(1)) rangeChanges_s.push(r.start / rate);
  }

  // --- soft short: onset step, then spikes whose amplitude follows a stochastic growth clock ---
  const step_A = onset === null ? 0 : (spec.stepSigma ?? rng.logBetween(2, 12)) * sigma;
  const spikes =
    onset === null
      ? []
      : planSpikes(rng, spec, { onset_s: onset_s!, onset: onset!, softEnd_s: hard_s ?? D, lastSlot: toSlot((hard_s ?? D) - 0.5), sigma, inGap });

  // --- hard short level, compliance limit above every spike ---
  let hardLevel_A = 0;
  let compliance_A: number | null = null;
  if (hard !== null) {
    hardLevel_A = spec.hardLevel_A ?? rng.logBetween(300e-9, 3e-6);
    if (spec.clip) {
      const maxSpike = spikes.reduce((mx, s) => Math.max(mx, s.amp_A), 0);
      const floor_A = (maxSpike + step_A) * 1.3 + 200 * sigma + faradaic;
      compliance_A = Math.max(hardLevel_A * rng.between(0.6, 0.85), floor_A);
      if (compliance_A > hardLevel_A * 0.85) hardLevel_A = compliance_A / 0.7;
    }
  }

  // --- artefact rows (NaN, overflow, duplicate stamps): never inside a spike, a gap, or at a transition ---
  const artefacts = planArtefacts(spec, slots, spikes, gaps, [...transitionSlots, ...ranges.map((r) => r.start)]);

  const removed = gaps.reduce((n, [a, b]) => n + (b - a), 0);
  const truthSpikes: TruthSpike[] = spikes.map((s) => ({
    start_s: s.start / rate,
    peak_s: s.peak / rate,
    end_s: s.end / rate,
    peak_A: s.amp_A,
    charge_C: spikeCharge(s) * dt,
    sigmaMultiple: s.amp_A / sigma,
    shape: s.shape,
  }));
  const truth: SimTruth = {
    spec,
    verdict: VERDICT_OF[sc],
    polarity,
    noise: { sigma_A: sigma, baseline_A: polarity * faradaic },
    transitions: {
      softShortOnset_s: onset === null ? null : onset / rate,
      hardShort_s: hard === null ? null : hard / rate,
      fuse_s: fuse === null ? null : fuse / rate,
    },
    spikes: truthSpikes,
    onsetStep_A: step_A,
    hardShort:
      hard === null
        ? null
        : {
            start_s: hard / rate,
            end_s: (fuse ?? slots - 1) / rate,
            level_A: compliance_A !== null ? Math.min(hardLevel_A, compliance_A - faradaic) : hardLevel_A,
            clipped: compliance_A !== null,
            compliance_A,
          },
    sampleCount: slots - removed,
    duration_s: (slots - 1) / rate,
    artefacts: {
      rangeChanges_s,
      gaps: gaps.map(([a, b]) => ({ start_s: a / rate, end_s: b / rate })),
      missing: artefacts.missing,
      overflow: artefacts.overflow,
      duplicates: artefacts.duplicates,
    },
  };

  const mainsHz = spec.mains_hz;
  return {
    spec,
    rate_hz: rate,
    dt_s: dt,
    slots,
    polarity,
    sigma_A: sigma,
    faradaic_A: faradaic,
    onset,
    hard,
    fuse,
    step_A,
    spikes,
    hardLevel_A,
    compliance_A,
    gaps,
    ranges,
    drift: { amp_A: spec.drift_A ?? 0, period_s: Math.max(60, rng.between(0.5, 2) * D), phase: rng.between(0, 2 * Math.PI) },
    pink_A: spec.pink_A ?? 0,
    mains: mainsHz
      ? { hz: mainsHz, amp_A: spec.mainsAmp_A ?? 2 * sigma, phases: [rng.between(0, 6.283), rng.between(0, 6.283), rng.between(0, 6.283)] }
      : null,
    quantLsb_A: spec.quantLsb_A ?? 0,
    artefactSlots: artefacts.slots,
    artefactKinds: artefacts.kinds,
    truth,
  };
}

function validate(spec: SimSpec): void {
  const bad = (m: string) => {
    throw new Error(m);
  };
  if (!Number.isFinite(spec.duration_s) || spec.duration_s <= 0) bad(`duration must be > 0 s (got ${spec.duration_s})`);
  if (!Number.isFinite(spec.rate_hz) || spec.rate_hz <= 0) bad(`rate must be > 0 Hz (got ${spec.rate_hz})`);
  if (spec.scenario !== "stable" && spec.duration_s < 30) bad(`scenario ${spec.scenario} needs a duration of at least 30 s`);
  if (!(spec.scenario in VERDICT_OF)) bad(`unknown scenario "${spec.scenario}" (stable, soft-short, soft-hard, soft-hard-fuse)`);
  if (spec.polarity !== undefined && spec.polarity !== 1 && spec.polarity !== -1) bad(`polarity must be 1 or -1`);
  if (spec.duration_s * spec.rate_hz > 4e9) bad(`trace too long (${spec.duration_s * spec.rate_hz} samples)`);
}
