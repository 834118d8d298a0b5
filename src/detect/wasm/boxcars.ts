// Pass 1b-1c: mains pickup out of the residuals (MainsCanceller.cancelRange) and the boxcar sums of
// every width (StreamingDetector.boxcarSums), operation for operation.
import { ld, st } from "./stats";
import { ringMask, ringResidual, ringTime, ringGood } from "./residuals";

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

/** ring slots of samples [from, from + len) where good: subtract the learnt pickup, learn from what is left (clipped) */
export function cancelMains(from: i32, len: i32, clip: f64): void {
  // layout and settings in locals: globals are memory to the engine, read again on every use
  const mask = ringMask;
  const good = ringGood;
  const time = ringTime;
  const res = ringResidual;
  const t0 = tpl0, t1 = tpl1;
  const m0 = n0, m1 = n1;
  const l0 = f0, l1 = f1;
  const r0 = a0, r1 = a1;
  for (let o = 0; o < len; o++) {
    const s = (from + o) & mask;
    if (!load<u8>(good + <usize>s)) continue;
    const t = ld(time, s);
    // samples sit on the phase lattice k/n: round to it (a floor would send 0.9999999... to the last bin)
    const p0 = t * l0 - Math.floor(t * l0);
    let b0 = <i32>Math.round(p0 * <f64>m0);
    if (b0 >= m0) b0 -= m0;
    const p1 = t * l1 - Math.floor(t * l1);
    let b1 = <i32>Math.round(p1 * <f64>m1);
    if (b1 >= m1) b1 -= m1;
    let y: f64 = 0;
    y += ld(t0, b0);
    y += ld(t1, b1);
    const r = ld(res, s) - y;
    // clamped to [-clip, clip] so a spike cannot teach the templates
    const c = Math.min(Math.max(r, -clip), clip);
    st(t0, b0, ld(t0, b0) + r0 * c);
    st(t1, b1, ld(t1, b1) + r1 * c);
    st(res, s, r);
  }
}

// boxcar state, laid out by the JS side
let widths: usize = 0; // i32 per width
let nw: i32 = 0;
let sums: usize = 0; // running sum per width
let sumStore: usize = 0; // per width, the block's sums (width-major, stride = block)
let runStore: usize = 0; // i32 per sample of the block: good samples in a row
let stride: i32 = 0;
let run: i32 = 0;

export function boxcarLayout(widthsAt: usize, count: i32, sumsAt: usize, storeAt: usize, runsAt: usize, block: i32): void {
  widths = widthsAt;
  nw = count;
  sums = sumsAt;
  sumStore = storeAt;
  runStore = runsAt;
  stride = block;
}

@inline function runAt(o: i32): i32 {
  return load<i32>(runStore + (<usize>o << 2));
}

/** Boxcar sums of samples [from, from + len) into the sum store, with the good runs. */
export function boxcarSums(from: i32, len: i32): void {
  const mask = ringMask;
  const good = ringGood;
  const res = ringResidual;
  const sums = sumStore;
  const runs = runStore;
  let r0 = run;
  for (let o = 0; o < len; o++) {
    const rs = (from + o) & mask;
    if (load<u8>(good + <usize>rs)) {
      const r = ld(res, rs);
      r0++;
      st(sums, o, r);
      store<i32>(runs + (<usize>o << 2), r0);
    } else {
      r0 = 0;
      store<i32>(runs + (<usize>o << 2), 0);
    }
  }
  run = r0;
  if (nw == 4) wideSums3(from, len);
  else for (let w = 1; w < nw; w++) wideSums(from, len, w);
}

/** Width w's running sums over the block (the same recurrence as wideSums3, one width at a time). */
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

/**
 * The default ladder's three wide widths (1, 4, 16, 64) in one loop: each sum is its own dependency
 * chain, so the three advance side by side instead of one after another (same values as wideSums).
 */
function wideSums3(from: i32, len: i32): void {
  const mask = ringMask;
  const res = ringResidual;
  const runs = runStore;
  const wa = load<i32>(widths + 4);
  const wb = load<i32>(widths + 8);
  const wc = load<i32>(widths + 12);
  const outA = sumStore + (<usize>stride << 3);
  const outB = outA + (<usize>stride << 3);
  const outC = outB + (<usize>stride << 3);
  let sa = ld(sums, 1);
  let sb = ld(sums, 2);
  let sc = ld(sums, 3);
  for (let o = 0; o < len; o++) {
    const i = from + o;
    const rn = load<i32>(runs + (<usize>o << 2));
    if (rn > 0) {
      if ((i & 4095) == 0) {
        sa = resum(i, min(wa, rn));
        sb = resum(i, min(wb, rn));
        sc = resum(i, min(wc, rn));
      } else {
        const r = ld(res, i & mask);
        sa = sa + r - (rn > wa ? ld(res, (i - wa) & mask) : 0);
        sb = sb + r - (rn > wb ? ld(res, (i - wb) & mask) : 0);
        sc = sc + r - (rn > wc ? ld(res, (i - wc) & mask) : 0);
      }
      st(outA, o, sa);
      st(outB, o, sb);
      st(outC, o, sc);
    } else {
      sa = 0;
      sb = 0;
      sc = 0;
    }
  }
  st(sums, 1, sa);
  st(sums, 2, sb);
  st(sums, 3, sc);
}

let candidates: usize = 0; // u8 per sample of the block
let limPos: usize = 0; // f64 per width: the + direction's lowest trigger levels
let limNeg: usize = 0;
let ringSigma: usize = 0;

export function triggerLayout(cand: usize, pos: usize, neg: usize, sigma: usize): void {
  candidates = cand;
  limPos = pos;
  limNeg = neg;
  ringSigma = sigma;
}

/**
 * Pass 2's prefilter over samples [from, from + len): each sample's width-1 sigma into the ring, and
 * per good sample a bit per direction (1: +, 2: -) set when some width's sum exceeds that direction's
 * level (d x sum > level, the trigger's own test; its other conditions only narrow it down). A sample
 * without its bit cannot fire that direction's finders. Returns the number of samples with a bit.
 */
export function triggerCandidates(from: i32, len: i32, sigma1: f64): i32 {
  // layout in locals: globals are memory to the engine, read again on every use
  const mask = ringMask;
  const sigma = ringSigma;
  const good = ringGood;
  const sums = sumStore;
  const cand = candidates;
  const count = nw;
  const row = stride;
  if (count == 4) return candidates4(from, len, sigma1);
  let found = 0;
  for (let o = 0; o < len; o++) {
    const rs = (from + o) & mask;
    st(sigma, rs, sigma1);
    let c: u8 = 0;
    if (load<u8>(good + <usize>rs)) {
      for (let k = 0; k < count; k++) {
        const v = ld(sums, k * row + o);
        if (v > ld(limPos, k)) c |= 1;
        if (-v > ld(limNeg, k)) c |= 2;
      }
    }
    store<u8>(cand + <usize>o, c);
    if (c) found++;
  }
  return found;
}

/** triggerCandidates for the default ladder's four widths, the levels in registers */
function candidates4(from: i32, len: i32, sigma1: f64): i32 {
  const mask = ringMask;
  const sigma = ringSigma;
  const good = ringGood;
  const cand = candidates;
  const s0 = sumStore;
  const s1 = s0 + (<usize>stride << 3);
  const s2 = s1 + (<usize>stride << 3);
  const s3 = s2 + (<usize>stride << 3);
  const p0 = ld(limPos, 0), p1 = ld(limPos, 1), p2 = ld(limPos, 2), p3 = ld(limPos, 3);
  const n0 = ld(limNeg, 0), n1 = ld(limNeg, 1), n2 = ld(limNeg, 2), n3 = ld(limNeg, 3);
  let found = 0;
  for (let o = 0; o < len; o++) {
    const rs = (from + o) & mask;
    st(sigma, rs, sigma1);
    let c: u8 = 0;
    if (load<u8>(good + <usize>rs)) {
      const v0 = ld(s0, o), v1 = ld(s1, o), v2 = ld(s2, o), v3 = ld(s3, o);
      if (v0 > p0 || v1 > p1 || v2 > p2 || v3 > p3) c |= 1;
      if (-v0 > n0 || -v1 > n1 || -v2 > n2 || -v3 > n3) c |= 2;
    }
    store<u8>(cand + <usize>o, c);
    if (c) found++;
  }
  return found;
}
