// Plain numeric rows -> samples: BodyReader.fastAt (src/parse/body.ts) and SampleSink.pushRow's
// steady state (src/parse/samples.ts) for as many consecutive rows as it can take, with the same f64
// operations in the same order. A row is taken only when its result is provably theirs: a row that
// would be flagged, bump a count other than the duplicates' or need Number() stops the run, and the
// JS path takes it.
import { numberValue, readNumber } from "./number";

// the body's layout and scales, set by configure()
let sep: i32 = 44;
let decimal: i32 = 46;
let timeIndex: i32 = 0;
let currentIndex: i32 = 1;
let timeMul: f64 = 1;
let timeDiv: f64 = 1;
let currentMul: f64 = 1;
let currentDiv: f64 = 1;
let rate: f64 = NaN;
let overflowLimit: f64 = 0;

/** where rows() leaves [position after the last row taken, lastT, lastDt, dupRun, duplicates, first duplicate's row] */
let results: usize = 0;

export function configure(
  separator: i32, decimalMark: i32, ti: i32, ci: i32,
  tMul: f64, tDiv: f64, cMul: f64, cDiv: f64, rateHz: f64, limit: f64, resultsAt: usize,
): void {
  sep = separator;
  decimal = decimalMark;
  timeIndex = ti;
  currentIndex = ci;
  timeMul = tMul;
  timeDiv = tDiv;
  currentMul = cMul;
  currentDiv = cDiv;
  rate = rateHz;
  overflowLimit = limit;
  results = resultsAt;
}

// fastAt's steps for one field k, in its order. Each returns the position after the step, 0 to refuse
// the row. The bytes end in a newline sentinel at `end`, and every loop stops at a newline, so a
// position never passes `end`; a byte other than a newline is therefore before `end`, and fastAt's
// "p >= n" checks reduce to "a newline at end". The delimiter `sp` is never a newline or CR.

/** a field before the last one, not read: fastAt's field skip and its "k < last" step */
@inline function skipField(p: usize, sp: i32, ws: bool): usize {
  let c: i32;
  if (ws) {
    while ((c = <i32>load<u8>(p)) == 32 || c == 9) p++;
    while ((c = <i32>load<u8>(p)) != 32 && c != 9 && c != 10 && c != 13) p++;
    // the line goes on (c is a blank); the next field's leading blanks are its own step
    return c == 10 || c == 13 ? 0 : p;
  }
  while ((c = <i32>load<u8>(p)) != sp && c != 10 && c != 13) p++;
  return c == sp ? p + 1 : 0;
}

/**
 * A number field before the last one (value in numberValue): fastAt's blanks, readNumber, trailing
 * blanks, delimiter check and "k < last" step, which together leave only: the delimiter follows
 * (in a whitespace file: a byte other than a line end).
 */
@inline function midNumber(p: usize, sp: i32, ws: bool, dec: i32): usize {
  p = numberAndBlanks(p, ws, dec);
  if (p == 0) return 0;
  const c = <i32>load<u8>(p);
  if (ws) return c == 10 || c == 13 ? 0 : p;
  return c == sp ? p + 1 : 0;
}

/**
 * The last field, a number: fastAt's blanks, readNumber, trailing blanks and delimiter check, then
 * its search for the line end. Returns the newline's position.
 */
@inline function lastNumber(p: usize, end: usize, sp: i32, ws: bool, dec: i32): usize {
  p = numberAndBlanks(p, ws, dec);
  if (p == 0) return 0;
  let c = <i32>load<u8>(p);
  if (c != 10) {
    if (!ws && c != 13 && c != sp) return 0;
    // the rest of the line (extra columns, CR) up to its newline
    while ((c = <i32>load<u8>(p)) != 10) p++;
  }
  return p < end ? p : 0;
}

/** blanks, a number (readNumber's), blanks after it; 0 when readNumber refuses */
@inline function numberAndBlanks(p: usize, ws: bool, dec: i32): usize {
  let c: i32;
  if (ws) while ((c = <i32>load<u8>(p)) == 32 || c == 9) p++;
  while (<i32>load<u8>(p) == 32) p++;
  p = readNumber(p, dec);
  if (p == 0) return 0;
  c = <i32>load<u8>(p);
  // fastAt lets text glued to a number through in whitespace files ("1.5x 2"): refused here
  if (ws && c != 32 && c != 9 && c != 10 && c != 13) return 0;
  while ((c = <i32>load<u8>(p)) == 32 || (ws && c == 9)) p++;
  return p;
}

/**
 * Rows from `start` (a line start) on, up to `maxRows`, into outT/outI (f64 each). The bytes end at
 * `end`, where the caller has written a newline sentinel; a line that reaches `end` is cut and not
 * taken. State in: the sample index (time when there is no time column) and the sink's time offset,
 * lastT, lastDt, dupRun and gap limit (GAP_FACTOR * median interval). Returns the rows taken;
 * `results` gets the position after them, the sink's new lastT, lastDt and dupRun, and the
 * duplicate time stamps among them with the first one's row (from 0).
 */
export function rows(
  start: usize, end: usize, outT: usize, outI: usize, maxRows: i32,
  sampleIndex: f64, offset: f64, lastT: f64, lastDt: f64, dupRun: f64, gapLimit: f64,
): i32 {
  // copies of the loop for whitespace or not and for the usual "time, current" columns, so those
  // tests fold away
  const ws = sep == 32;
  const ti = timeIndex;
  const ci = currentIndex;
  if (ti == 0 && ci == 1) {
    return ws
      ? scan(start, end, outT, outI, maxRows, sampleIndex, offset, lastT, lastDt, dupRun, gapLimit, true, 0, 1)
      : scan(start, end, outT, outI, maxRows, sampleIndex, offset, lastT, lastDt, dupRun, gapLimit, false, 0, 1);
  }
  return ws
    ? scan(start, end, outT, outI, maxRows, sampleIndex, offset, lastT, lastDt, dupRun, gapLimit, true, ti, ci)
    : scan(start, end, outT, outI, maxRows, sampleIndex, offset, lastT, lastDt, dupRun, gapLimit, false, ti, ci);
}

@inline function scan(
  start: usize, end: usize, outT: usize, outI: usize, maxRows: i32,
  sampleIndex: f64, offset: f64, lastT: f64, lastDt: f64, dupRun: f64, gapLimit: f64, ws: bool, ti: i32, ci: i32,
): i32 {
  // fastAt reads fields 0..last; the two number fields, first and second (first = -1: none)
  const first = ti < ci ? ti : ci;
  const second = ti < ci ? ci : ti;
  const sp = sep;
  const dec = decimal;
  const limit = overflowLimit;
  // x * 1 / 1 is x exactly (any double): the usual seconds and amperes skip two divisions a row
  const timeAsIs = timeMul == 1 && timeDiv == 1;
  const currentAsIs = currentMul == 1 && currentDiv == 1;
  let dups = 0;
  let firstDup = 0;
  let p = start;
  let n = 0;
  while (n < maxRows) {
    // ---- BodyReader.fastAt ----
    let q = p;
    let a: f64 = 0;
    if (first >= 0) {
      for (let k = 0; k < first && q != 0; k++) q = skipField(q, sp, ws);
      if (q != 0) q = midNumber(q, sp, ws, dec);
      a = numberValue;
    }
    for (let k = first + 1; k < second && q != 0; k++) q = skipField(q, sp, ws);
    if (q != 0) q = lastNumber(q, end, sp, ws, dec);
    if (q == 0) break;
    const b = numberValue;
    const tv = ti < ci ? a : b;
    const cv = ti < ci ? b : a;
    // fastAt's range test (readNumber's fast path never exceeds 2^53 * 1e22 < 9.9e37: a guard only)
    const t0 = ti < 0 ? 0 : tv;
    if (!(cv < limit && cv > -limit && t0 < Infinity && t0 > -Infinity)) break;
    const tRaw = ti < 0 ? sampleIndex / rate : timeAsIs ? tv : (tv * timeMul) / timeDiv;
    const cur = currentAsIs ? cv : (cv * currentMul) / currentDiv;
    // ---- SampleSink.pushRow: a sample after the previous one with no gap, or a duplicate stamp; flags 0 ----
    const t = tRaw + offset;
    if (t > lastT) {
      // (t - lastT) / 1 is t - lastT likewise
      const dt = dupRun == 1 ? t - lastT : (t - lastT) / dupRun;
      if (dt > gapLimit) break;
      lastDt = dt;
      dupRun = 1;
    } else if (t == lastT) {
      // counted; the step to the next stamp is split between the samples sharing this one
      if (dups == 0) firstDup = n;
      dups++;
      dupRun += 1;
    } else break;
    store<f64>(outT + (<usize>n << 3), t);
    store<f64>(outI + (<usize>n << 3), cur);
    lastT = t;
    sampleIndex += 1;
    n++;
    p = q + 1;
  }
  store<f64>(results, <f64>p);
  store<f64>(results + 8, lastT);
  store<f64>(results + 16, lastDt);
  store<f64>(results + 24, dupRun);
  store<f64>(results + 32, <f64>dups);
  store<f64>(results + 40, <f64>firstDup);
  return n;
}
