import { describe, expect, it } from "vitest";
import { aggregate, matchSpikes, scoreTrace, spikeTolerance_s, transitionTolerance_s, type Scorable } from "../../src/sim/score.js";
import type { Spike } from "../../src/result.js";
import type { SimTruth, TruthSpike } from "../../src/sim/types.js";

const ts = (start: number, peak: number, end: number, sigma: number): TruthSpike => ({
  start_s: start, peak_s: peak, end_s: end, peak_A: sigma * 1e-9, charge_C: 1e-12, sigmaMultiple: sigma, shape: "exponential",
});
const ds = (peak: number, start = peak, end = peak): Spike => ({ start_s: start, peak_s: peak, end_s: end, peak_A: 1e-9, charge_C: 1e-12 });

function truth(over: Partial<SimTruth>): SimTruth {
  return {
    spec: { scenario: "soft-hard-fuse", seed: 1, duration_s: 400, rate_hz: 1000 },
    verdict: "fuse",
    polarity: 1,
    noise: { sigma_A: 1e-9, baseline_A: 0 },
    transitions: { softShortOnset_s: 100, hardShort_s: 300, fuse_s: 310 },
    spikes: [],
    onsetStep_A: 2e-9,
    hardShort: null,
    sampleCount: 400001,
    duration_s: 400,
    artefacts: { rangeChanges_s: [], gaps: [], missing: 0, overflow: 0, duplicates: 0 },
    ...over,
  };
}

describe("tolerances", () => {
  it("spike: two samples, at least 10 ms; transitions: max(1 s, 1 %)", () => {
    expect(spikeTolerance_s(1000)).toBe(0.01);
    expect(spikeTolerance_s(10)).toBe(0.2);
    expect(transitionTolerance_s(60)).toBe(1);
    expect(transitionTolerance_s(400)).toBe(4);
  });
});

describe("matchSpikes", () => {
  it("matches one-to-one; a second detection on the same flat top is a false positive", () => {
    const t = [ts(10, 10.02, 10.04, 8), ts(20, 20, 20, 4)];
    const m = matchSpikes(t, [ds(10.005), ds(10.03), ds(20.009), ds(30)], 0.01);
    expect(m.pairs).toEqual([[0, 1], [1, 2]]);
    expect(m.falseDetections).toEqual([0, 3]);
    expect(m.missedTruth).toEqual([]);
  });

  it("peaks outside [start - tol, end + tol] do not match", () => {
    const m = matchSpikes([ts(5, 5, 5, 10)], [ds(5.011), ds(4.98)], 0.01);
    expect(m.pairs).toEqual([]);
    expect(m.missedTruth).toEqual([0]);
    expect(m.falseDetections).toEqual([0, 1]);
  });

  it("the closer peak wins when two truths compete for one detection", () => {
    const m = matchSpikes([ts(1, 1, 1, 5), ts(1.015, 1.015, 1.015, 5)], [ds(1.009)], 0.01);
    expect(m.pairs).toEqual([[1, 0]]);
    expect(m.missedTruth).toEqual([0]);
  });
});

describe("scoreTrace and aggregate", () => {
  const tr = truth({ spikes: [ts(101, 101, 101, 4), ts(150, 150, 150, 7), ts(200, 200, 200, 20), ts(250, 250.001, 250.01, 500)] });
  const det: Scorable = {
    verdict: "fuse",
    transitions: { softShortOnset_s: 103.9, hardShort_s: 300.5, fuse_s: 315 },
    spikes: [ds(150.002), ds(200), ds(250.004), ds(260)],
  };

  it("counts hits, misses, bands, transitions within max(1 s, 1 %) and the verdict", () => {
    const s = scoreTrace(tr, det);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([3, 1, 1]);
    expect(s.bands).toEqual([{ truth: 1, found: 0 }, { truth: 1, found: 1 }, { truth: 1, found: 1 }, { truth: 1, found: 1 }]);
    expect(s.transitions.softShortOnset_s.hit).toBe(true); // 3.9 s off, tolerance 4 s
    expect(s.transitions.hardShort_s.hit).toBe(true);
    expect(s.transitions.fuse_s).toEqual({ present: true, hit: false, falseAlarm: false, error_s: 5 });
    expect(s.verdictCorrect).toBe(true);
    expect(s.stableHours).toBe(0);
  });

  it("pools traces: F1 over all spikes, false spikes per hour over stable traces only", () => {
    const quiet = truth({ spec: { scenario: "stable", seed: 2, duration_s: 7200, rate_hz: 100 }, verdict: "stable", duration_s: 7200, transitions: { softShortOnset_s: null, hardShort_s: null, fuse_s: null } });
    const quietDet: Scorable = { verdict: "soft-short", transitions: { softShortOnset_s: 50, hardShort_s: null, fuse_s: null }, spikes: [ds(50)] };
    const a = aggregate([scoreTrace(tr, det), scoreTrace(quiet, quietDet)]);
    expect(a.precision).toBeCloseTo(3 / 5, 12);
    expect(a.recall).toBeCloseTo(3 / 4, 12);
    expect(a.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
    expect(a.falsePerHour).toBe(0.5);
    expect(a.stableHours).toBe(2);
    expect(a.bandRecall.map((b) => b.recall)).toEqual([0, 1, 1, 1]);
    expect(a.transitionHit.softShortOnset_s).toEqual({ rate: 1, present: 1, falseAlarms: 1 });
    expect(a.transitionHit.fuse_s.rate).toBe(0);
    expect(a.verdictAccuracy).toBe(0.5);
  });
});
