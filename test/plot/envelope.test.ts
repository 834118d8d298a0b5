import { describe, expect, it } from "vitest";
import { EnvelopeCollector, toColumns, type TraceEnvelope } from "../../src/report/plot/envelope.js";
import { chunked, SampleFlag } from "../../src/trace.js";
import type { Detection } from "../../src/detect/types.js";
import { gaussian } from "./craft.js";

/** finish() only reads t0_s from the detection. */
const detection = (t0_s = 0) => ({ t0_s }) as Detection;

function collect(t: Float64Array, i: Float64Array, size: number, flags?: Uint8Array, bins = 64): TraceEnvelope {
  const c = new EnvelopeCollector({ bins, zooms: [{ from_s: 2, to_s: 3 }], zoomBins: 16 });
  for (const ch of chunked(t, i, size, flags)) c.push(ch);
  c.finish(detection(t[0]));
  return c.envelope();
}

describe("EnvelopeCollector", () => {
  const n = 10_001;
  const t = Float64Array.from({ length: n }, (_, k) => 100 + k * 1e-3); // 10 s at 1 kHz, axis starting at 100 s
  const g = gaussian(1);
  const i = Float64Array.from({ length: n }, () => 0.5e-9 * g());
  i[5000] = 300e-9; // one single-sample spike at 105 s (5 s after the first sample)

  it("gives the same envelope whatever the chunk sizes", () => {
    const ref = collect(t, i, 65536);
    for (const size of [1, 7, 1000]) {
      const e = collect(t, i, size);
      expect(e.main.binWidth_s).toBe(ref.main.binWidth_s);
      expect(Array.from(e.main.max_A)).toEqual(Array.from(ref.main.max_A));
      expect(Array.from(e.main.min_A)).toEqual(Array.from(ref.main.min_A));
      expect(Array.from(e.main.count)).toEqual(Array.from(ref.main.count));
      expect(Array.from(e.zooms[0]!.max_A)).toEqual(Array.from(ref.zooms[0]!.max_A));
    }
  });

  it("stays bounded, keeps every sample counted and the spike at its bin", () => {
    const e = collect(t, i, 4096);
    expect(e.main.count.length).toBe(64);
    // 10 s over at most 64 bins of 2^k * 2^-20 s: the first width that fits is 2^-3 s... 2^18 * 2^-20 = 0.25 s
    expect(e.main.binWidth_s).toBe(0.25);
    expect(e.main.count.reduce((a, b) => a + b, 0)).toBe(n);
    expect(e.main.max_A[Math.floor(5 / 0.25)]).toBe(300e-9);
    expect(e.main.start_s).toBe(0);
  });

  it("equals binning directly at the final width (pairwise merges are exact)", () => {
    const e = collect(t, i, 333);
    const w = e.main.binWidth_s;
    const max = new Float64Array(64).fill(-Infinity);
    for (let k = 0; k < n; k++) {
      const b = Math.floor((t[k]! - 100) / w);
      max[b] = Math.max(max[b]!, i[k]!);
    }
    expect(Array.from(e.main.max_A)).toEqual(Array.from(max));
  });

  it("skips flagged and non-finite samples", () => {
    const flags = new Uint8Array(n);
    flags[5000] = SampleFlag.Overload;
    const j = Float64Array.from(i);
    j[6000] = NaN;
    const e = collect(t, j, 512, flags);
    expect(e.main.count.reduce((a, b) => a + b, 0)).toBe(n - 2);
    expect(Math.max(...e.main.max_A)).toBeLessThan(5e-9);
  });

  it("collects the zoom window on its own finer bins", () => {
    const e = collect(t, i, 512);
    const z = e.zooms[0]!;
    expect(z.from_s).toBe(2);
    expect(z.binWidth_s).toBeCloseTo(1 / 16, 12);
    // samples at 2.000 ... 3.000 s inclusive
    expect(z.count.reduce((a, b) => a + b, 0)).toBe(1001);
  });

  it("re-bins into plot columns by bin centre", () => {
    const e = collect(t, i, 512);
    const cols = toColumns(e.main, 0, 10, 10);
    expect(Array.from(cols.filled)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(cols.max_A[5]).toBe(300e-9);
  });

  it("refuses an empty zoom window", () => {
    expect(() => new EnvelopeCollector({ zooms: [{ from_s: 5, to_s: 5 }] })).toThrow(/empty/);
  });
});
