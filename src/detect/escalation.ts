// Escalation statistics of each soft-short phase: is the spike rate constant, do amplitudes grow, how is charge spread.
import { mulberry32 } from "./random.js";
import { linearRegression, sampleCorrelation } from "simple-statistics";
import type { TraceObserver } from "../analyze.js";
import type { Burst, Spike } from "../result.js";
import type { ChargeSplit } from "./charge.js";
import {
  chiSquareCdf, poissonRateCi95, poissonTwoSidedP, studentTCdf, studentTQuantile,
} from "./distributions.js";
import type { Detection } from "./types.js";

// The accessors and comparators live at module level, not as arrows inside the functions below: V8
// keeps a closure's optimised code only while that closure object lives, so per-call arrows run hot
// on every spike were compiled again for every file of a batch (~25 ms of compiler CPU per file, issue #5).
const peakOf = (s: Spike): number => s.peak_s;
const burstStartOf = (b: Burst): number => b.start_s;
const byPeak = (a: Spike, b: Spike): number => a.peak_s - b.peak_s;
const chargeOf = (s: Spike): number => s.charge_C;
const ascending = (a: number, b: number): number => a - b;
const byValue = (a: readonly [number, number], b: readonly [number, number]): number => a[0] - b[0];

/** Significance level of every test here; stretch tests are Bonferroni-corrected over the windows. */
export const ALPHA = 0.05;
// expected spikes per window for the chi-square dispersion test to hold (Cochran's rule of thumb)
const SPIKES_PER_WINDOW = 5;
const MAX_WINDOWS = 20;
// exact permutation p-value for Spearman's rho up to this many spikes (9! = 362 880 orderings)
const EXACT_SPEARMAN_MAX_N = 9;

export interface RateWindow { start_s: number; end_s: number; count: number; rate_hz: number }

export interface RateStats {
  rate_hz: number;
  /** exact (Garwood) Poisson 95 % interval */
  ci95_hz: [number, number];
  window_s: number;
  windows: RateWindow[];
  /** index of dispersion D = sum (c_i - mean)^2 / mean over the windows, ~ chi-square(m - 1) at a constant rate */
  dispersion: { statistic: number; dof: number; p_value: number; constant: boolean } | null;
  /** variance / mean of the windowed counts: ~1 Poisson, > 1 clustered, < 1 regular */
  fano: number | null;
}

export interface AmplitudeTrend {
  spikes: number;
  /** least-squares slope of ln(peak_A) against peak time, per second, with its t-based 95 % interval */
  slope_per_s: number;
  ci95_per_s: [number, number];
  /** exp(slope): amplitude factor per second; ln 2 / slope: doubling (or halving, < 0) time */
  factor_per_s: number;
  doubling_s: number | null;
  /**
   * Spearman's rank correlation of amplitude with time; two-sided p (exact permutation for n <= 9, else
   * t approximation); null when every amplitude is the same
   */
  spearman: { rho: number; p_value: number; exact: boolean } | null;
  trend: "growing" | "shrinking" | "none";
}

export interface Spread { n: number; median: number; q1: number; q3: number; iqr: number }

export interface IntervalStats { n: number; mean_s: number; median_s: number; sd_s: number; cv: number }

export interface Stretch {
  kind: "acceleration" | "stagnation";
  start_s: number;
  end_s: number;
  count: number;
  rate_hz: number;
  /** stretch rate / phase rate */
  ratio: number;
  /** smallest per-window two-sided Poisson p-value in the stretch (before Bonferroni) */
  p_value: number;
}

export interface RateChangePoint {
  /** the split that best explains the spikes as two constant rates */
  time_s: number;
  rateBefore_hz: number;
  rateAfter_hz: number;
  /** log-likelihood ratio of two rates against one */
  llr: number;
  /** share of constant-rate simulations (uniform arrival times, same count) with a larger best LLR */
  p_value: number;
  replicates: number;
  significant: boolean;
}

export interface PhaseEscalation {
  start_s: number;
  end_s: number;
  duration_s: number;
  spikes: number;
  bursts: number;
  rate: RateStats | null;
  amplitude: AmplitudeTrend | null;
  chargePerSpike_C: Spread | null;
  chargePerBurst_C: Spread | null;
  intervals: IntervalStats | null;
  stretches: Stretch[];
  /** strongest single change of rate (>= 10 spikes), null below */
  changePoint: RateChangePoint | null;
}

export interface Escalation {
  alpha: number;
  phases: PhaseEscalation[];
  /** non-Faradaic charge from the soft-short onset to the hard short (or the end), from the charge split
   * over every sample ("trace") or, without it, the sum of spike charges ("spikes") */
  cumulativeNonFaradaic: { charge_C: number; from_s: number; to_s: number; reachedHardShort: boolean; source: "trace" | "spikes" } | null;
}

/** Linear-interpolation quantile (R type 7, numpy's default) of sorted values. */
export function quantileSorted7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort(ascending);
  const q1 = quantileSorted7(s, 0.25), q3 = quantileSorted7(s, 0.75);
  return { n: s.length, median: quantileSorted7(s, 0.5), q1, q3, iqr: q3 - q1 };
}

/** Counts in m equal windows over [start, end]; a spike exactly at `end` falls in the last window. */
export function windowCounts(times_s: readonly number[], start_s: number, end_s: number, m: number): RateWindow[] {
  const w = (end_s - start_s) / m;
  const counts = new Array<number>(m).fill(0);
  for (const t of times_s) counts[Math.min(m - 1, Math.max(0, Math.floor((t - start_s) / w)))]!++;
  return counts.map((count, i) => ({ start_s: start_s + i * w, end_s: start_s + (i + 1) * w, count, rate_hz: count / w }));
}

/** Window count m = min(20, floor(n / 5)) so each window expects >= 5 spikes; 1 window below 10 spikes. */
export function windowCountFor(spikes: number): number {
  return spikes < 2 * SPIKES_PER_WINDOW ? 1 : Math.min(MAX_WINDOWS, Math.floor(spikes / SPIKES_PER_WINDOW));
}

export function rateStats(times_s: readonly number[], start_s: number, end_s: number): RateStats | null {
  const span = end_s - start_s;
  if (!(span > 0)) return null;
  const n = times_s.length;
  const m = windowCountFor(n);
  const windows = windowCounts(times_s, start_s, end_s, m);
  let dispersion: RateStats["dispersion"] = null;
  let fano: number | null = null;
  if (m >= 2) {
    const mean = n / m;
    const ss = windows.reduce((acc, w) => acc + (w.count - mean) ** 2, 0);
    const statistic = ss / mean;
    const p_value = 1 - chiSquareCdf(statistic, m - 1);
    dispersion = { statistic, dof: m - 1, p_value, constant: p_value >= ALPHA };
    fano = ss / (m - 1) / mean;
  }
  return { rate_hz: n / span, ci95_hz: poissonRateCi95(n, span), window_s: span / m, windows, dispersion, fano };
}

/** Mid-ranks (ties share the mean rank), 1-based. */
export function ranks(values: readonly number[]): number[] {
  const order: (readonly [number, number])[] = [];
  for (let i = 0; i < values.length; i++) order.push([values[i]!, i]);
  order.sort(byValue);
  const r = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rho with a two-sided p-value: exact over all orderings for n <= 9, t approximation above. */
export function spearman(x: readonly number[], y: readonly number[]): { rho: number; p_value: number; exact: boolean } | null {
  const n = x.length;
  if (n < 3) return null;
  const rx = ranks(x), ry = ranks(y);
  const rho = sampleCorrelation(rx, ry);
  if (!Number.isFinite(rho)) return null;
  if (n <= EXACT_SPEARMAN_MAX_N) {
    // permuting the y ranks keeps both variances, so |rho| orders like |sum (rx - mean)(ry - mean)|
    const mean = (n + 1) / 2;
    const cx = rx.map((r) => r - mean);
    const covariance = (ys: readonly number[]): number => cx.reduce((a, c, i) => a + c * (ys[i]! - mean), 0);
    const observed = Math.abs(covariance(ry)) - 1e-9;
    let extreme = 0, total = 0;
    const perm = [...ry];
    const visit = (k: number): void => {
      if (k === n) {
        total++;
        if (Math.abs(covariance(perm)) >= observed) extreme++;
        return;
      }
      for (let i = k; i < n; i++) {
        [perm[k], perm[i]] = [perm[i]!, perm[k]!];
        visit(k + 1);
        [perm[k], perm[i]] = [perm[i]!, perm[k]!];
      }
    };
    visit(0);
    return { rho, p_value: extreme / total, exact: true };
  }
  if (Math.abs(rho) >= 1) return { rho, p_value: 0, exact: false };
  const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
  return { rho, p_value: 2 * (1 - studentTCdf(Math.abs(t), n - 2)), exact: false };
}

export function amplitudeTrend(spikes: readonly Spike[]): AmplitudeTrend | null {
  // plain loops (same sums in the same order as reduce from 0): see the note on the accessors above
  const x: number[] = [];
  const y: number[] = [];
  for (const s of spikes) {
    if (!(s.peak_A > 0)) continue;
    x.push(s.peak_s);
    y.push(Math.log(s.peak_A));
  }
  const n = x.length;
  if (n < 3) return null;
  let xSum = 0;
  for (let i = 0; i < n; i++) xSum += x[i]!;
  const xMean = xSum / n;
  let sxx = 0;
  for (let i = 0; i < n; i++) sxx += (x[i]! - xMean) ** 2;
  if (!(sxx > 0)) return null;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) pairs.push([x[i]!, y[i]!]);
  const { m: slope, b: intercept } = linearRegression(pairs);
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (y[i]! - (intercept + slope * x[i]!)) ** 2;
  const se = Math.sqrt(ssr / (n - 2) / sxx);
  const half = studentTQuantile(1 - ALPHA / 2, n - 2) * se;
  const ci95_per_s: [number, number] = [slope - half, slope + half];
  const rank = spearman(x, y);
  const significant = rank !== null && rank.p_value < ALPHA;
  const trend = significant && ci95_per_s[0] > 0 ? "growing" : significant && ci95_per_s[1] < 0 ? "shrinking" : "none";
  return {
    spikes: n, slope_per_s: slope, ci95_per_s, factor_per_s: Math.exp(slope),
    doubling_s: slope !== 0 ? Math.LN2 / slope : null, spearman: rank, trend,
  };
}

export function intervalStats(sortedTimes_s: readonly number[]): IntervalStats | null {
  if (sortedTimes_s.length < 3) return null;
  const d: number[] = [];
  for (let i = 1; i < sortedTimes_s.length; i++) d.push(sortedTimes_s[i]! - sortedTimes_s[i - 1]!);
  let sum = 0;
  for (const v of d) sum += v;
  const mean = sum / d.length;
  let ss = 0;
  for (const v of d) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (d.length - 1));
  return { n: d.length, mean_s: mean, median_s: spread(d)!.median, sd_s: sd, cv: mean > 0 ? sd / mean : NaN };
}

/**
 * Windows whose count differs from the phase mean (two-sided Poisson test, Bonferroni over the
 * windows), merged with significant neighbours of the same kind into stretches.
 */
export function stretches(windows: readonly RateWindow[], phaseRate_hz: number): Stretch[] {
  const m = windows.length;
  if (m < 2 || !(phaseRate_hz > 0)) return [];
  const out: Stretch[] = [];
  for (const w of windows) {
    const expected = phaseRate_hz * (w.end_s - w.start_s);
    const p = poissonTwoSidedP(w.count, expected);
    if (p * m >= ALPHA) continue;
    const kind = w.count > expected ? "acceleration" : "stagnation";
    const last = out[out.length - 1];
    if (last && last.kind === kind && last.end_s === w.start_s) {
      last.end_s = w.end_s;
      last.count += w.count;
      last.p_value = Math.min(last.p_value, p);
    } else {
      out.push({ kind, start_s: w.start_s, end_s: w.end_s, count: w.count, rate_hz: 0, ratio: 0, p_value: p });
    }
  }
  for (const s of out) {
    s.rate_hz = s.count / (s.end_s - s.start_s);
    s.ratio = s.rate_hz / phaseRate_hz;
  }
  return out;
}

// splits closer than this fraction of the phase to either end are not considered: a split right after
// the first spike fits any arrival pattern and would swamp the test
const CHANGE_POINT_MARGIN = 0.05;

/** Best split of sorted arrival times in [start, end] into two constant rates: [llr, tau, spikes before]. */
function bestSplit(sorted: ArrayLike<number>, start_s: number, end_s: number): [number, number, number] {
  const n = sorted.length;
  const span = end_s - start_s;
  const lo = start_s + CHANGE_POINT_MARGIN * span, hi = end_s - CHANGE_POINT_MARGIN * span;
  const xlogx = (k: number, t: number): number => (k > 0 ? k * Math.log(k / t) : 0);
  const base = xlogx(n, span);
  let best: [number, number, number] = [0, (start_s + end_s) / 2, 0];
  for (let k = 1; k < n; k++) {
    // k spikes before the split: the likelihood peaks with the split at the k-th spike (rate falling)
    // or just before the (k+1)-th (rate rising)
    for (const tau of [sorted[k - 1]!, sorted[k]!]) {
      if (tau < lo || tau > hi) continue;
      const llr = xlogx(k, tau - start_s) + xlogx(n - k, end_s - tau) - base;
      if (llr > best[0]) best = [llr, tau, k];
    }
  }
  return best;
}

/**
 * Rate change point: the split maximising the two-rate Poisson likelihood ratio, with a Monte Carlo
 * p-value under a constant rate (given n spikes, arrival times are uniform: `replicates` seeded draws,
 * so the same trace always gives the same p).
 */
export function rateChangePoint(sortedTimes_s: readonly number[], start_s: number, end_s: number): RateChangePoint | null {
  const n = sortedTimes_s.length;
  if (n < 2 * SPIKES_PER_WINDOW || !(end_s > start_s)) return null;
  const [llr, tau, before] = bestSplit(sortedTimes_s, start_s, end_s);
  const replicates = n <= 2000 ? 199 : 99;
  const random = mulberry32(0x5eed + n);
  const sim = new Float64Array(n);
  let larger = 0;
  for (let r = 0; r < replicates; r++) {
    for (let k = 0; k < n; k++) sim[k] = start_s + random() * (end_s - start_s);
    sim.sort();
    if (bestSplit(sim, start_s, end_s)[0] >= llr) larger++;
  }
  const p_value = (larger + 1) / (replicates + 1);
  return {
    time_s: tau, rateBefore_hz: before / (tau - start_s), rateAfter_hz: (n - before) / (end_s - tau),
    llr, p_value, replicates, significant: p_value < ALPHA,
  };
}

function inside<T>(items: readonly T[], time: (item: T) => number, start_s: number, end_s: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    const t = time(item);
    if (t >= start_s && t <= end_s) out.push(item);
  }
  return out;
}

/** Charge of the spikes peaking in [from_s, to_s]; `own` is sorted by peak time and `times` are its peak times. */
function chargeWithin(own: readonly Spike[], times: readonly number[], from_s: number, to_s: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < from_s) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let k = lo; k < times.length && times[k]! <= to_s; k++) sum += own[k]!.charge_C;
  return sum;
}

export function phaseEscalation(start_s: number, end_s: number, spikes: readonly Spike[], bursts: readonly Burst[]): PhaseEscalation {
  const own = inside(spikes, peakOf, start_s, end_s).sort(byPeak);
  const times = own.map(peakOf);
  const ownBursts = inside(bursts, burstStartOf, start_s, end_s);
  // a binary search per burst, not a scan of every spike (bursts x spikes on a long soft short)
  const burstCharges: number[] = [];
  for (const b of ownBursts) burstCharges.push(chargeWithin(own, times, b.start_s, b.end_s));
  const rate = rateStats(times, start_s, end_s);
  return {
    start_s, end_s, duration_s: end_s - start_s, spikes: own.length, bursts: ownBursts.length,
    rate,
    amplitude: amplitudeTrend(own),
    chargePerSpike_C: spread(own.map(chargeOf)),
    chargePerBurst_C: spread(burstCharges),
    intervals: intervalStats(times),
    stretches: rate ? stretches(rate.windows, rate.rate_hz) : [],
    changePoint: rateChangePoint(times, start_s, end_s),
  };
}

/** The `escalation` block: a pure function of the detection (and of the charge split when it ran). */
export function computeEscalation(d: Detection, charge: ChargeSplit | null = null): Escalation {
  const phases = d.phases
    .filter((p) => p.phase === "soft-short")
    .map((p) => phaseEscalation(p.start_s, p.end_s, d.spikes, d.bursts));
  const onset = d.transitions.softShortOnset_s;
  let cumulative: Escalation["cumulativeNonFaradaic"] = null;
  if (charge?.untilHardShort) {
    const u = charge.untilHardShort;
    cumulative = { charge_C: u.nonFaradaic_C, from_s: u.from_s, to_s: u.to_s, reachedHardShort: u.reachedHardShort, source: "trace" };
  } else if (onset !== null) {
    const to_s = d.transitions.hardShort_s ?? d.duration_s;
    let sum = 0;
    for (const s of inside(d.spikes, peakOf, onset, to_s)) sum += s.charge_C;
    cumulative = { charge_C: sum, from_s: onset, to_s, reachedHardShort: d.transitions.hardShort_s !== null, source: "spikes" };
  }
  return { alpha: ALPHA, phases, cumulativeNonFaradaic: cumulative };
}

/** Adds `escalation`; list it after the charge observer so it can use the charge split. */
export function escalationObserver(): TraceObserver {
  return {
    push: () => {},
    finish: (d) => ({ escalation: computeEscalation(d, (d.extras["charge"] as ChargeSplit | undefined) ?? null) }),
  };
}
