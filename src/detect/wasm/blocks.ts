// One block's summary (level, spreads, difference noise, time step) from the raw look-ahead ring.
// Each statistic is a function of the block's samples alone (select.ts: exact order statistics,
// spreads summed in sample order), so whichever thread computes it gets the same bits.
import { ld, st, medianInPlace } from "./stats";
import { levelMedian, levelOf, levelQ1, levelQ3, trimmedSigma } from "./select";

const RANGE_CHANGE: u8 = 8;
/** first differences beyond this many one-sided spreads of the median are left out (spikes) */
const SIDE_CUT: f64 = 3;

// the raw ring and the scratch arrays, laid out by the JS side (rawLayout)
export let rawT: usize = 0;
export let rawX: usize = 0;
export let rawF: usize = 0;
export let rawMask: i32 = 0;
export let scratch: usize = 0;
let diffs: usize = 0;
let pairHi: usize = 0;
let pairLo: usize = 0;
let out: usize = 0;
/** the distances a trimmed spread is taken over, and the differences a pass keeps (a block each) */
export let dist: usize = 0;
let kept: usize = 0;

export function rawLayout(t: usize, x: usize, f: usize, mask: i32, scratchAt: usize, diffsAt: usize, hiAt: usize, loAt: usize, outAt: usize, distAt: usize, keptAt: usize): void {
  dist = distAt;
  kept = keptAt;
  rawT = t;
  rawX = x;
  rawF = f;
  rawMask = mask;
  scratch = scratchAt;
  diffs = diffsAt;
  pairHi = hiAt;
  pairLo = loAt;
  out = outAt;
}

@inline function flagAt(i: i32): u8 {
  return load<u8>(rawF + <usize>(i & rawMask));
}

@inline function xAt(i: i32): f64 {
  return ld(rawX, i & rawMask);
}

/**
 * Summarise samples [from, to): out[0] = 1 when a range change falls inside, out[1..4] = median,
 * lower and upper quartile, trimmed sigma of the good samples (NaN when under a quarter are good),
 * out[5] = the first-difference sigma, out[6] = the median time step.
 */
export function blockSummary(from: i32, to: i32): void {
  const a = scratch;
  let n = 0;
  let mixed = false;
  for (let i = from; i < to; i++) {
    const f = flagAt(i);
    if (f & RANGE_CHANGE) mixed = true;
    const x = xAt(i);
    if (f == 0 && isFinite(x)) st(a, n++, x);
  }
  // one-sided spreads (quartile - median) below: spikes go one way, so the other side stays clean
  let med: f64 = NaN;
  let q1: f64 = NaN;
  let q3: f64 = NaN;
  let sigma: f64 = NaN;
  if (<f64>n >= <f64>(to - from) / 4) {
    levelOf(a, n);
    med = levelMedian;
    q1 = levelQ1;
    q3 = levelQ3;
    // the distances' buckets reach ~4 sigma of Gaussian noise (6 one-sided spreads)
    sigma = trimmedSigma(a, n, med, true, dist, 6 * Math.max(med - q1, q3 - med));
  }
  st(out, 0, mixed ? 1 : 0);
  st(out, 1, med);
  st(out, 2, q1);
  st(out, 3, q3);
  st(out, 4, sigma);
  st(out, 5, diffSigma(from, to, med, q1, q3));
  st(out, 6, medianStep(from, to));
}

function diffSigma(from: i32, to: i32, med: f64, q1: f64, q3: f64): f64 {
  let seen = 0;
  for (let i = from + 1; i < to; i++) {
    if (flagAt(i - 1) == 0 && flagAt(i) == 0) {
      const x0 = xAt(i - 1);
      const x1 = xAt(i);
      const dx = x1 - x0;
      if (!isFinite(dx)) continue;
      st(diffs, seen, dx);
      st(pairHi, seen, x0 > x1 ? x0 : x1);
      st(pairLo, seen, x0 > x1 ? x1 : x0);
      seen++;
    }
  }
  let sigD: f64 = NaN;
  let keptAll = false;
  for (let pass = 0; pass < 2; pass++) {
    const d: f64 = pass == 0 ? 1 : -1;
    const spread = (d > 0 ? med - q1 : q3 - med) / 0.6745;
    const cut = isFinite(spread) && spread > 0 ? med + d * SIDE_CUT * spread : d * Infinity;
    let nd = 0;
    if (d > 0) {
      for (let m = 0; m < seen; m++) if (ld(pairHi, m) <= cut) st(kept, nd++, ld(diffs, m));
    } else {
      for (let m = 0; m < seen; m++) if (ld(pairLo, m) >= cut) st(kept, nd++, ld(diffs, m));
    }
    if (pass == 1 && keptAll && nd == seen) break;
    keptAll = nd == seen;
    if (<f64>seen >= <f64>(to - from) / 4 && <f64>nd >= <f64>seen / 4) {
      // |dx| of Gaussian noise: sigma sqrt 2; the buckets reach ~4 sigma (three quartile ranges)
      const v = trimmedSigma(kept, nd, 0, false, dist, 3 * (q3 - q1)) / Math.SQRT2;
      if (!(v >= sigD)) sigD = v;
    }
  }
  return sigD;
}

function medianStep(from: i32, to: i32): f64 {
  const a = scratch;
  let m = 0;
  const end = min(to, from + 33);
  for (let i = from + 1; i < end; i++) {
    const dt = ld(rawT, i & rawMask) - ld(rawT, (i - 1) & rawMask);
    if (dt > 0 && isFinite(dt)) st(a, m++, dt);
  }
  return m > 0 ? medianInPlace(a, m) : NaN;
}
