// Pass 2's prefilter: which samples of a block can fire which direction's spike finders.
import { ld, st } from "./stats";
import { ringMask, ringGood, ringSigma, nw, stride, sumStore } from "./pass1";

let candidates: usize = 0; // u8 per sample of the block
let limPos: usize = 0; // f64 per width: the + direction's lowest trigger levels
let limNeg: usize = 0;

export function triggerLayout(cand: usize, pos: usize, neg: usize): void {
  candidates = cand;
  limPos = pos;
  limNeg = neg;
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
