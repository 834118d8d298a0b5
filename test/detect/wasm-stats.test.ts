// The kernel's order statistics: quickselect as stats.ts (same value, same final order), and the
// bucketed selection and sample-order trimmed spreads (wasm/select.ts) against plain definitions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianInPlace, selectInPlace } from "../../src/detect/stats.js";
import { carvedKernel } from "../../src/wasm.js";

interface StatsKernel {
  selectInPlace(a: number, n: number, k: number): number;
  medianInPlace(a: number, n: number): number;
  selectLayout(counts: number, buckets: number, pick: number, guess: number): void;
  levelOf(v: number, n: number): void;
  trimmedSigma(v: number, n: number, center: number, centerIsMedian: number, d: number, reach: number): number;
  levelMedian: { value: number };
  levelQ1: { value: number };
  levelQ3: { value: number };
}

const N = 4096;
const { exports: k, arrays: { a, d, counts, buckets, pick, guess } } = carvedKernel<StatsKernel, {
  a: Float64Array; d: Float64Array; counts: Int32Array; buckets: Uint8Array; pick: Float64Array; guess: Float64Array;
}>("detect", (heap) => ({ a: heap.f64(N), d: heap.f64(N), counts: heap.i32(66), buckets: heap.u8(N), pick: heap.f64(N), guess: heap.f64(16) }));
k.selectLayout(counts.byteOffset, buckets.byteOffset, pick.byteOffset, guess.byteOffset);

/** values with ties, zeros of both signs, wide magnitudes and outliers: where a selection's order shows */
const values = fc.array(
  fc.oneof(
    fc.double({ noNaN: true, min: -1e-6, max: 1e-6 }),
    fc.constantFrom(0, -0, 1e-9, -1e-9, 5e-10),
    fc.integer({ min: -20, max: 20 }).map((q) => q * 1e-10),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
  ),
  { minLength: 1, maxLength: 600 },
);

function both(xs: number[], run: (js: Float64Array, n: number) => [number, number]): void {
  const js = Float64Array.from(xs);
  a.set(xs);
  const [mine, theirs] = run(js, xs.length);
  expect(Object.is(mine, theirs)).toBe(true);
  expect(Array.from(a.subarray(0, xs.length))).toEqual(Array.from(js));
}

/** the definitions: order statistics of the sorted values; the trimmed spread summed in the values' order */
const sorted = (xs: number[]) => Float64Array.from(xs).sort();
function refLevel(xs: number[]): [number, number, number] {
  const s = sorted(xs);
  const n = s.length;
  const med = n & 1 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
  return [med, s[Math.floor(0.25 * (n - 1))]!, s[Math.ceil(0.75 * (n - 1))]!];
}
function refTrimmed(xs: number[], center: number, centerIsMedian: boolean): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const dist = xs.map((x) => Math.abs(x - center));
  const keep = 0.8 * n;
  const kk = Math.floor(keep);
  const next = sorted(dist)[Math.min(kk, n - 1)]!;
  let sum = 0;
  let below = 0;
  for (const x of dist) if (x < next) { sum += x; below++; }
  sum += (kk - below) * next;
  sum += (keep - kk) * next;
  return (sum / keep / 0.558598) * (centerIsMedian ? n / (n - 1.5) : 1);
}

describe("detect kernel: quickselect", () => {
  it("selectInPlace: same k-th value and same arrangement", () => {
    fc.assert(fc.property(values, fc.nat(), (xs, r) => {
      const q = r % xs.length;
      both(xs, (js, n) => [k.selectInPlace(a.byteOffset, n, q), selectInPlace(js, n, q)]);
    }), { numRuns: 300 });
  });

  it("medianInPlace: same median (to the sign of a zero) and arrangement", () => {
    fc.assert(fc.property(values, (xs) => {
      both(xs, (js, n) => [k.medianInPlace(a.byteOffset, n), medianInPlace(js, n)]);
    }), { numRuns: 300 });
  });
});

describe("detect kernel: bucketed selection and sample-order spreads", () => {
  it("levelOf: the exact median and quartiles, whatever the spread of the values", () => {
    fc.assert(fc.property(values, (xs) => {
      a.set(xs);
      k.levelOf(a.byteOffset, xs.length);
      const [med, q1, q3] = refLevel(xs);
      // === : a zero's sign may differ from the sort's (the input order decides it here)
      expect([k.levelMedian.value === med, k.levelQ1.value === q1, k.levelQ3.value === q3]).toEqual([true, true, true]);
      // the values themselves are left in sample order
      expect(Array.from(a.subarray(0, xs.length))).toEqual(xs.map((x) => (Object.is(x, -0) ? -0 : x)));
    }), { numRuns: 400 });
  });

  it("trimmedSigma: bit-identical to its definition for any bucket reach, both centre kinds", () => {
    fc.assert(fc.property(values, fc.double({ noNaN: true, min: -1e-6, max: 1e-6 }), fc.boolean(), fc.constantFrom(0, 1e-12, 1e-9, 1e-6, NaN, Infinity), (xs, c, isMedian, reach) => {
      a.set(xs);
      const got = k.trimmedSigma(a.byteOffset, xs.length, c, isMedian ? 1 : 0, d.byteOffset, reach);
      expect(Object.is(got, refTrimmed(xs, c, isMedian))).toBe(true);
    }), { numRuns: 400 });
  });

  it("a worked example: 10 values, the 8 closest to the median summed in order", () => {
    const xs = [5, 1, 9, 2, 8, 3, 7, 4, 6, 100].map((x) => x * 1e-10);
    a.set(xs);
    k.levelOf(a.byteOffset, 10);
    // sorted 1..9, 100: median (5 + 6) / 2, quartiles at ranks 2 and 7
    expect([k.levelMedian.value, k.levelQ1.value, k.levelQ3.value]).toEqual([5.5e-10, 3e-10, 8e-10]);
    // distances to 5.5 in sample order: 0.5 4.5 3.5 3.5 2.5 2.5 1.5 1.5 0.5 94.5; k = 8, the rank-8
    // distance is 4.5: the eight below it, in that order, no fractional share
    const sum = [0.5, 3.5, 3.5, 2.5, 2.5, 1.5, 1.5, 0.5].map((x) => x * 1e-10).reduce((s, x) => s + x, 0);
    expect(k.trimmedSigma(a.byteOffset, 10, 5.5e-10, 1, d.byteOffset, 1e-9)).toBe(refTrimmed(xs, 5.5e-10, true));
    expect(refTrimmed(xs, 5.5e-10, true)).toBeCloseTo((sum / 8 / 0.558598) * (10 / 8.5), 22);
  });
});
