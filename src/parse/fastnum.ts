// Byte-level number reading for the plain numeric body: same values as Number(), without strings.

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO53 = 9007199254740992;

/**
 * Read bytes [a, b) as a plain decimal number (sign, digits, one decimal mark, exponent).
 * Exact: Clinger's fast path (integer mantissa <= 2^53 and |exp10| <= 22 needs one correctly rounded
 * operation); anything beyond it goes through Number() on the same text, so values always equal Number().
 * Returns NaN (which no plain number yields) when the field is not a plain number (empty, text, quotes, NaN).
 */
export function readNumber(buf: Uint8Array, a: number, b: number, decimal: number): number {
  let i = a;
  let neg = false;
  let c = buf[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let m = 0;
  let digits = 0;
  let exact = true;
  let frac = 0;
  let seenDot = false;
  let any = false;
  for (; i < b; i++) {
    c = buf[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      any = true;
      if (seenDot) frac++;
      if (m === 0 && d === 0) continue; // leading zeros carry no precision
      digits++;
      if (digits > 16) exact = false;
      else m = m * 10 + d;
    } else if (c === decimal && !seenDot) seenDot = true;
    else break;
  }
  if (!any) return NaN;
  let e = 0;
  if (i < b) {
    if (c !== 101 && c !== 69) return NaN;
    i++;
    let eneg = false;
    if (buf[i] === 45) {
      eneg = true;
      i++;
    } else if (buf[i] === 43) i++;
    if (i >= b) return NaN;
    for (; i < b; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) return NaN;
      if (e < 100000) e = e * 10 + d;
    }
    if (eneg) e = -e;
  }
  const e10 = e - frac;
  if (exact && m < TWO53 && e10 >= -22 && e10 <= 22) {
    const v = e10 < 0 ? m / POW10[-e10]! : m * POW10[e10]!;
    return neg ? -v : v;
  }
  let s = "";
  for (let k = a; k < b; k++) s += String.fromCharCode(buf[k] === decimal ? 46 : buf[k]!);
  return Number(s);
}
