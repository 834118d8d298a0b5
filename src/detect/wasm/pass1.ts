// Pass 1 over a block, one sample at a time: its baseline, goodness and residual into the sample
// ring (with the block's current extremes, the quantisation step, flat and exact-zero runs), the
// mains pickup out of the residual, and the boxcar sums of every width. Each quantity sees the same
// operations in the same order as when these were separate passes (each depends on the sample
// itself and on earlier ones only); one loop reads and writes each sample once.
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
export let ringSigma: usize = 0;
let flatRunsAt: usize = 0;

export function ringLayout(mask: i32, residual: usize, time: usize, good: usize, current: usize, state: usize, sigma: usize, flatRuns: usize): void {
  ringSigma = sigma;
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

// mains templates (two lines), laid out by the JS side
let tpl0: usize = 0;
let tpl1: usize = 0;
let n0: i32 = 1;
let n1: i32 = 1;
let f0: f64 = 50;
let f1: f64 = 60;
let a0: f64 = 0;
let a1: f64 = 0;

export function mainsLayout(t0: usize, bins0: i32, line0: f64, alpha0: f64, t1: usize, bins1: i32, line1: f64, alpha1: f64): void {
  tpl0 = t0;
  n0 = bins0;
  f0 = line0;
  a0 = alpha0;
  tpl1 = t1;
  n1 = bins1;
  f1 = line1;
  a1 = alpha1;
}

// boxcar state, laid out by the JS side
let widths: usize = 0; // i32 per width
export let nw: i32 = 0;
let sums: usize = 0; // running sum per width
export let sumStore: usize = 0; // per width, the block's sums (width-major, stride = block)
let runStore: usize = 0; // i32 per sample of the block: good samples in a row
export let stride: i32 = 0;
let run: i32 = 0;

export function boxcarLayout(widthsAt: usize, count: i32, sumsAt: usize, storeAt: usize, runsAt: usize, block: i32): void {
  widths = widthsAt;
  nw = count;
  sums = sumsAt;
  sumStore = storeAt;
  runStore = runsAt;
  stride = block;
}

/**
 * Samples [from, from + len) (from: the global index modulo 2^30, so slots and offsets agree with
 * the JS side's): stepAt is the step sample's offset in the block (< 0: none); clip bounds what the
 * mains templates learn from a sample.
 */
export function passOne(from: i32, len: i32, stepAt: i32, b: f64, bPrev: f64, bNext: f64, bAfter: f64, mixed: bool, floorRef: f64, flatExcess: f64, flatMin_s: f64, clip: f64): void {
  // layout and state in locals: globals are memory to the engine, read again on every use
  const tIn = rawT, xIn = rawX, fIn = rawF, inMask = rawMask;
  const mask = ringMask;
  const resOut = ringResidual, timeOut = ringTime, goodOut = ringGood, curOut = ringCurrent, stateOut = ringState;
  const t0 = tpl0, t1 = tpl1;
  const m0 = n0, m1 = n1;
  const l0 = f0, l1 = f1;
  const r0 = a0, r1 = a1;
  const row0 = sumStore, runs = runStore;
  // the default ladder's three wide widths (1, 4, 16, 64) in the same loop, else after it
  const three = nw == 4;
  const wa = three ? load<i32>(widths + 4) : 0;
  const wb = three ? load<i32>(widths + 8) : 0;
  const wc = three ? load<i32>(widths + 12) : 0;
  const outA = row0 + (<usize>stride << 3);
  const outB = outA + (<usize>stride << 3);
  const outC = outB + (<usize>stride << 3);
  let sa = three ? ld(sums, 1) : 0;
  let sb = three ? ld(sums, 2) : 0;
  let sc = three ? ld(sums, 3) : 0;
  let xMax: f64 = -Infinity;
  let xMin: f64 = Infinity;
  let q = quantumV;
  let prev = prevGoodX;
  let fv = flatValue;
  let fs = flatStart;
  let nonZero = seenNonZero;
  let zs = zeroStart;
  let rn = run;
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
      // mains: subtract the pickup the templates predict at t, learn from what is left (clipped so a
      // spike cannot teach them); samples sit on the phase lattice k/n: round to it (a floor would
      // send 0.9999999... to the last bin)
      const p0 = t * l0 - Math.floor(t * l0);
      let b0 = <i32>Math.round(p0 * <f64>m0);
      if (b0 >= m0) b0 -= m0;
      const p1 = t * l1 - Math.floor(t * l1);
      let b1 = <i32>Math.round(p1 * <f64>m1);
      if (b1 >= m1) b1 -= m1;
      let y: f64 = 0;
      y += ld(t0, b0);
      y += ld(t1, b1);
      const r = (x - base) - y;
      const c = Math.min(Math.max(r, -clip), clip);
      st(t0, b0, ld(t0, b0) + r0 * c);
      st(t1, b1, ld(t1, b1) + r1 * c);
      st(resOut, rs, r);
      // boxcar width 1 (the residual itself) and the good run
      rn++;
      st(row0, o, r);
      store<i32>(runs + (<usize>o << 2), rn);
      if (three) {
        if ((i & 4095) == 0) {
          sa = resum(i, min(wa, rn));
          sb = resum(i, min(wb, rn));
          sc = resum(i, min(wc, rn));
        } else {
          sa = sa + r - (rn > wa ? ld(resOut, (i - wa) & mask) : 0);
          sb = sb + r - (rn > wb ? ld(resOut, (i - wb) & mask) : 0);
          sc = sc + r - (rn > wc ? ld(resOut, (i - wc) & mask) : 0);
        }
        st(outA, o, sa);
        st(outB, o, sb);
        st(outC, o, sc);
      }
    } else {
      st(resOut, rs, 0);
      rn = 0;
      store<i32>(runs + (<usize>o << 2), 0);
      sa = 0;
      sb = 0;
      sc = 0;
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
  run = rn;
  if (three) {
    st(sums, 1, sa);
    st(sums, 2, sb);
    st(sums, 3, sc);
  } else for (let w = 1; w < nw; w++) wideSums(from, len, w);
  quantumV = q;
  prevGoodX = prev;
  xMaxV = xMax;
  xMinV = xMin;
  flatValue = fv;
  flatStart = fs;
  seenNonZero = nonZero;
  zeroStart = zs;
}

@inline function runAt(o: i32): i32 {
  return load<i32>(runStore + (<usize>o << 2));
}

/** Width w's running sums over the block (the same recurrence passOne runs for the default ladder's three wide widths at once). */
function wideSums(from: i32, len: i32, w: i32): void {
  const mask = ringMask;
  const width = load<i32>(widths + (<usize>w << 2));
  const row = w * stride;
  let sum = ld(sums, w);
  for (let o = 0; o < len; o++) {
    const i = from + o;
    const rn = runAt(o);
    if (rn > 0) {
      if ((i & 4095) == 0) sum = resum(i, min(width, rn));
      else sum = sum + ld(ringResidual, i & mask) - (rn > width ? ld(ringResidual, (i - width) & mask) : 0);
      st(sumStore, row + o, sum);
    } else {
      sum = 0;
    }
  }
  st(sums, w, sum);
}

/** exact re-sum of the m residuals ending at i, now and then, so rounding cannot accumulate over 1e9 samples */
function resum(i: i32, m: i32): f64 {
  let acc: f64 = 0;
  for (let q = 0; q < m; q++) acc += ld(ringResidual, (i - q) & ringMask);
  return acc;
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
