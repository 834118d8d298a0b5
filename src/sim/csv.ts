// Writes simulated chunks as "Time (s),Current (A)" CSV bytes, fast: digits go straight into a reused Buffer (no toPrecision per value).
import type { Chunk } from "../trace.js";
import { SampleFlag } from "../trace.js";

export const CSV_HEADER = "Time (s),Current (A)\n";

/** significant digits of the current column: enough for 1e-9 relative error, far below the noise */
export const CURRENT_DIGITS = 9;
/** longest row: sign + 12 integer digits + '.' + 9 decimals + ',' + "-d.dddddddde-308" + '\n' */
export const MAX_ROW_BYTES = 48;

const POW10: number[] = [];
for (let k = 0; k <= 340; k++) POW10.push(Number(`1e${k}`));
const ZERO = 48;

/** Decimals of the time column: exact for rates that divide a power of ten, sub-sample otherwise. */
export function timeDecimals(rate_hz: number): number {
  return Math.min(9, Math.max(3, Math.ceil(Math.log10(rate_hz)) + 1));
}

/** Write the chunk's rows into buf from 0; returns the byte count. buf must hold chunk.length * MAX_ROW_BYTES. */
export function formatRows(chunk: Chunk, decimals: number, buf: Buffer): number {
  let p = 0;
  const scale = POW10[decimals]!;
  for (let k = 0; k < chunk.length; k++) {
    p = writeFixed(buf, p, chunk.time_s[k]!, decimals, scale);
    buf[p++] = 44; // ','
    const f = chunk.flags[k]!;
    const v = chunk.current_A[k]!;
    if (f & SampleFlag.Overflow) p += buf.write("9.9e37", p, "latin1");
    else p = writeScientific(buf, p, v);
    buf[p++] = 10; // '\n'
  }
  return p;
}

/** x with a fixed number of decimals ("12.345000" style, no exponent). */
export function writeFixed(buf: Buffer, p: number, x: number, decimals: number, scale = POW10[decimals]!): number {
  let units = Math.round(x * scale);
  if (units < 0) {
    buf[p++] = 45; // '-'
    units = -units;
  }
  const int = Math.floor(units / scale);
  const frac = units - int * scale;
  p = writeUint(buf, p, int);
  if (decimals > 0) {
    buf[p++] = 46; // '.'
    p = writePadded(buf, p, frac, decimals);
  }
  return p;
}

/** x in scientific notation with CURRENT_DIGITS significant digits, trailing zeros trimmed ("-1.2345e-10", "0", "NaN"). */
export function writeScientific(buf: Buffer, p: number, x: number): number {
  if (x !== x) return p + buf.write("NaN", p, "latin1");
  if (x === 0) {
    buf[p++] = ZERO;
    return p;
  }
  if (!Number.isFinite(x)) return p + buf.write(x > 0 ? "Infinity" : "-Infinity", p, "latin1");
  if (x < 0) {
    buf[p++] = 45;
    x = -x;
  }
  const top = POW10[CURRENT_DIGITS - 1]!; // 1e8
  let e = Math.floor(Math.log10(x));
  let m = Math.round(scaleBy(x, CURRENT_DIGITS - 1 - e));
  // log10 may be one off near powers of ten, and rounding may carry to 1e9
  if (m >= top * 10) {
    e++;
    m = Math.round(scaleBy(x, CURRENT_DIGITS - 1 - e));
  } else if (m < top) {
    e--;
    m = Math.round(scaleBy(x, CURRENT_DIGITS - 1 - e));
  }
  if (m >= top * 10) {
    m = top;
    e++;
  }
  const lead = Math.floor(m / top);
  let rest = m - lead * top;
  buf[p++] = ZERO + lead;
  if (rest > 0) {
    let digits = CURRENT_DIGITS - 1;
    while (rest % 10 === 0) {
      rest /= 10;
      digits--;
    }
    buf[p++] = 46;
    p = writePadded(buf, p, rest, digits);
  }
  buf[p++] = 101; // 'e'
  if (e < 0) {
    buf[p++] = 45;
    e = -e;
  }
  return writeUint(buf, p, e);
}

function scaleBy(x: number, k: number): number {
  return k >= 0 ? x * POW10[k]! : x / POW10[-k]!;
}

/** "00".."99" as byte pairs: two digits per division */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}
const INT32_MAX = 2147483647;

function writeUint(buf: Buffer, p: number, n: number): number {
  if (n < 10) {
    buf[p] = ZERO + n;
    return p + 1;
  }
  let digits = 1;
  while (digits < 17 && n >= POW10[digits]!) digits++;
  return writePadded(buf, p, n, digits);
}

/** n as exactly `digits` digits, left-padded with zeros */
function writePadded(buf: Buffer, p: number, n: number, digits: number): number {
  let i = p + digits;
  // doubles above 2^31 (not reached by times or mantissas in practice) take the slow path
  while (n > INT32_MAX && i > p) {
    const q = Math.floor(n / 10);
    buf[--i] = ZERO + (n - q * 10);
    n = q;
  }
  while (i - p >= 2) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    buf[--i] = PAIRS[r + 1]!;
    buf[--i] = PAIRS[r]!;
    n = q;
  }
  if (i > p) buf[--i] = ZERO + (n % 10);
  return p + digits;
}
