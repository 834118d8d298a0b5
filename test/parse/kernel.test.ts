// The parse kernel (src/parse/wasm/, through fastrows.ts) gives exactly what fastAt + pushRow give:
// the same numbers, samples, flags, counts and warnings, whatever the chunk size and the piece cuts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BodyReader } from "../../src/parse/body.js";
import { readNumber } from "../../src/parse/fastnum.js";
import { headLines, sniffLayout } from "../../src/parse/index.js";
import { openBytes } from "../../src/parse/input.js";
import { resolve, type BodyPlan } from "../../src/parse/resolve.js";
import { SampleSink } from "../../src/parse/samples.js";
import type { ParseOptions } from "../../src/parse/types.js";
import { SampleFlag } from "../../src/trace.js";
import { carvedKernel } from "../../src/wasm.js";
import { clingerEdgeText, craft, numberText, readAll } from "./helpers.js";

// ---- one number: the kernel's reader against fastnum.ts ----

interface NumberProbe {
  readNumberAt(p: number, decimal: number, endAt: number): number;
}

const probe = (() => {
  const { exports, arrays } = carvedKernel<NumberProbe, { text: Uint8Array; end: Int32Array }>("parse", (heap) => ({ text: heap.u8(4096), end: heap.i32(1) }));
  return { k: exports, ...arrays };
})();

/** The kernel's reading of the number at the start of s (a newline after it, as the sentinel), or null when it refuses. */
function kernelNumber(s: string, decimal: string): { value: number; end: number } | null {
  const b = Buffer.from(s + "\n", "latin1");
  probe.text.set(b);
  const v = probe.k.readNumberAt(probe.text.byteOffset, decimal.charCodeAt(0), probe.end.byteOffset);
  return Number.isNaN(v) ? null : { value: v, end: probe.end[0]! - probe.text.byteOffset };
}

function jsNumber(s: string, decimal: string): { value: number; end: number } | null {
  const b = Buffer.from(s, "latin1");
  const out = new Float64Array(1);
  const end = readNumber(b, 0, b.length, decimal.charCodeAt(0), out, 0);
  return end < 0 ? null : { value: out[0]!, end };
}

/** Would fastnum.ts take its Clinger fast path on this number text (integer mantissa < 2^53, |exp10| <= 22)? */
function clingerFits(text: string): boolean {
  const m = /^[+-]?(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return false;
  const digits = (m[1] ?? "") + (m[2] ?? "");
  const e10 = (m[3] ? Number(m[3]) : 0) - (m[2] ?? "").length;
  return BigInt(digits || "0") < 2n ** 53n && e10 >= -22 && e10 <= 22;
}

/** readings as instruments print them: the magnitudes the fast path sees */
const readingText = fc
  .tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.integer({ min: -15, max: 3 }), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 3 }))
  .map(([x, e, d, style]) => {
    const v = x * 10 ** e;
    return style === 0 ? v.toExponential(d) : style === 1 ? v.toPrecision(Math.max(1, d)) : style === 2 ? String(v) : v.toFixed(Math.min(d, 12));
  });

const suffix = fc.constantFrom("", ",", ";", " ", "\t", "\r", "x", "e", "e+", "E-", ".", ",5");

function checkNumber(s: string, decimal: string): void {
  const js = jsNumber(s, decimal);
  const wasm = kernelNumber(s, decimal);
  if (wasm !== null) {
    // taken: exactly readNumber's value, and it stops where readNumber stops
    expect(js, s).not.toBeNull();
    expect(Object.is(wasm.value, js!.value), `${s}: ${wasm.value} vs ${js!.value}`).toBe(true);
    expect(wasm.end, s).toBe(js!.end);
  } else if (js !== null) {
    // refused only where readNumber leaves its fast path for Number()
    expect(clingerFits(s.slice(0, js.end)), s).toBe(false);
  }
}

describe("kernel number reader equals readNumber", () => {
  it("on hand-picked forms, and refuses exactly what readNumber refuses or sends to Number()", () => {
    const taken = ["0", "-0", "+1", ".5", "5.", "1e5", "1E-005", "-1.088742284907824E+005", "2.95E-06", "4.651e+3", "0.1", "0.3000000000000000", "9007199254740991", "1.53024321e-10", "1e22", "1e-22", "12345678901234e-22"];
    for (const s of taken) {
      expect(kernelNumber(s, "."), s).not.toBeNull();
      checkNumber(s, ".");
    }
    // beyond the fast path (mantissa >= 2^53, |exp10| > 22) or not a number: left to the JS path
    for (const s of ["9007199254740992", "0.30000000000000004", "18446744073709551621", "1844674407370955162.1", "36893488147419103239e-3", "123456789012345678901234", "1e23", "1e-23", "1e400", "0e400", "1.7976931348623157e308", "", "-", "+", ".", "e5", "1e", "1e+", "NaN"]) {
      expect(kernelNumber(s, "."), s).toBeNull();
      checkNumber(s, ".");
    }
    // 20+ digits whose mantissa is small (leading zeros) still fit: counted exactly, not refused
    expect(kernelNumber("0.0000000000000000123", ".")?.value).toBe(Number("0.0000000000000000123"));
    expect(kernelNumber("00000000000000000000001.5", ".")?.value).toBe(1.5);
  });

  it("on random numbers in instrument styles, both decimal marks, whatever follows them", () => {
    fc.assert(
      fc.property(fc.oneof(numberText, readingText), suffix, (s, after) => {
        checkNumber(s + after, ".");
        checkNumber(s.replace(".", ",") + after, ",");
      }),
      { numRuns: 20000 },
    );
  });

  it("on both sides of Clinger's limits (mantissa 2^53, |power of ten| 22)", () => {
    fc.assert(
      fc.property(clingerEdgeText, (s) => checkNumber(s, ".")),
      { numRuns: 20000 },
    );
  });
});

// ---- whole bodies: the kernel path against the JS path ----

interface Parsed {
  time_s: Float64Array;
  current_A: Float64Array;
  flags: Uint8Array;
  chunkLengths: number[];
  summary: unknown;
  kernelRows: number;
}

/** Cut the input's bytes into pieces of the given sizes, in turn (copies: the reader reuses its buffer). */
async function* recut(src: AsyncIterable<Buffer>, sizes: number[]): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of src) parts.push(Buffer.from(b));
  const all = Buffer.concat(parts);
  for (let at = 0, k = 0; at < all.length; k++) {
    const n = sizes[k % sizes.length]!;
    yield all.subarray(at, at + n);
    at += n;
  }
}

/** The body read as openTrace reads it, through the kernel or not, with the input cut into the given pieces. */
async function parseBody(file: string, o: { kernel: boolean; chunkSize?: number; pieces?: number[]; options?: ParseOptions }): Promise<Parsed> {
  const options = o.options ?? {};
  const input = await openBytes(file);
  let plan: BodyPlan;
  try {
    const head = headLines(file, input.head, input.textEncoding, input.headIsAll);
    ({ plan } = resolve(head, sniffLayout(head, options), options, input));
  } catch (e) {
    await input.close();
    throw e;
  }
  const sink = new SampleSink(o.chunkSize ?? 65536);
  const body = new BodyReader(file, plan, sink, input.textEncoding, o.kernel);
  const t: number[] = [];
  const i: number[] = [];
  const f: number[] = [];
  const chunkLengths: number[] = [];
  for await (const c of body.read(o.pieces ? recut(input.bytes(), o.pieces) : input.bytes())) {
    chunkLengths.push(c.length);
    for (let k = 0; k < c.length; k++) {
      t.push(c.time_s[k]!);
      i.push(c.current_A[k]!);
      f.push(c.flags[k]!);
    }
  }
  return {
    time_s: Float64Array.from(t),
    current_A: Float64Array.from(i),
    flags: Uint8Array.from(f),
    chunkLengths,
    summary: { ...sink.summary(body.state.warnings, body.state.dropped), bias: body.bias?.summary() ?? null },
    kernelRows: body.state.kernelRows,
  };
}

/** The first sample where a and b differ (Object.is on values, === on flags), or null. */
function firstDifference(a: Parsed, b: Parsed): string | null {
  if (a.time_s.length !== b.time_s.length) return `lengths ${a.time_s.length} vs ${b.time_s.length}`;
  for (let k = 0; k < a.time_s.length; k++) {
    if (!Object.is(a.time_s[k], b.time_s[k]) || !Object.is(a.current_A[k], b.current_A[k]) || a.flags[k] !== b.flags[k]) {
      return `sample ${k}: (${a.time_s[k]}, ${a.current_A[k]}, ${a.flags[k]}) vs (${b.time_s[k]}, ${b.current_A[k]}, ${b.flags[k]})`;
    }
  }
  return null;
}

async function expectSameAsJs(file: string, o: { chunkSize?: number; pieces?: number[]; options?: ParseOptions } = {}): Promise<Parsed> {
  const want = await parseBody(file, { kernel: false, options: o.options });
  const got = await parseBody(file, { ...o, kernel: true });
  expect(firstDifference(got, want)).toBeNull();
  expect(got.summary).toEqual(want.summary);
  if (o.chunkSize) expect(Math.max(...got.chunkLengths)).toBeLessThanOrEqual(o.chunkSize);
  return got;
}

describe("kernel rows: crafted bodies with exact values", () => {
  // k/16 s is exact in binary and in 4 decimals, so every interval is exactly 0.0625 s (the median)
  const N = 3000;
  const stamp = (k: number): string => (k / 16).toFixed(4);
  const currentText = (k: number): string => `${((k * 7919) % 1000) - 500}e-12`;
  const rows: string[] = ["Time (s),Current (A)"];
  const want = { t: [] as number[], i: [] as number[], f: [] as number[] };
  for (let k = 0; k < N; k++) {
    // raw stamps: a duplicate at 1500, a step back by 10 at 1502 (placed one interval on: the step
    // from 1500 to 1501 split between the two samples stamped 1499), a jump of 100 at 2000
    const raw = k === 1500 ? stamp(1499) : k >= 2000 ? stamp(k + 90) : k >= 1502 ? stamp(k - 10) : stamp(k);
    let cur = currentText(k);
    let line = `${raw},${cur}`;
    let value = Number(cur);
    let flag = 0;
    if (k === 1600) [line, value, flag] = [`${raw},NaN`, NaN, SampleFlag.Missing];
    if (k === 1700) [cur, line] = ["1.2345678901234567890123e-9", `${raw},1.2345678901234567890123e-9`];
    if (k === 1800) [cur, line] = ["4.5e-30", `${raw},4.5e-30`];
    if (k === 1850) [line, value, flag] = [`${raw},9.9e37`, NaN, SampleFlag.Overflow];
    if (k === 2200) line = `${raw},${cur},7,"x"`;
    if (k === 2300) line = `${raw},"${cur}"`;
    if (k === 2400) line = ` ${raw} , ${cur} `;
    if (k === 2500) line = `${(2590 / 16).toFixed(4)}000000000000000000001,${cur}`;
    if (k >= 2100 && k < 2110) line += "\r";
    if (k === 1700 || k === 1800) value = Number(cur);
    if (k === 1502 || k === 2000) flag |= SampleFlag.Discontinuity;
    rows.push(line);
    want.t.push(k === 1500 ? 1499 / 16 : k >= 2000 ? (k + 100) / 16 : k / 16);
    want.i.push(value);
    want.f.push(flag);
  }
  // a last row cut short: dropped with a warning
  const text = rows.join("\n") + "\n" + stamp(N + 90) + ",";
  const file = craft(text);

  it("every sample, flag and count as written, most rows through the kernel", async () => {
    for (const o of [{}, { chunkSize: 1 }, { chunkSize: 777, pieces: [4096, 13] }, { pieces: [1] }] as const) {
      const got = await expectSameAsJs(file, o);
      expect(Array.from(got.time_s)).toEqual(want.t);
      expect(Array.from(got.current_A)).toEqual(want.i);
      expect(Array.from(got.flags)).toEqual(want.f);
      const s = got.summary as { rows: number; duplicateTimeCount: number; nonMonotonicCount: number; gapCount: number; missingCount: number; overflowCount: number; skippedRows: number; medianInterval_s: number; warnings: string[] };
      expect([s.rows, s.duplicateTimeCount, s.nonMonotonicCount, s.gapCount, s.missingCount, s.overflowCount, s.skippedRows]).toEqual([N, 1, 1, 1, 1, 1, 1]);
      expect(s.medianInterval_s).toBe(0.0625);
      // row k is on line k + 2
      expect(s.warnings.join("\n")).toContain("1 duplicate time stamps kept (first at line 1502)");
      expect(s.warnings.join("\n")).toContain("time went backwards 1 times (first at line 1504)");
      expect(s.warnings.join("\n")).toContain("(0.0625 s) (first at line 2002)");
      // the first 1000 intervals teach the median; after that the JS path takes only the odd rows
      expect(got.kernelRows).toBeGreaterThan(N - 1100);
    }
  });

  it("duplicate stamps through the kernel: counted from their first line, the step split between them", async () => {
    // 4 significant digits at 0.05 s: from 1000 s on, twenty rows share each stamp (CHI612E exports),
    // and a step is one interval only when split between them (else every step would be a gap)
    const stamps = Array.from({ length: 30000 }, (_, k) => ((k + 1) * 0.05).toExponential(3));
    const lines = ["Time/sec, Current/A", ...stamps.map((s, k) => `${s}, ${(2.8e-6 + ((k * 37) % 100) * 1e-9).toExponential(3)}`)];
    const f = craft(lines.join("\r\n") + "\r\n");
    const got = await expectSameAsJs(f, { chunkSize: 1000 });
    const s = got.summary as { duplicateTimeCount: number; gapCount: number; warnings: string[] };
    const dups = stamps.filter((x, k) => k > 0 && x === stamps[k - 1]).length;
    const first = stamps.findIndex((x, k) => k > 0 && x === stamps[k - 1]);
    expect(dups).toBeGreaterThan(9000);
    expect([s.duplicateTimeCount, s.gapCount]).toEqual([dups, 0]);
    expect(s.warnings.join("\n")).toContain(`${dups} duplicate time stamps kept (first at line ${first + 2})`);
    expect(got.kernelRows).toBeGreaterThan(28000);
  });

  it("units, delimiters and decimal marks: scaled as fastAt scales", async () => {
    const cases: [string, (k: number) => string, ParseOptions?][] = [
      ["Time (ms);Current (nA)", (k) => `${k * 2};${(k % 7) - 3},25`],
      ["Time (min)\tCurrent (mA)", (k) => `${(k / 600).toFixed(6)}\t${((k % 11) * 0.5).toFixed(1)}`],
      ["  time/s    I/uA", (k) => `  ${(k * 0.01).toFixed(2)}   ${(k % 13) - 6}.5`],
      ["Current (A),Time (s)", (k) => `${k % 5}e-9,${k * 0.5}`],
      ["Index,Temperature (C),Time (s),Notes,Current (pA),Remark", (k) => `${k},21.5,${k}.25,ok,${(k % 9) * 1.5},x`],
      ["Current (A)", (k) => `${k % 3}.5E-10`, { rate_hz: 250 }],
    ];
    for (const [header, row, options] of cases) {
      const lines = [header];
      for (let k = 0; k < 2500; k++) lines.push(row(k));
      const f = craft(lines.join("\n") + "\n");
      const got = await expectSameAsJs(f, { options, chunkSize: 999, pieces: [5000, 77] });
      expect(got.kernelRows, header).toBeGreaterThan(1300);
      expect(got.time_s.length).toBe(2500);
    }
    // spot values: 7 ms, -1,75 nA -> (-1.75)/1e9; row k of "Current (A),Time (s)" at k * 0.5 s; rate 250 Hz: k / 250
    const ms = await readAll(craft(["Time (ms);Current (nA)", ...Array.from({ length: 2500 }, (_, k) => `${k * 2};${(k % 7) - 3},25`)].join("\n") + "\n"));
    expect(ms.time_s[2000]).toBe(4000 / 1000);
    expect(ms.current_A[2001]).toBe(Number(`${(2001 % 7) - 3}.25`) / 1e9);
    const rate = await readAll(craft(["Current (A)", ...Array.from({ length: 2500 }, (_, k) => `${k % 3}.5E-10`)].join("\n") + "\n"), { rate_hz: 250 });
    expect(rate.time_s[2345]).toBe(2345 / 250);
  });

  it("reused chunks: the kernel's samples clear the flags left from the chunk's last use", async () => {
    const lines = ["Time (s),Current (A)"];
    for (let k = 0; k < 6000; k++) lines.push(`${(k * 0.01).toFixed(2)},${k % 37 === 5 ? "NaN" : `${k % 10}e-10`}`);
    const f = craft(lines.join("\n") + "\n");
    for (const [chunkSize, pieces] of [[50, [1500]], [7, [300, 2000]], [1000, [777]]] as const) {
      const got = await expectSameAsJs(f, { chunkSize, pieces: [...pieces] });
      expect(got.kernelRows).toBeGreaterThan(3000);
    }
  });

  it("bias column: the kernel stops at each row whose bias cell is read, the bias summary is the same", async () => {
    const lines = ["Time (s),Voltage (V),Current (A)"];
    for (let k = 0; k < 20000; k++) lines.push(`${(k * 0.001).toFixed(3)},${(((k % 2000) - 1000) / 1000).toFixed(3)},${(k % 17) - 8}e-10`);
    const f = craft(lines.join("\n") + "\n");
    const got = await expectSameAsJs(f, { chunkSize: 4096 });
    expect((got.summary as { bias: { samplesRead: number; swept: boolean } }).bias).toMatchObject({ samplesRead: 4096 + Math.floor((20000 - 4097) / 64) + 1, swept: true });
    expect(got.kernelRows).toBeGreaterThan(15000);
  });

  it("pieces bigger than the kernel's 1 MiB window, lines across its edge, and two traces read at once", async () => {
    const lines = ["Time (s),Current (A)"];
    for (let k = 0; k < 150_000; k++) lines.push(`${(k * 1e-4).toFixed(4)},${((k * 7) % 1000) / 1000 - 0.5}e-9`);
    const big = craft(lines.join("\n") + "\n");
    for (const pieces of [[5_000_000], [(1 << 20) + 17], [(1 << 20) - 5, 3]]) await expectSameAsJs(big, { pieces });
    // one kernel per thread, shared: interleaved readers must not see each other's bytes or layout
    const other = craft(["Current (nA);Time (ms)", ...Array.from({ length: 30_000 }, (_, k) => `${k % 9},5;${k}`)].join("\n") + "\n");
    const [a, b] = await Promise.all([readAll(big, { chunkSize: 5000 }), readAll(other, { chunkSize: 300 })]);
    const [a1, b1] = [await parseBody(big, { kernel: false }), await parseBody(other, { kernel: false })];
    expect(a.current_A).toEqual(Array.from(a1.current_A));
    expect(a.time_s).toEqual(Array.from(a1.time_s));
    expect(b.current_A).toEqual(Array.from(b1.current_A));
    expect(b.time_s).toEqual(Array.from(b1.time_s));
  });
});

// ---- random bodies written in instrument styles ----

/** A seeded uniform in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const EVENTS = ["dup", "back", "reset", "gap", "nan", "empty", "inf", "overflow", "long", "hugeExp", "quoted", "blank", "comment", "spaces", "trailing", "glued", "crlf", "longTime", "expTime", "hugeTimeExp", "text"] as const;
type Event = (typeof EVENTS)[number];

interface Style {
  sep: "," | ", " | ";" | "\t" | "ws";
  comma: boolean;
  crlf: boolean;
  /** columns: t = time, i = current, v = voltage (the bias), x = other */
  columns: "ti" | "it" | "tvi" | "xtxiv" | "i" | "tix";
  timeUnit: "s" | "ms" | "min";
  currentUnit: "A" | "nA" | "mA";
  /** 0: fixed decimals, 1: 4 significant digits (shared stamps), 2: exponent form, 3: String() */
  timeStyle: number;
  /** 0: toExponential, 1: toPrecision, 2: String(), 3: toFixed, 4: Keithley's E+000 */
  currentStyle: number;
  dt: number;
  end: "newline" | "none" | "cut";
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  sep: fc.constantFrom(",", ", ", ";", "\t", "ws"),
  comma: fc.boolean(),
  crlf: fc.boolean(),
  columns: fc.constantFrom("ti", "it", "tvi", "xtxiv", "i", "tix"),
  timeUnit: fc.constantFrom("s", "ms", "min"),
  currentUnit: fc.constantFrom("A", "nA", "mA"),
  timeStyle: fc.integer({ min: 0, max: 3 }),
  currentStyle: fc.integer({ min: 0, max: 4 }),
  dt: fc.constantFrom(1e-4, 1e-3, 0.05, 0.1, 1, 2.5),
  end: fc.constantFrom("newline", "none", "cut"),
});

const eventsArb = fc.array(fc.tuple(fc.integer({ min: 60, max: 2999 }), fc.constantFrom(...EVENTS)), { maxLength: 40 });

/** A trace as an instrument would write it, with the given nuisances at the given rows. */
function trace(style: Style, seed: number, rows: number, events: [number, Event][]): string {
  const rnd = uniform(seed);
  const at = new Map<number, Event[]>();
  for (const [r, e] of events) at.set(r, [...(at.get(r) ?? []), e]);
  const comma = style.comma && style.sep !== "," && style.sep !== ", ";
  const dec = (s: string): string => (comma ? s.replace(".", ",") : s);
  const sep = style.sep === "ws" ? "   " : style.sep;
  const names: Record<string, string> = { t: `Time (${style.timeUnit})`, i: `Current (${style.currentUnit})`, v: "Voltage (V)", x: "Temperature (C)" };
  const head = [...style.columns].map((c) => names[c]!).join(style.sep === "ws" ? "   " : sep);
  const amp = style.currentUnit === "A" ? 1e-9 : style.currentUnit === "mA" ? 1e-3 : 50;
  const digits = Math.max(0, Math.ceil(-Math.log10(style.dt))) + 2;
  const timeText = (t: number): string =>
    style.timeStyle === 0 ? t.toFixed(digits) : style.timeStyle === 1 ? t.toPrecision(4) : style.timeStyle === 2 ? t.toExponential(8) : String(t);
  const currentText = (x: number): string => {
    switch (style.currentStyle) {
      case 0: return x.toExponential(6);
      case 1: return x.toPrecision(5);
      case 2: return String(x);
      case 3: return x.toFixed(style.currentUnit === "A" ? 14 : 4);
      default: return x.toExponential(5).toUpperCase().replace(/E([+-])(\d+)$/, (_, s: string, d: string) => `E${s}${d.padStart(3, "0")}`);
    }
  };
  const lines = [head];
  let t = 0;
  let prevTime = timeText(0);
  for (let k = 0; k < rows; k++) {
    const ev = at.get(k) ?? [];
    const has = (e: Event): boolean => ev.includes(e);
    if (has("blank")) lines.push(style.sep === "ws" ? "" : sep.repeat(style.columns.length - 1));
    if (has("comment")) lines.push("# range changed");
    if (has("text")) lines.push("Segment 2");
    if (k > 0) t += style.dt * (1 + (rnd() - 0.5) * 0.01);
    if (has("back")) t = Math.max(0, t - style.dt * (5 + Math.floor(rnd() * 50)));
    if (has("reset")) t = 0;
    if (has("gap")) t += style.dt * (20 + Math.floor(rnd() * 200));
    let tt = has("dup") ? prevTime : timeText(t);
    if (has("longTime")) tt = t.toFixed(21 - Math.max(1, Math.ceil(Math.log10(t + 1))));
    if (has("expTime")) tt = t.toExponential(12).toUpperCase();
    if (has("hugeTimeExp")) tt = `${Math.round(t * 1e6)}e-6`.replace(/^(\d+)e-6$/, (_, m: string) => `${m}000000000000000000000e-27`);
    prevTime = tt;
    const x = amp * (rnd() - 0.5) * 10 ** Math.floor(rnd() * 3);
    let ct = dec(currentText(x));
    if (has("nan")) ct = "NaN";
    if (has("empty")) ct = "";
    if (has("inf")) ct = rnd() < 0.5 ? "Inf" : "-inf";
    if (has("overflow")) ct = rnd() < 0.5 ? "9.9e37" : "-9.90000E+37";
    if (has("long")) ct = dec(x.toPrecision(20 + Math.floor(rnd() * 3)));
    if (has("hugeExp")) ct = dec(`${(rnd() * 9).toFixed(3)}e-${25 + Math.floor(rnd() * 10)}`);
    if (has("quoted")) ct = `"${ct}"`;
    if (has("glued")) ct += "x";
    const cells: string[] = [];
    for (const c of style.columns) {
      if (c === "t") cells.push(dec(tt));
      else if (c === "i") cells.push(ct);
      else if (c === "v") cells.push(dec((Math.sin(k / 300) * 0.8).toFixed(4)));
      else cells.push(dec((21 + rnd()).toFixed(2)));
    }
    if (has("spaces")) for (let c = 0; c < cells.length; c++) cells[c] = ` ${cells[c]}  `;
    let line = style.sep === "ws" ? (rnd() < 0.3 ? "  " : "") + cells.join(rnd() < 0.5 ? "  " : " \t ") : cells.join(sep);
    if (has("trailing")) line += style.sep === "ws" ? "  " : sep;
    if (style.crlf || has("crlf")) line += "\r";
    lines.push(line);
  }
  let text = lines.join("\n");
  if (style.end === "newline") text += "\n";
  if (style.end === "cut") text = text.slice(0, text.length - 1 - Math.floor(rnd() * 8));
  return text;
}

const piecesArb = fc.oneof(
  fc.constant(undefined),
  fc.array(fc.integer({ min: 7, max: 3000 }), { minLength: 1, maxLength: 4 }),
  fc.array(fc.integer({ min: 7, max: 70_000 }), { minLength: 1, maxLength: 4 }),
);

/** small chunks are reused many times within a file */
const chunkSizeArb = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 70_000 }));

describe("kernel rows: random bodies in instrument styles", () => {
  it("give the JS path's samples, flags and summary, whatever the chunk size and piece cuts", async () => {
    let kernelRows = 0;
    let files = 0;
    await fc.assert(
      fc.asyncProperty(styleArb, fc.integer(), fc.integer({ min: 1100, max: 3000 }), eventsArb, chunkSizeArb, piecesArb, async (style, seed, rows, events, chunkSize, pieces) => {
        const f = craft(trace(style, seed, rows, events));
        const options: ParseOptions = style.columns === "i" ? { rate_hz: 1 / style.dt } : {};
        let want: Parsed;
        try {
          want = await parseBody(f, { kernel: false, options });
        } catch (e) {
          // nuisances can make a body unreadable (no rows); both paths must then fail alike
          await expect(parseBody(f, { kernel: true, options, chunkSize, pieces })).rejects.toThrow((e as Error).message);
          return;
        }
        const got = await parseBody(f, { kernel: true, options, chunkSize, pieces });
        expect(firstDifference(got, want)).toBeNull();
        expect(got.summary).toEqual(want.summary);
        expect(Math.max(0, ...got.chunkLengths)).toBeLessThanOrEqual(chunkSize);
        kernelRows += got.kernelRows;
        files++;
      }),
      { numRuns: 150 },
    );
    // not vacuous: the kernel took a share of the rows (the styles it refuses, NaN cells, long
    // mantissas, go to the JS path). The share depends on the random styles: 390-480 rows per file in
    // typical runs of these 150, 258 in the lowest seen (session 6), so the bound sits well below that
    expect(kernelRows).toBeGreaterThan(files * 100);
  }, 120_000);
});
