// The kernel's order statistics are the JS ones operation for operation: same values, same final order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianInPlace, selectInPlace, trimmedSigmaInPlace } from "../../src/detect/stats.js";
import { instantiateKernel, KernelHeap } from "../../src/wasm.js";

interface StatsKernel {
  selectInPlace(a: number, n: number, k: number): number;
  medianInPlace(a: number, n: number): number;
  trimmedSigmaInPlace(a: number, n: number, center: number, centerIsMedian: number): number;
}

const { exports: k, memory, heapBase } = instantiateKernel<StatsKernel>("detect", 8 * 4096);
const a = new KernelHeap(memory, heapBase).f64(4096);

/** values with ties, zeros of both signs and wide magnitudes: where a selection's order shows */
const values = fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e-6, max: 1e-6 }), fc.constantFrom(0, -0, 1e-9, -1e-9)), { minLength: 1, maxLength: 600 });

function both(xs: number[], run: (js: Float64Array, n: number) => [number, number]): void {
  const js = Float64Array.from(xs);
  a.set(xs);
  const [mine, theirs] = run(js, xs.length);
  expect(Object.is(mine, theirs)).toBe(true);
  expect(Array.from(a.subarray(0, xs.length))).toEqual(Array.from(js));
}

describe("detect kernel statistics", () => {
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

  it("trimmedSigmaInPlace: bit-identical sigma, both centre kinds", () => {
    fc.assert(fc.property(values, fc.double({ noNaN: true, min: -1e-6, max: 1e-6 }), fc.boolean(), (xs, c, isMedian) => {
      both(xs, (js, n) => [k.trimmedSigmaInPlace(a.byteOffset, n, c, isMedian ? 1 : 0), trimmedSigmaInPlace(js, n, c, isMedian)]);
    }), { numRuns: 300 });
  });
});
