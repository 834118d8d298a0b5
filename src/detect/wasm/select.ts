// Exact order statistics by bucketing, and trimmed spreads summed in sample order.
//
// A block's statistics are a few order statistics of a few hundred values. Quickselect spends most
// of its time on branches it cannot predict; here one pass counts the values into BUCKETS buckets
// over a guessed range, the bucket holding the wanted rank is found from the counts, and only that
// bucket's few values are selected among. The bucket of a value is a monotone function of it, so
// the answer is the exact order statistic whatever the guess (a poor guess only makes the bucket
// bigger). The trimmed spreads add their terms in sample order, so their bits do not depend on how
// the values were selected either: the result is a function of the samples alone.
import { ld, st, selectInPlace } from "./stats";

/** buckets inside the guessed range; bucket 0 holds what is below it, BUCKETS + 1 what is above */
const BUCKETS = 64;
/** values sampled for the guess of a level's range */
const GUESS = 16;

// laid out by the JS side: bucket counts (i32 x (BUCKETS + 2)), each value's bucket (u8), room for
// one bucket's values, the guess's sample
let counts: usize = 0;
let bucketAt: usize = 0;
let pick: usize = 0;
let guess: usize = 0;

export function selectLayout(countsAt: usize, bucketsAt: usize, pickAt: usize, guessAt: usize): void {
  counts = countsAt;
  bucketAt = bucketsAt;
  pick = pickAt;
  guess = guessAt;
}

// the range of the last histogram: bucket = 1 + floor((x - lo) * scale), clamped to 0 .. BUCKETS + 1
let lo: f64 = 0;
let scale: f64 = 0;

@inline function bucketOf(x: f64): i32 {
  const u = (x - lo) * scale;
  // u is monotone in x (a difference and a product by a positive number round monotonically)
  return u < 0 ? 0 : u < <f64>BUCKETS ? 1 + <i32>u : BUCKETS + 1;
}

@inline function countAt(b: i32): i32 {
  return load<i32>(counts + (<usize>b << 2));
}

/** The buckets over [from, to]; a range that is empty or not finite makes one bucket of every value (still exact, only slower). */
function setRange(from: f64, to: f64): void {
  const width = to - from;
  if (isFinite(from) && isFinite(width) && width > 0) {
    lo = from;
    scale = <f64>BUCKETS / width;
    if (!isFinite(scale)) scale = 0;
  } else {
    lo = isFinite(from) ? from : 0;
    scale = 0;
  }
  memory.fill(counts, 0, (BUCKETS + 2) << 2);
}

/** value i goes to bucket b: counted, and its bucket kept for the selections */
@inline function count(i: i32, x: f64): void {
  const b = bucketOf(x);
  store<u8>(bucketAt + <usize>i, <u8>b);
  const at = counts + (<usize>b << 2);
  store<i32>(at, load<i32>(at) + 1);
}

/** Count v[0..n) into the buckets over [from, to]. */
function histogram(v: usize, n: i32, from: f64, to: f64): void {
  setRange(from, to);
  for (let i = 0; i < n; i++) count(i, ld(v, i));
}

/** The rank-r value (0-based) of v[0..n) counted by the last histogram: the bucket holding it, then a selection among its values. */
function rankOf(v: usize, n: i32, r: i32): f64 {
  let below = 0;
  let b = 0;
  while (below + countAt(b) <= r) below += countAt(b++);
  const want = <u8>b;
  let m = 0;
  for (let i = 0; i < n; i++) if (load<u8>(bucketAt + <usize>i) == want) st(pick, m++, ld(v, i));
  return selectInPlace(pick, m, r - below);
}

/** A robust centre and spread of v[0..n) from GUESS values at a fixed stride: the range to bucket a level over. */
function levelRange(v: usize, n: i32): void {
  const g = min(GUESS, n);
  const stride = n / g;
  for (let k = 0; k < g; k++) {
    const x = ld(v, k * stride);
    let j = k - 1;
    while (j >= 0 && ld(guess, j) > x) {
      st(guess, j + 1, ld(guess, j));
      j--;
    }
    st(guess, j + 1, x);
  }
  const mid = ld(guess, g >> 1);
  // about two sigma of Gaussian noise between the sample's quartiles' ranks: +-3 spreads each side
  const spread = ld(guess, (3 * g) >> 2) - ld(guess, g >> 2);
  rangeLo = mid - 3 * spread;
  rangeHi = mid + 3 * spread;
}
let rangeLo: f64 = 0;
let rangeHi: f64 = 0;

/**
 * Median and quartiles of v[0..n) (n >= 1), exactly as medianInPlace and selectInPlace at
 * floor(0.25 (n - 1)) and ceil(0.75 (n - 1)) define them: into levelMedian, levelQ1, levelQ3.
 */
export function levelOf(v: usize, n: i32): void {
  levelRange(v, n);
  histogram(v, n, rangeLo, rangeHi);
  const upper = rankOf(v, n, n >> 1);
  levelMedian = n & 1 ? upper : (rankOf(v, n, (n >> 1) - 1) + upper) / 2;
  levelQ1 = rankOf(v, n, <i32>Math.floor(0.25 * <f64>(n - 1)));
  levelQ3 = rankOf(v, n, <i32>Math.ceil(0.75 * <f64>(n - 1)));
}
export let levelMedian: f64 = NaN;
export let levelQ1: f64 = NaN;
export let levelQ3: f64 = NaN;

/** E|Z| over the 80 % of a standard normal closest to 0 */
const TRIMMED_ABS_80: f64 = 0.558598;

/**
 * The trimmed sigma of v[0..n) about `center` (n >= 2): the mean |v - center| of the 80 % closest,
 * the fractional share of the next one included, / its Gaussian expectation, times n / (n - 1.5)
 * when the centre is the values' own median. The k = floor(0.8 n) smallest distances are those
 * below the rank-k distance plus as many copies of it as make k; their sum is taken in v's order.
 * `d` holds n doubles of scratch (the distances); `reach` is a distance most values lie within.
 */
export function trimmedSigma(v: usize, n: i32, center: f64, centerIsMedian: bool, d: usize, reach: f64): f64 {
  if (n < 2) return NaN;
  setRange(0, reach);
  for (let i = 0; i < n; i++) {
    const x = Math.abs(ld(v, i) - center);
    st(d, i, x);
    count(i, x);
  }
  const keep = 0.8 * <f64>n;
  const k = <i32>Math.floor(keep);
  const next = rankOf(d, n, min(k, n - 1));
  let sum: f64 = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const x = ld(d, i);
    if (x < next) {
      sum += x;
      below++;
    }
  }
  sum += <f64>(k - below) * next;
  sum += (keep - <f64>k) * next;
  const small: f64 = centerIsMedian ? <f64>n / (<f64>n - 1.5) : 1;
  return (sum / keep / TRIMMED_ABS_80) * small;
}
