// Pass 1a (StreamingDetector.residuals, operation for operation): baseline, goodness and residual of
// each sample into the sample ring, the block's current extremes, the quantisation step, and the
// flat and exact-zero runs (instrument-controlled current, output off).
import { ld, st } from "./stats";
import { rawT, rawX, rawF, rawMask } from "./blocks";

// SampleFlag bits
const UNUSABLE: u8 = 1 | 2;
const OVERLOAD: u8 = 4;
// SampleRing state bits
const RING_USABLE: u8 = 1;
const RING_OVERLOAD: u8 = 2;
const MAX_FLAT_RUNS = 16;

// the sample ring (SampleRing), laid out by the JS side
export let ringMask: i32 = 0;
export let ringResidual: usize = 0;
export let ringTime: usize = 0;
export let ringGood: usize = 0;
export let ringCurrent: usize = 0;
export let ringState: usize = 0;
let flatRunsAt: usize = 0;

export function ringLayout(mask: i32, residual: usize, time: usize, good: usize, current: usize, state: usize, flatRuns: usize): void {
  ringMask = mask;
  ringResidual = residual;
  ringTime = time;
  ringGood = good;
  ringCurrent = current;
  ringState = state;
  flatRunsAt = flatRuns;
}

// state carried from block to block
let quantumV: f64 = Infinity;
let prevGoodX: f64 = NaN;
let xMaxV: f64 = -Infinity;
let xMinV: f64 = Infinity;
let flatValue: f64 = NaN;
let flatStart: f64 = NaN;
let flatCount: i32 = 0;
let seenNonZero = false;
let zeroStart: f64 = NaN;
let zeroRunsV: i32 = 0;
let zeroFirstV: f64 = NaN;
/** a run of exact zeros counts when it lasts this long (max(1 s, the fuse's minimum)) */
let zeroMin_s: f64 = 1;

export function residualSettings(zeroMin: f64): void {
  zeroMin_s = zeroMin;
}

/** smallest non-zero step between consecutive good currents so far */
export function quantum(): f64 {
  return quantumV;
}
export function xMax(): f64 {
  return xMaxV;
}
export function xMin(): f64 {
  return xMinV;
}
/** flat runs found (their start times at flatRuns[0..n)) */
export function flatRuns(): i32 {
  return flatCount;
}
export function zeroRuns(): i32 {
  return zeroRunsV;
}
export function zeroFirst(): f64 {
  return zeroFirstV;
}
/** whether a run of exact zeros is open */
export function zeroOpen(): bool {
  return zeroStart == zeroStart;
}

/**
 * Samples [from, from + len) (from: the global index modulo 2^30, so slots and offsets agree with
 * the JS side's): stepAt is the step sample's offset in the block (< 0: none).
 */
export function residuals(from: i32, len: i32, stepAt: i32, b: f64, bPrev: f64, bNext: f64, bAfter: f64, mixed: bool, floorRef: f64, flatExcess: f64, flatMin_s: f64): void {
  let xMax: f64 = -Infinity;
  let xMin: f64 = Infinity;
  let q = quantumV;
  let prev = prevGoodX;
  for (let o = 0; o < len; o++) {
    const i = from + o;
    const slot = i & rawMask;
    const t = ld(rawT, slot);
    const x = ld(rawX, slot);
    const f = load<u8>(rawF + <usize>slot);
    let base: f64;
    if (stepAt >= 0) base = o < stepAt ? bPrev : bAfter;
    else {
      const pos = (<f64>o + 0.5) / <f64>len - 0.5;
      base = pos < 0 ? b + pos * (b - bPrev) : b + pos * (bNext - b);
    }
    const good = f == 0 && !mixed && isFinite(x) && isFinite(t) && isFinite(base);
    const rs = i & ringMask;
    st(ringResidual, rs, good ? x - base : 0);
    st(ringTime, rs, t);
    store<u8>(ringGood + <usize>rs, good ? 1 : 0);
    st(ringCurrent, rs, x);
    const usable = isFinite(x) && isFinite(t) && (f & UNUSABLE) == 0;
    store<u8>(ringState + <usize>rs, (usable ? RING_USABLE : 0) | ((f & OVERLOAD) != 0 ? RING_OVERLOAD : 0));
    if (good) {
      if (x != prev && isFinite(prev)) {
        const d = Math.abs(x - prev);
        if (d < q) q = d;
      }
      prev = x;
    }
    if (usable) {
      if (x > xMax) xMax = x;
      if (x < xMin) xMin = x;
      if (x != 0) {
        if (x != flatValue) {
          flatValue = x;
          flatStart = t;
        } else if (t - flatStart >= flatMin_s && Math.abs(x - floorRef) > flatExcess && flatCount < MAX_FLAT_RUNS) flatRun();
        seenNonZero = true;
        if (zeroStart == zeroStart) endZeroRun(i);
      } else if (seenNonZero && zeroStart != zeroStart) zeroStart = t;
    }
  }
  quantumV = q;
  prevGoodX = prev;
  xMaxV = xMax;
  xMinV = xMin;
}

function flatRun(): void {
  if (flatCount == 0 || ld(flatRunsAt, flatCount - 1) != flatStart) st(flatRunsAt, flatCount++, flatStart);
}

/** A run of exact zeros ended at sample i (in the ring). */
export function endZeroRun(i: i32): void {
  const t = ld(ringTime, i & ringMask);
  if (t - zeroStart >= zeroMin_s) {
    if (zeroRunsV == 0) zeroFirstV = zeroStart;
    zeroRunsV++;
  }
  zeroStart = NaN;
}
