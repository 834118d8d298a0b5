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
  // layout and state in locals: globals are memory to the engine, read again on every use
  const tIn = rawT, xIn = rawX, fIn = rawF, inMask = rawMask;
  const mask = ringMask;
  const resOut = ringResidual, timeOut = ringTime, goodOut = ringGood, curOut = ringCurrent, stateOut = ringState;
  let xMax: f64 = -Infinity;
  let xMin: f64 = Infinity;
  let q = quantumV;
  let prev = prevGoodX;
  let fv = flatValue;
  let fs = flatStart;
  let nonZero = seenNonZero;
  let zs = zeroStart;
  const posAt = positions(len);
  for (let o = 0; o < len; o++) {
    const i = from + o;
    const slot = i & inMask;
    const t = ld(tIn, slot);
    const x = ld(xIn, slot);
    const f = load<u8>(fIn + <usize>slot);
    // baseline: linear between block centres, so drift is followed inside a block; at a level
    // step, the old level up to the step sample and the new one after it
    let base: f64;
    if (stepAt >= 0) base = o < stepAt ? bPrev : bAfter;
    else {
      const pos = ld(posAt, o);
      base = pos < 0 ? b + pos * (b - bPrev) : b + pos * (bNext - b);
    }
    const finite = isFinite(x) && isFinite(t);
    const good = f == 0 && !mixed && finite && isFinite(base);
    const rs = i & mask;
    st(resOut, rs, good ? x - base : 0);
    st(timeOut, rs, t);
    store<u8>(goodOut + <usize>rs, good ? 1 : 0);
    st(curOut, rs, x);
    const usable = finite && (f & UNUSABLE) == 0;
    store<u8>(stateOut + <usize>rs, (usable ? RING_USABLE : 0) | ((f & OVERLOAD) != 0 ? RING_OVERLOAD : 0));
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
      // flat runs at exactly one non-zero value (instrument-controlled current) and exact-zero
      // runs after real current (output off / rest step)
      if (x != 0) {
        if (x != fv) {
          fv = x;
          fs = t;
        } else if (t - fs >= flatMin_s && Math.abs(x - floorRef) > flatExcess && flatCount < MAX_FLAT_RUNS) flatRun(fs);
        nonZero = true;
        if (zs == zs) zs = closeZeroRun(t, zs);
      } else if (nonZero && zs != zs) zs = t;
    }
  }
  quantumV = q;
  prevGoodX = prev;
  xMaxV = xMax;
  xMinV = xMin;
  flatValue = fv;
  flatStart = fs;
  seenNonZero = nonZero;
  zeroStart = zs;
}

// each sample's place in its block, -0.5 .. 0.5 from the block centre (the baseline's interpolation
// weight), for the last block length seen: the same division per sample, done once per length
let posTable: usize = 0;
let posLen: i32 = -1;
let posCap: i32 = 0;

export function positionsLayout(table: usize, capacity: i32): void {
  posTable = table;
  posCap = capacity;
  posLen = -1;
}

function positions(len: i32): usize {
  // a block is never longer than the table (the detector's block length): a trap, not a wrong baseline
  if (len > posCap) unreachable();
  if (len != posLen) {
    for (let o = 0; o < len; o++) st(posTable, o, (<f64>o + 0.5) / <f64>len - 0.5);
    posLen = len;
  }
  return posTable;
}

/** the current flat run (started at `start`) has lasted long enough to warn: its start time, once */
function flatRun(start: f64): void {
  if (flatCount == 0 || ld(flatRunsAt, flatCount - 1) != start) st(flatRunsAt, flatCount++, start);
}

/** a run of exact zeros that started at `start` ended at time t: counted when long enough; returns NaN (none open) */
function closeZeroRun(t: f64, start: f64): f64 {
  if (t - start >= zeroMin_s) {
    if (zeroRunsV == 0) zeroFirstV = start;
    zeroRunsV++;
  }
  return NaN;
}

/** A run of exact zeros ended at sample i (in the ring): the trace's end. */
export function endZeroRun(i: i32): void {
  zeroStart = closeZeroRun(ld(ringTime, i & ringMask), zeroStart);
}
