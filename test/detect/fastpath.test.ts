// The quiet-block skips of the detector's hot loop change nothing: fast and exhaustive detectors agree exactly.
import { describe, expect, it } from "vitest";
import { createDetector, createExhaustiveDetector } from "../../src/detect/index.js";
import type { DetectorParams } from "../../src/detect/params.js";
import { mulberry32 } from "../../src/detect/random.js";
import { ScaleNoise } from "../../src/detect/scalenoise.js";
import { medianInPlace, SortedWindow } from "../../src/detect/stats.js";
import type { Detector } from "../../src/detect/types.js";
import { simulateTrace } from "../../src/sim/index.js";
import type { SimSpec } from "../../src/sim/types.js";
import { chunked, SampleFlag } from "../../src/trace.js";
import { noiseTrace, type Crafted } from "./helpers.js";

const SIGMA = 0.5e-9;

function run(make: () => Detector, tr: Crafted, chunk: number) {
  const d = make();
  for (const c of chunked(tr.time_s, tr.current_A, chunk, tr.flags)) d.push(c);
  return d.finish();
}

/** the fast detector (two chunk sizes) and the exhaustive one give the same Detection, to the last bit */
function expectSame(tr: Crafted, params: Partial<DetectorParams> = {}): ReturnType<Detector["finish"]> {
  const slow = run(() => createExhaustiveDetector(params), tr, 65536);
  expect(run(() => createDetector(params), tr, 65536)).toEqual(slow);
  expect(run(() => createDetector(params), tr, 997)).toEqual(slow);
  return slow;
}

describe("quiet-block skips (trigger, event assembly, hard-short finder)", () => {
  it("spikes on block edges, wide faint spikes across blocks, both directions, flagged samples next to events", () => {
    // 1 kHz: 25-sample blocks, boxcars up to 64 samples, so a wide window's cover reaches back two blocks
    const tr = noiseTrace(200_000, 1000, SIGMA, 11);
    const x = tr.current_A;
    for (const at of [20_000, 20_024, 20_025, 40_049]) x[at]! += 12 * SIGMA;
    for (let i = 60_010; i < 60_074; i++) x[i]! += 4 * SIGMA;
    for (let i = 80_000; i < 80_064; i++) x[i]! -= 4 * SIGMA;
    x[100_000]! -= 15 * SIGMA;
    // an artefact just after an event ends (the finder is idle: it must still seal the pending event),
    // then a second excursion close behind
    x[120_000]! += 30 * SIGMA;
    x[120_001]! += 15 * SIGMA;
    x[120_003] = NaN;
    tr.flags[120_003] = SampleFlag.Missing;
    x[120_006]! += 12 * SIGMA;
    // an artefact inside an event, and an overload flag on a plain sample
    for (let i = 140_000; i < 140_010; i++) x[i]! += 20 * SIGMA;
    tr.flags[140_005] = SampleFlag.Overflow;
    tr.flags[150_000] = SampleFlag.Overload;
    const d = expectSame(tr);
    expect(d.spikes.length).toBeGreaterThanOrEqual(7);
  });

  it("an artefact while the finder is idle still keeps the next excursion out of the last event's tail", () => {
    const tr = noiseTrace(100_000, 1000, SIGMA, 13);
    const x = tr.current_A;
    // a decaying spike (tau 5 ms: its tail window is ~10 ms), a NaN 3 ms after its end, a spike 3 ms later
    const at = 50_000;
    for (let k = 0; k < 16; k++) x[at + k] = 40 * SIGMA * Math.exp(-k / 5);
    for (let k = 16; k < 26; k++) x[at + k] = 0;
    x[at + 19] = NaN;
    tr.flags[at + 19] = SampleFlag.Missing;
    x[at + 22] = 12 * SIGMA;
    const d = expectSame(tr);
    expect(d.spikes.filter((sp) => sp.peak_s > 49.9 && sp.peak_s < 50.1)).toHaveLength(2);
  });

  it("thresholds swapped mid-block (onset confirmed) apply to the rest of that block", () => {
    // one boxcar width: events are assembled 2 samples behind, so the swap falls in a known block.
    // Spikes A, B, C 10 s apart: C's close emits B, which confirms the onset (two spikes within a
    // minute) and lowers the thresholds to the soft ladder two samples into the block after C
    const tr = noiseTrace(100_000, 1000, SIGMA, 14);
    const x = tr.current_A;
    const block = 25;
    for (const at of [30_000, 40_000]) x[at] = 15 * SIGMA;
    const c = 50_000 - 5; // C on the last samples of a block
    for (let k = 0; k < 3; k++) x[c + k] = 15 * SIGMA;
    for (let k = 3; k < 2 * block; k++) x[c + k] = 0;
    // D, later in the next block: above the soft threshold, below the strict one (checked below)
    const dAt = 50_000 + 12;
    const params = { boxcarWidths: [1] };
    const strict = expectSame(noiseTrace(1000, 1000, SIGMA, 1), params).parameters;
    x[dAt] = ((strict.kSigma + strict.kSigmaSoft) / 2) * SIGMA;
    const d = expectSame(tr, params);
    expect(d.transitions.softShortOnset_s).toBe(30);
    expect(d.spikes.map((sp) => sp.peak_s)).toContain(50.012);
  });

  it("a hard short with dips, its fuse, exact zeros and a range change", () => {
    const tr = noiseTrace(120_000, 1000, SIGMA, 12);
    const x = tr.current_A;
    for (let i = 30_000; i < 70_000; i++) x[i]! += 500e-9;
    for (const dip of [40_000, 50_001]) x[dip]! -= 500e-9;
    for (let i = 90_000; i < 95_000; i++) x[i] = 0;
    tr.flags[100_000] = SampleFlag.RangeChange;
    for (let i = 100_000; i < 120_000; i++) x[i] = 3 * x[i]!;
    const d = expectSame(tr);
    expect(d.hardShort).not.toBeNull();
    expect(d.fuse).not.toBeNull();
  });

  const sim = (over: Partial<SimSpec>): Crafted => {
    const t = simulateTrace({ scenario: "soft-hard-fuse", seed: 3, duration_s: 120, rate_hz: 1000, ...over } as SimSpec);
    return { time_s: t.time_s, current_A: t.current_A, flags: t.flags };
  };

  it("simulated soft -> hard -> fuse with every nuisance (the onset swaps the thresholds mid-block), both polarities", () => {
    const nuisances = { drift_A: 2e-9, pink_A: 0.25e-9, mains_hz: 50, quantLsb_A: 0.125e-9, autorange: true, nanRate: 2e-4, overflowRate: 5e-5, duplicateRate: 2e-4, dropouts: 2 } as const;
    const d = expectSame(sim(nuisances));
    expect(d.transitions.softShortOnset_s).not.toBeNull();
    expect(d.spikes.length).toBeGreaterThan(20);
    expectSame(sim({ ...nuisances, polarity: -1, seed: 4, spikeShape: "exponential" }));
  });

  it("simulated soft short at 20 kHz and at 10 Hz", { timeout: 60_000 }, () => {
    expectSame(sim({ scenario: "soft-short", rate_hz: 20_000, duration_s: 40, mains_hz: 60 }));
    expectSame(sim({ scenario: "soft-hard", rate_hz: 10, duration_s: 2000, seed: 5 }));
  });
});

describe("sorted windows stand in for a copy + selection per median", () => {
  it("quantile(q) is the nearest-rank-below order statistic of the last capacity values", () => {
    const w = new SortedWindow(5);
    expect(w.quantile(0.55)).toBeNaN();
    for (const v of [9, 1, 8, 2, 7, 3, 6]) w.push(v); // holds 8 2 7 3 6 -> sorted 2 3 6 7 8
    expect(w.quantile(0)).toBe(2);
    expect(w.quantile(0.5)).toBe(6);
    expect(w.quantile(0.55)).toBe(6); // floor(0.55 * 4) = 2
    expect(w.quantile(0.75)).toBe(7);
    expect(w.quantile(1)).toBe(8);
  });

  it("exactMedian is medianInPlace over the same ring buffer, to the sign of a zero (lattice values, +-0, long and short shifts)", () => {
    const uni = mulberry32(7);
    for (const capacity of [5, 32, 256]) {
      const w = new SortedWindow(capacity);
      const ring = new Float64Array(capacity);
      const scratch = new Float64Array(capacity);
      let n = 0;
      let next = 0;
      for (let k = 0; k < 3000; k++) {
        // few distinct values, zeros of both signs: ties and zero medians are common
        const u = uni();
        const v = u < 0.2 ? 0 : u < 0.3 ? -0 : Math.round((u - 0.5) * 8) * 0.25;
        w.push(v);
        ring[next] = v;
        next = (next + 1) % capacity;
        n = Math.min(n + 1, capacity);
        const expected = medianInPlace(Float64Array.from(ring.subarray(0, n)), n);
        expect(Object.is(w.exactMedian(scratch), expected)).toBe(true);
        // median() may differ from it only in the sign of a zero
        expect(w.median() === expected).toBe(true);
        if (k % 1000 === 999) {
          w.clear();
          n = 0;
          next = 0;
        }
      }
    }
  });
});

describe("per-width noise history", () => {
  it("width 1 takes the median of its block sigmas, the wider widths the 55th percentile", () => {
    // block sigmas fed straight in: width 1 always 1; width 4 counts 1, 2, ... 32 over and over
    let block = 0;
    const noise = new ScaleNoise([1, 4], 100, (k) => (k === 0 ? 1 : (block % 32) + 1));
    for (; block < 64; block++) noise.block(100, 0, false, 1);
    expect(noise.sigma[0]).toBe(1);
    // a 32-block history (MIN_BLOCKS) holding 1..32: the median would be 16.5; rank floor(0.55 * 31) = 17 holds 18
    expect(noise.sigma[1]).toBe(18);
  });
});
