import { describe, expect, it } from "vitest";
import { createSimulation, simulateTrace } from "../../src/sim/index.js";
import type { SimSpec } from "../../src/sim/types.js";

const base = (over: Partial<SimSpec> = {}): SimSpec => ({ scenario: "soft-hard-fuse", seed: 42, duration_s: 120, rate_hz: 1000, ...over });

describe("simulateTrace: determinism", () => {
  it("same seed gives identical arrays and truth", () => {
    const a = simulateTrace(base({ mains_hz: 50, pink_A: 0.2e-9, nanRate: 1e-3, dropouts: 1 }));
    const b = simulateTrace(base({ mains_hz: 50, pink_A: 0.2e-9, nanRate: 1e-3, dropouts: 1 }));
    expect(Buffer.from(a.current_A.buffer).equals(Buffer.from(b.current_A.buffer))).toBe(true);
    expect(Buffer.from(a.time_s.buffer).equals(Buffer.from(b.time_s.buffer))).toBe(true);
    expect(Buffer.from(a.flags!).equals(Buffer.from(b.flags!))).toBe(true);
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
  });

  it("a different seed gives a different trace", () => {
    const a = simulateTrace(base());
    const b = simulateTrace(base({ seed: 43 }));
    expect(a.truth.transitions).not.toEqual(b.truth.transitions);
    expect(a.current_A[10]).not.toBe(b.current_A[10]);
  });

  it("samples do not depend on the block size", () => {
    const sim = createSimulation(base({ drift_A: 1e-9, duplicateRate: 1e-3, autorange: true }));
    const collect = (size: number) => {
      const cur = new Float64Array(sim.sampleCount);
      const time = new Float64Array(sim.sampleCount);
      const flags = new Uint8Array(sim.sampleCount);
      let n = 0;
      for (const c of sim.chunks(size)) {
        cur.set(c.current_A.subarray(0, c.length), n);
        time.set(c.time_s.subarray(0, c.length), n);
        flags.set(c.flags.subarray(0, c.length), n);
        n += c.length;
      }
      return Buffer.concat([Buffer.from(cur.buffer), Buffer.from(time.buffer), Buffer.from(flags.buffer)]);
    };
    expect(collect(777).equals(collect(65536))).toBe(true);
  });

  it("pins the first samples of seed 1 (changing the generator must be a conscious act)", () => {
    const t = simulateTrace({ scenario: "stable", seed: 1, duration_s: 1, rate_hz: 10, faradaic_A: 0 });
    expect(t.current_A.length).toBe(11);
    expect(Array.from(t.time_s.slice(0, 3))).toEqual([0, 0.1, 0.2]);
    // xoshiro128** + Box-Muller with V8's fdlibm log/sin/cos: the same bits on every machine
    expect(Array.from(t.current_A.slice(0, 4))).toEqual([8.06765950394563e-11, -2.4637923290441995e-10, 6.372249315814787e-10, -4.806900942461954e-10]);
  });
});

describe("simulateTrace: truth consistency", () => {
  const spec = base({ faradaic_A: 50e-12, polarity: 1 });
  const tr = simulateTrace(spec);
  const { truth } = tr;
  const sigma = truth.noise.sigma_A;
  const at = (t: number) => Math.round(t * spec.rate_hz);

  it("verdict and transition order follow the scenario", () => {
    expect(truth.verdict).toBe("fuse");
    const { softShortOnset_s: on, hardShort_s: hard, fuse_s: fuse } = truth.transitions;
    expect(on! < hard! && hard! < fuse! && fuse! < spec.duration_s).toBe(true);
    expect(truth.sampleCount).toBe(120001);
    expect(tr.current_A.length).toBe(120001);
  });

  it("spikes are sorted, disjoint, between onset and hard short, 3-2000 sigma", () => {
    expect(truth.spikes.length).toBeGreaterThan(30);
    let prevEnd = -1;
    for (const s of truth.spikes) {
      expect(s.start_s).toBeGreaterThan(prevEnd);
      expect(s.start_s <= s.peak_s && s.peak_s <= s.end_s).toBe(true);
      expect(s.sigmaMultiple).toBeGreaterThanOrEqual(3);
      expect(s.sigmaMultiple).toBeLessThanOrEqual(2000);
      expect(s.peak_A).toBeCloseTo(s.sigmaMultiple * sigma, 20);
      expect(s.charge_C).toBeGreaterThanOrEqual(s.peak_A / spec.rate_hz - 1e-24);
      prevEnd = s.end_s;
    }
    expect(truth.spikes[0]!.start_s).toBeGreaterThan(truth.transitions.softShortOnset_s!);
    expect(truth.spikes.at(-1)!.end_s).toBeLessThan(truth.transitions.hardShort_s!);
  });

  it("amplitude grows over the soft short", () => {
    const n = truth.spikes.length;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + Math.log(b), 0) / xs.length;
    const first = truth.spikes.slice(0, n / 4).map((s) => s.sigmaMultiple);
    const last = truth.spikes.slice((3 * n) / 4).map((s) => s.sigmaMultiple);
    expect(mean(last) - mean(first)).toBeGreaterThan(Math.log(10));
  });

  it("the sample at each truth peak is baseline + onset step + peak_A (within 5 sigma of white noise)", () => {
    const floor = truth.noise.baseline_A + truth.onsetStep_A;
    for (const s of truth.spikes) expect(Math.abs(tr.current_A[at(s.peak_s)]! - floor - s.peak_A)).toBeLessThan(5 * sigma);
  });

  it("quiet stretches sit at the floor; the onset step, hard short and fuse are where the truth says", () => {
    const on = at(truth.transitions.softShortOnset_s!);
    const hard = at(truth.transitions.hardShort_s!);
    const fuse = at(truth.transitions.fuse_s!);
    const mean = (a: number, b: number) => tr.current_A.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
    expect(Math.abs(mean(0, on) - truth.noise.baseline_A)).toBeLessThan(0.05 * sigma);
    // between the first spike's render and the onset the current sits at floor + step
    const firstSpike = at(truth.spikes[0]!.start_s);
    if (firstSpike - on > 20) expect(Math.abs(mean(on, firstSpike) - truth.noise.baseline_A - truth.onsetStep_A)).toBeLessThan(sigma);
    expect(mean(hard + 10, fuse - 10) / truth.hardShort!.level_A).toBeGreaterThan(0.8);
    expect(mean(hard + 10, fuse - 10) / truth.hardShort!.level_A).toBeLessThan(1.2);
    expect(Math.abs(mean(fuse + 1, tr.current_A.length) - truth.noise.baseline_A)).toBeLessThan(0.05 * sigma);
  });

  it("polarity -1 mirrors the leakage", () => {
    const neg = simulateTrace({ ...spec, polarity: -1 });
    expect(neg.truth.polarity).toBe(-1);
    expect(neg.truth.spikes).toEqual(truth.spikes);
    const hard = at(truth.transitions.hardShort_s!);
    expect(neg.current_A[hard + 5]!).toBeLessThan(-100e-9);
    for (const s of neg.truth.spikes.slice(0, 20)) expect(neg.current_A[at(s.peak_s)]!).toBeLessThan(-s.peak_A + 5 * sigma);
  });

  it("each scenario gives its verdict", () => {
    const v = (scenario: SimSpec["scenario"]) => simulateTrace(base({ scenario, duration_s: 60, rate_hz: 200 })).truth;
    expect(v("stable").verdict).toBe("stable");
    expect(v("stable").spikes).toEqual([]);
    expect(v("stable").transitions).toEqual({ softShortOnset_s: null, hardShort_s: null, fuse_s: null });
    expect(v("soft-short").verdict).toBe("soft-short");
    expect(v("soft-short").transitions.hardShort_s).toBeNull();
    expect(v("soft-hard").verdict).toBe("hard-short");
    expect(v("soft-hard").transitions.fuse_s).toBeNull();
  });

  it("single-sample, square and exponential shapes have the stated extents", () => {
    for (const shape of ["single", "square", "exponential"] as const) {
      const t = simulateTrace(base({ spikeShape: shape, duration_s: 60 })).truth;
      for (const s of t.spikes) {
        expect(s.shape).toBe(shape);
        if (shape === "single") expect(s.end_s).toBe(s.start_s);
        if (shape === "square") expect(s.peak_s - s.start_s).toBeCloseTo(Math.floor(Math.round((s.end_s - s.start_s) * 1000) / 2) / 1000, 9);
        if (shape === "single") expect(s.charge_C).toBeCloseTo(s.peak_A / 1000, 22);
      }
    }
  });

  it("transitions given in the spec are honoured", () => {
    const t = simulateTrace(base({ onset_s: 30, hardShort_s: 80, fuse_s: 90 })).truth;
    expect(t.transitions).toEqual({ softShortOnset_s: 30, hardShort_s: 80, fuse_s: 90 });
  });

  it("rejects impossible specs", () => {
    expect(() => simulateTrace(base({ duration_s: 10 }))).toThrow(/at least 30 s/);
    expect(() => simulateTrace(base({ rate_hz: 0 }))).toThrow(/rate/);
    expect(() => simulateTrace(base({ onset_s: 50, hardShort_s: 52 }))).toThrow(/soft short/);
  });
});
