// Robust statistics over typed-array slices (in-place selection, no allocation) and the Gaussian tail quantile.

/** k-th smallest of a[0..n) (0-based), reordering a in place (Hoare quickselect). */
export function selectInPlace(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i] = a[j]!;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of a[0..n), reordering a in place; NaN when n = 0. */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n <= 0) return NaN;
  const hi = selectInPlace(a, n, n >> 1);
  if (n & 1) return hi;
  // the lower middle is the largest value left of the upper middle after selection
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (a[i]! > lo) lo = a[i]!;
  return (lo + hi) / 2;
}

/**
 * Robust sigma: 1.4826 x MAD about `center`, with the Croux-Rousseeuw small-sample factor
 * n/(n-0.8) (short blocks would otherwise under-state the noise and raise false spikes).
 * Reorders a in place (it holds |a - center| afterwards).
 */
export function madSigmaInPlace(a: Float64Array, n: number, center: number): number {
  if (n < 2) return NaN;
  for (let i = 0; i < n; i++) a[i] = Math.abs(a[i]! - center);
  const mad = medianInPlace(a, n);
  const small = n > 9 ? n / (n - 0.8) : 1.2;
  return 1.4826 * small * mad;
}

/** E|Z| over the 80 % of a standard normal closest to 0: 2 (phi(0) - phi(1.2816)) / 0.8 */
const TRIMMED_ABS_80 = 0.558598;

/**
 * Robust sigma that stays continuous on quantised data: the mean absolute deviation from `center`
 * of the 80 % of samples closest to it, / 0.5586 (its Gaussian expectation). A plain MAD of
 * values on an ADC lattice jumps between multiples of the step (1 LSB, 2 LSB) and can understate
 * the noise by a third; the trimmed mean averages over the lattice, and the 20 % trim keeps
 * spikes out. Reorders a in place.
 */
export function trimmedSigmaInPlace(a: Float64Array, n: number, center: number, centerIsMedian = true): number {
  if (n < 2) return NaN;
  for (let i = 0; i < n; i++) a[i] = Math.abs(a[i]! - center);
  // 80 % of n, fractional part taken as a share of the next order statistic (no lattice in n)
  const keep = 0.8 * n;
  const k = Math.floor(keep);
  const next = selectInPlace(a, n, Math.min(k, n - 1));
  let sum = 0;
  for (let i = 0; i < k; i++) sum += a[i]!;
  sum += (keep - k) * next;
  // a centre taken from the same samples pulls them in: n/(n-1.5) undoes it (measured, n = 16..250)
  const small = centerIsMedian ? n / (n - 1.5) : 1;
  return (sum / keep / TRIMMED_ABS_80) * small;
}

/** x such that P(Z > x) = q for a standard normal Z (Acklam's rational approximation, |rel err| < 1.2e-9). */
export function gaussianUpperQuantile(q: number): number {
  if (!(q > 0)) return Infinity;
  if (q >= 1) return -Infinity;
  const p = q; // lower-tail probability of -x
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  let z: number;
  if (p < 0.02425) {
    const u = Math.sqrt(-2 * Math.log(p));
    z = (((((c[0]! * u + c[1]!) * u + c[2]!) * u + c[3]!) * u + c[4]!) * u + c[5]!) / ((((d[0]! * u + d[1]!) * u + d[2]!) * u + d[3]!) * u + 1);
  } else if (p <= 0.5) {
    const u = p - 0.5;
    const r = u * u;
    z = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * u) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    return -gaussianUpperQuantile(1 - q);
  }
  return -z;
}

/**
 * The last `capacity` values pushed (a FIFO window), also kept sorted, so the window median is
 * O(1) after an O(capacity) shift per push instead of a copy + selection per query. The median
 * is the same value medianInPlace gives for the window (order statistics do not depend on the
 * order). Values must not be NaN.
 */
export class SortedWindow {
  private readonly fifo: Float64Array;
  private readonly sorted: Float64Array;
  private next = 0;
  /** values in the window */
  n = 0;

  constructor(readonly capacity: number) {
    this.fifo = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  clear(): void {
    this.n = 0;
    this.next = 0;
  }

  push(v: number): void {
    const s = this.sorted;
    let n = this.n;
    if (n === this.capacity) {
      // drop the oldest value
      sortedRemove(s, n, this.fifo[this.next]!);
      n--;
    }
    sortedInsert(s, n, v);
    this.n = n + 1;
    this.fifo[this.next] = v;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
  }

  /**
   * medianInPlace over the window's buffer (slots 0..n in push order modulo capacity: what a ring
   * buffer of the same capacity holds), to the sign of a zero: equal to median() except that when
   * a middle value is zero, its sign is the one the selection order gives, so it asks medianInPlace.
   */
  exactMedian(scratch: Float64Array): number {
    const n = this.n;
    if (n > 0 && (this.sorted[n >> 1] === 0 || this.sorted[(n - 1) >> 1] === 0)) {
      scratch.set(this.fifo.subarray(0, n));
      return medianInPlace(scratch, n);
    }
    return this.median();
  }

  /** the value at fraction q of the sorted window (nearest rank below); NaN when empty */
  quantile(q: number): number {
    const n = this.n;
    return n > 0 ? this.sorted[Math.floor(q * (n - 1))]! : NaN;
  }

  /** as medianInPlace: the middle value, or the mean of the two middle ones; NaN when empty */
  median(): number {
    const n = this.n;
    if (n <= 0) return NaN;
    const hi = this.sorted[n >> 1]!;
    if (n & 1) return hi;
    return (this.sorted[(n >> 1) - 1]! + hi) / 2;
  }
}

/** Insert v into sorted s[0..n) after the values <= v (an insertion sort's place); s has room for n + 1. */
export function sortedInsert(s: Float64Array, n: number, v: number): void {
  const j = upperBound(s, n, v);
  shiftRight(s, j, n);
  s[j] = v;
}

/** Remove one copy of v (present) from sorted s[0..n): find it and close the gap. */
export function sortedRemove(s: Float64Array, n: number, v: number): void {
  shiftLeft(s, lowerBound(s, n, v), n);
}

/** first index in sorted s[0..n) whose value is > v */
function upperBound(s: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** a long shift is a native memmove; a short one is cheaper as a loop than as a call */
const SHORT_SHIFT = 32;

/** s[i..n-1) = s[i+1..n) */
function shiftLeft(s: Float64Array, i: number, n: number): void {
  if (n - i > SHORT_SHIFT) s.copyWithin(i, i + 1, n);
  else for (; i < n - 1; i++) s[i] = s[i + 1]!;
}

/** s[j+1..n] = s[j..n) */
function shiftRight(s: Float64Array, j: number, n: number): void {
  if (n - j > SHORT_SHIFT) s.copyWithin(j + 1, j, n);
  else for (let k = n; k > j; k--) s[k] = s[k - 1]!;
}

/** first index in sorted s[0..n) whose value is >= v */
function lowerBound(s: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
