// Byte-level number reading for the plain numeric body: same values as Number(), without strings.

const POW10 = new Float64Array([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);
const TWO53 = 9007199254740992;

/**
 * Read a plain decimal number (sign, digits, one decimal mark, exponent) starting at a, stopping at
 * the first byte that cannot continue it (before b), and store it in out[slot]. Returns the index of
 * that byte, or -1 when there is no digit or the exponent is incomplete (the caller then takes the
 * slow path). The value goes into a typed array rather than being returned: a double returned from a
 * call that is not inlined is boxed, i.e. one heap allocation per number.
 * Exact: Clinger's fast path (integer mantissa < 2^53 and |exp10| <= 22 needs one correctly rounded
 * operation); anything beyond goes through Number() on the same text, so values always equal Number().
 */
export function readNumber(buf: Uint8Array, a: number, b: number, decimal: number, out: Float64Array, slot: number): number {
  let i = a;
  let c = i < b ? buf[i]! : 0;
  const neg = c === 45;
  if (neg || c === 43) i++;
  // digits gather in an int32 (up to 9 at a time: integer multiply-adds, a shorter dependency chain
  // than doubles), flushed into the double m every 9 digits; all values stay exact integers below 2^53
  let m = 0;
  let lo = 0;
  let nlo = 0;
  const intStart = i;
  let d = 0;
  // (x - 48) >>> 0 > 9 rejects every non-digit byte with one comparison
  while (i < b && (d = (buf[i]! - 48) >>> 0) <= 9) {
    lo = (lo * 10 + d) | 0;
    if (++nlo === 9) { m = m * 1e9 + lo; lo = 0; nlo = 0; }
    i++;
  }
  let digits = i - intStart;
  let frac = 0;
  if (i < b && buf[i] === decimal) {
    const fracStart = ++i;
    while (i < b && (d = (buf[i]! - 48) >>> 0) <= 9) {
      lo = (lo * 10 + d) | 0;
      if (++nlo === 9) { m = m * 1e9 + lo; lo = 0; nlo = 0; }
      i++;
    }
    frac = i - fracStart;
    digits += frac;
  }
  if (digits === 0) return -1;
  m = m * POW10[nlo]! + lo;
  let e = 0;
  if (i < b && ((c = buf[i]!) === 101 || c === 69)) {
    i++;
    const eneg = i < b && buf[i] === 45;
    if (eneg || (i < b && buf[i] === 43)) i++;
    const expStart = i;
    while (i < b && (d = (buf[i]! - 48) >>> 0) <= 9) {
      if (e < 100000) e = e * 10 + d;
      i++;
    }
    if (i === expStart) return -1;
    if (eneg) e = -e;
  }
  const e10 = e - frac;
  // m only grows while digits accumulate, so a final m below 2^53 means every step was exact
  if (m < TWO53 && e10 >= -22 && e10 <= 22) {
    const v = e10 < 0 ? m / POW10[-e10]! : m * POW10[e10]!;
    out[slot] = neg ? -v : v;
    return i;
  }
  out[slot] = slowNumber(buf, a, i, decimal);
  return i;
}

/** Number() on the bytes (long mantissas, huge exponents): rare, so a string is fine here. */
function slowNumber(buf: Uint8Array, a: number, end: number, decimal: number): number {
  let s = "";
  for (let k = a; k < end; k++) s += String.fromCharCode(buf[k] === decimal ? 46 : buf[k]!);
  return Number(s);
}
