// readNumber (src/parse/fastnum.ts) in the kernel, for the numbers it reads on its fast path only:
// an integer mantissa below 2^53 and |power of ten| <= 22 need one correctly rounded operation, the
// same in wasm as in JS. Anything else (which fastnum.ts hands to Number()) is refused: 0 comes back
// and the row is left to the JS path.
//
// The bytes end in a newline sentinel (the caller writes one after the window), so no loop here needs
// a bound check: each stops at the sentinel exactly where fastnum.ts's stops at the end of its bytes.

const POW10 = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);
const TWO53: u64 = 9007199254740992;

/** the value of the last readNumber that succeeded */
export let numberValue: f64 = 0;

@inline function digitAt(p: usize): u32 {
  return (<u32>load<u8>(p)) - 48;
}

/**
 * The integer of the digits in [a, b) (the decimal mark skipped), exactly, or TWO53 when it is 2^53
 * or more: for digit strings too long to sum in a u64 without a check (more than 19 digits).
 */
function mantissaOfLong(a: usize, b: usize): u64 {
  let m: u64 = 0;
  for (let p = a; p < b; p++) {
    const d = digitAt(p);
    if (d > 9) continue;
    m = m * 10 + <u64>d;
    if (m >= TWO53) return TWO53;
  }
  return m;
}

/**
 * Read a plain decimal number (sign, digits, one decimal mark, exponent) from p, as readNumber does;
 * returns the position after it, with the value in numberValue, or 0 when readNumber would refuse it
 * (no digit, incomplete exponent) or would take it to Number() (mantissa >= 2^53, |exp10| > 22).
 */
@inline export function readNumber(p: usize, decimal: i32): usize {
  let c = <i32>load<u8>(p);
  const neg = c == 45;
  if (neg || c == 43) p++;
  const intStart = p;
  // digit by digit: the loops' exits are predicted, so the position runs ahead of the arithmetic
  // (eight-digit SWAR made the position wait on it: slower)
  let m: u64 = 0;
  let d: u32 = 0;
  while ((d = digitAt(p)) <= 9) {
    m = m * 10 + <u64>d;
    p++;
  }
  let digits = <i32>(p - intStart);
  let frac = 0;
  if (<i32>load<u8>(p) == decimal) {
    const fracStart = ++p;
    while ((d = digitAt(p)) <= 9) {
      m = m * 10 + <u64>d;
      p++;
    }
    frac = <i32>(p - fracStart);
    digits += frac;
  }
  if (digits == 0) return 0;
  // a u64 holds any 19 digits; beyond, the sum may have wrapped: count again, exactly
  if (digits > 19) m = mantissaOfLong(intStart, p);
  let e = 0;
  c = <i32>load<u8>(p);
  if (c == 101 || c == 69) {
    p++;
    c = <i32>load<u8>(p);
    const eneg = c == 45;
    if (eneg || c == 43) p++;
    const expStart = p;
    while ((d = digitAt(p)) <= 9) {
      if (e < 100000) e = e * 10 + <i32>d;
      p++;
    }
    if (p == expStart) return 0;
    if (eneg) e = -e;
  }
  const e10 = e - frac;
  if (m >= TWO53 || e10 < -22 || e10 > 22) return 0;
  // m < 2^53 converts exactly: the double fastnum.ts builds from the same digits
  const mf = <f64>m;
  const v = e10 < 0 ? mf / load<f64>(POW10 + (<usize>(-e10) << 3)) : mf * load<f64>(POW10 + (<usize>e10 << 3));
  numberValue = neg ? -v : v;
  return p;
}
