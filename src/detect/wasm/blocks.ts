// One block's summary (level, spreads, difference noise, time step) from the raw look-ahead ring:
// StreamingDetector.levelAndSpreads, diffSigma and medianStep, operation for operation.
import { ld, st, medianInPlace, selectInPlace, trimmedSigmaInPlace } from "./stats";

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

export function rawLayout(t: usize, x: usize, f: usize, mask: i32, scratchAt: usize, diffsAt: usize, hiAt: usize, loAt: usize, outAt: usize): void {
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
  const med = <f64>n >= <f64>(to - from) / 4 ? medianInPlace(a, n) : NaN;
  const nan = isNaN(med);
  const q1 = nan ? NaN : selectInPlace(a, n, <i32>Math.floor(0.25 * <f64>(n - 1)));
  const q3 = nan ? NaN : selectInPlace(a, n, <i32>Math.ceil(0.75 * <f64>(n - 1)));
  const sigma = nan ? NaN : trimmedSigmaInPlace(a, n, med, true);
  st(out, 0, mixed ? 1 : 0);
  st(out, 1, med);
  st(out, 2, q1);
  st(out, 3, q3);
  st(out, 4, sigma);
  st(out, 5, diffSigma(from, to, med, q1, q3));
  st(out, 6, medianStep(from, to));
}

function diffSigma(from: i32, to: i32, med: f64, q1: f64, q3: f64): f64 {
  const a = scratch;
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
      for (let m = 0; m < seen; m++) if (ld(pairHi, m) <= cut) st(a, nd++, ld(diffs, m));
    } else {
      for (let m = 0; m < seen; m++) if (ld(pairLo, m) >= cut) st(a, nd++, ld(diffs, m));
    }
    if (pass == 1 && keptAll && nd == seen) break;
    keptAll = nd == seen;
    if (<f64>seen >= <f64>(to - from) / 4 && <f64>nd >= <f64>seen / 4) {
      const v = trimmedSigmaInPlace(a, nd, 0, false) / Math.SQRT2;
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
