// The byte-level fast path gives exactly Number()'s values, and results never depend on the chunk size.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNumber } from "../../src/parse/fastnum.js";
import { clingerEdgeText, craft, numberText, readAll } from "./helpers.js";

function fast(s: string, decimal = "."): number {
  const b = Buffer.from(s, "latin1");
  const out = new Float64Array(1);
  return readNumber(b, 0, b.length, decimal.charCodeAt(0), out, 0) === b.length ? out[0]! : NaN;
}

describe("readNumber equals Number()", () => {
  it("on hand-picked forms", () => {
    for (const s of ["0", "-0", "+1", ".5", "5.", "1e5", "1E-005", "-1.088742284907824E+005", "2.95E-06", "4.651e+3", "123456789012345678901234", "1e-400", "1e400", "0.1", "0.30000000000000004", "9007199254740993", "1.7976931348623157e308"]) {
      expect(Object.is(fast(s), Number(s)), s).toBe(true);
    }
  });
  it("on random numbers in instrument styles", () => {
    fc.assert(
      fc.property(numberText, (s) => {
        expect(Object.is(fast(s), Number(s))).toBe(true);
        expect(Object.is(fast(s.replace(".", ","), ","), Number(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
  it("on both sides of Clinger's limits (mantissa 2^53, |power of ten| 22): the fast path and the Number() fallback", () => {
    fc.assert(
      fc.property(clingerEdgeText, (s) => {
        expect(Object.is(fast(s), Number(s)), s).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
  it("refuses what is not a plain number (the per-row path decides those)", () => {
    for (const s of ["", "-", "+", ".", "e5", "1e", "1e+", "NaN", "abc"]) expect(fast(s), s).toBeNaN();
  });
});

describe("whole files: fast path vs per-row path, and chunk sizes", () => {
  it("gives Number() values for every row, whatever the chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(numberText, numberText), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(",", "\t", ";", "   "), async (rows, chunkSize, sep) => {
        // time must move forward for an exact comparison (no reset repair): use the row index
        const comma = sep === ";"; // semicolon files write a decimal comma
        const cell = (x: string): string => (comma ? x.replace(".", ",") : x);
        const text = `Time (s)${sep}Current (A)\n` + rows.map(([, i], k) => `${k}${sep}${cell(i)}`).join("\r\n") + "\n";
        const f = craft(text);
        const a = await readAll(f, { chunkSize });
        const b = await readAll(f);
        const expected = rows.map(([, i]) => Number(i)).map((v) => (Math.abs(v) >= 9.9e37 ? NaN : v));
        expect(a.current_A).toEqual(expected);
        expect(b.current_A).toEqual(expected);
        expect(a.flags).toEqual(b.flags);
        expect(Math.max(...a.chunkLengths)).toBeLessThanOrEqual(chunkSize);
      }),
      { numRuns: 60 },
    );
  });
  it("mixed fast and per-row lines (quotes, NaN, resets, gaps) are chunk-size independent", async () => {
    const lines = ["t,I"];
    for (let k = 0; k < 3000; k++) {
      const t = k % 1000 === 999 ? 0 : k % 1000; // resets
      const i = k % 97 === 0 ? "NaN" : k % 89 === 0 ? `"${k}e-9"` : `${(k * 7919) % 1000}e-12`;
      lines.push(`${t + (k === 1500 ? 500 : 0)},${i}`);
    }
    const f = craft(lines.join("\n"));
    const ref = await readAll(f);
    for (const chunkSize of [1, 7, 1000, 65536]) {
      const r = await readAll(f, { chunkSize });
      expect(r.time_s).toEqual(ref.time_s);
      expect(r.current_A).toEqual(ref.current_A);
      expect(r.flags).toEqual(ref.flags);
      expect(r.summary).toEqual(ref.summary);
    }
    expect(ref.summary.nonMonotonicCount).toBe(4); // three sweep resets and the step back after the jump at row 1500
    expect(ref.summary.gapCount).toBe(1);
    expect(ref.summary.missingCount).toBe(31);
  });
});
