import { describe, expect, it } from "vitest";
import { naiveDetect } from "../bench/naive.js";

/** 1 kHz, deterministic +-0.5 nA alternating "noise" (even samples -0.5 nA, odd +0.5 nA) */
function trace(seconds: number, f: (t: number, k: number) => number) {
  const n = Math.round(seconds * 1000) + 1;
  const t = new Float64Array(n);
  const i = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    t[k] = k / 1000;
    i[k] = (k % 2 ? 0.5e-9 : -0.5e-9) + f(t[k]!, k);
  }
  return { t, i };
}

describe("naive baseline (global median + 5 MAD sigma, find_peaks)", () => {
  it("finds a lone spike with its peak time and excess, and calls the trace a soft short", () => {
    const { t, i } = trace(10, (_t, k) => (k === 4000 ? 20e-9 : 0));
    const r = naiveDetect(t, i);
    expect(r.spikes.length).toBe(1);
    expect(r.spikes[0]!.peak_s).toBe(4);
    // 5000 samples at -0.5 nA, 5000 at +0.5 nA and the spike: the median is +0.5 nA, the MAD 1 nA
    expect(r.spikes[0]!.peak_A).toBeCloseTo(19e-9, 15);
    expect(r.sigma_A).toBeCloseTo(1.4826e-9, 15);
    expect(r.verdict).toBe("soft-short");
    expect(r.transitions.softShortOnset_s).toBe(4);
  });

  it("a flat plateau is one peak at its middle; NaN and overflow rows are dropped", () => {
    const { t, i } = trace(10, (_t, k) => (k >= 3000 && k < 3011 ? 30e-9 - (k % 2 ? 0.5e-9 : -0.5e-9) : 0));
    i[100] = NaN;
    i[200] = 9.9e37;
    const r = naiveDetect(t, i);
    expect(r.spikes.map((s) => s.peak_s)).toEqual([3.005]);
  });

  it("a step to 500 nA for 5 s then back: hard short then fuse on 0.5 s blocks", () => {
    const { t, i } = trace(30, (tt) => (tt >= 10 && tt < 15 ? 500e-9 : 0));
    const r = naiveDetect(t, i);
    expect(r.verdict).toBe("fuse");
    expect(r.transitions.hardShort_s).toBe(10);
    expect(r.transitions.fuse_s).toBe(15);
  });

  it("negative polarity is taken from the larger excursion", () => {
    const { t, i } = trace(10, (_t, k) => (k === 5000 ? -40e-9 : 0));
    const r = naiveDetect(t, i);
    expect(r.polarity).toBe(-1);
    expect(r.spikes.map((s) => s.peak_s)).toEqual([5]);
  });
});
