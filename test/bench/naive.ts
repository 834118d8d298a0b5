// The naive baseline of issue 4: global median + 5 x MAD-sigma threshold, scipy-style find_peaks, fixed rules for hard short and fuse.
import type { Spike, Transitions, Verdict } from "../../src/result.js";

export interface NaiveResult {
  verdict: Verdict;
  transitions: Transitions;
  spikes: Spike[];
  polarity: 1 | -1;
  sigma_A: number;
}

const K_SIGMA = 5;
/** hard short: 0.5 s block medians above this many sigma for >= 2 s; fuse: back below FUSE_SIGMA for >= 1 s */
const HARD_SIGMA = 50;
const FUSE_SIGMA = 5;

/** What an afternoon's find_peaks script does: NaN/overflow rows dropped, everything else taken at face value. */
export function naiveDetect(time_s: Float64Array, current_A: Float64Array): NaiveResult {
  const t0 = time_s[0] ?? 0;
  const keep: number[] = [];
  for (let i = 0; i < current_A.length; i++) {
    const x = current_A[i]!;
    if (Number.isFinite(x) && Math.abs(x) < 1) keep.push(i);
  }
  const n = keep.length;
  const t = new Float64Array(n);
  const x = new Float64Array(n);
  keep.forEach((k, i) => {
    t[i] = time_s[k]! - t0;
    x[i] = current_A[k]!;
  });
  const med = median(x);
  const dev = x.map((v) => Math.abs(v - med));
  const sigma = 1.4826 * median(dev) || 1e-15;
  let hi = -Infinity;
  let lo = Infinity;
  for (const v of x) {
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  const polarity: 1 | -1 = hi - med >= med - lo ? 1 : -1;
  const y = x.map((v) => polarity * (v - med));

  // hard short and fuse from 0.5 s block medians
  const rate = n > 1 ? (n - 1) / Math.max(1e-12, t[n - 1]! - t[0]!) : 1;
  const block = Math.max(1, Math.round(0.5 * rate));
  const starts: number[] = [];
  const meds: number[] = [];
  for (let b = 0; b < n; b += block) {
    starts.push(b);
    meds.push(median(y.slice(b, Math.min(n, b + block))));
  }
  let hardBlock = -1;
  for (let b = 0; b + 3 < meds.length; b++) {
    if (meds.slice(b, b + 4).every((m) => m > HARD_SIGMA * sigma)) {
      hardBlock = b;
      break;
    }
  }
  let fuseBlock = -1;
  if (hardBlock >= 0) {
    for (let b = hardBlock + 4; b + 1 < meds.length; b++) {
      if (meds.slice(b, b + 2).every((m) => m < FUSE_SIGMA * sigma)) {
        fuseBlock = b;
        break;
      }
    }
  }
  const hardIdx = hardBlock >= 0 ? starts[hardBlock]! : n;

  // scipy.signal.find_peaks(y, height=5 sigma): local maxima, the middle of a flat plateau
  const thr = K_SIGMA * sigma;
  const spikes: Spike[] = [];
  let i = 1;
  while (i < hardIdx - 1) {
    if (y[i - 1]! < y[i]!) {
      let ahead = i + 1;
      while (ahead < hardIdx - 1 && y[ahead] === y[i]) ahead++;
      if (y[ahead]! < y[i]!) {
        const p = (i + ahead - 1) >> 1;
        if (y[p]! >= thr) spikes.push(spikeAt(t, y, p, thr, hardIdx));
        i = ahead;
        continue;
      }
    }
    i++;
  }
  const hard_s = hardBlock >= 0 ? t[hardIdx]! : null;
  const fuse_s = fuseBlock >= 0 ? t[starts[fuseBlock]!]! : null;
  const onset_s = spikes.length > 0 ? spikes[0]!.peak_s : hard_s;
  const verdict: Verdict = fuse_s !== null ? "fuse" : hard_s !== null ? "hard-short" : spikes.length > 0 ? "soft-short" : "stable";
  return { verdict, transitions: { softShortOnset_s: onset_s, hardShort_s: hard_s, fuse_s }, spikes, polarity, sigma_A: sigma };
}

/** Extent: out from the peak while above half the threshold; charge: excess summed over it. */
function spikeAt(t: Float64Array, y: Float64Array, p: number, thr: number, end: number): Spike {
  let a = p;
  while (a > 0 && y[a - 1]! > thr / 2) a--;
  let b = p;
  while (b + 1 < end && y[b + 1]! > thr / 2) b++;
  let q = 0;
  for (let k = a; k <= b; k++) q += y[k]! * (k + 1 < t.length ? t[k + 1]! - t[k]! : 0);
  return { start_s: t[a]!, peak_s: t[p]!, end_s: t[b]!, peak_A: y[p]!, charge_C: q };
}

function median(a: Float64Array): number {
  if (a.length === 0) return 0;
  const s = Float64Array.from(a).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
