import { describe, expect, it } from "vitest";
import { simulateTrace } from "../../src/sim/index.js";
import type { SimSpec } from "../../src/sim/types.js";
import { SampleFlag } from "../../src/trace.js";

const stable = (over: Partial<SimSpec>): SimSpec => ({ scenario: "stable", seed: 5, duration_s: 60, rate_hz: 1000, faradaic_A: 0, ...over });

/** amplitude of the f_hz component (single DFT bin, Goertzel-free direct sum: exact for whole cycles) */
function lineAmplitude(x: Float64Array, rate: number, f: number): number {
  let re = 0;
  let im = 0;
  for (let k = 0; k < x.length; k++) {
    re += x[k]! * Math.cos((2 * Math.PI * f * k) / rate);
    im += x[k]! * Math.sin((2 * Math.PI * f * k) / rate);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

describe("nuisances are present when asked, absent otherwise", () => {
  it("mains pickup shows as a 50 Hz line with a 3rd harmonic (60 Hz likewise), nothing at 47 Hz", () => {
    const amp = 1e-9;
    const t = simulateTrace(stable({ mains_hz: 50, mainsAmp_A: amp }));
    // boxcar integration over 1 ms: gain sinc(0.05) = 0.9959
    expect(lineAmplitude(t.current_A, 1000, 50) / amp).toBeCloseTo(0.9959, 2);
    expect(lineAmplitude(t.current_A, 1000, 150) / amp).toBeCloseTo(0.3 * 0.9634, 2);
    expect(lineAmplitude(t.current_A, 1000, 47)).toBeLessThan(0.03 * amp);
    const sixty = simulateTrace(stable({ mains_hz: 60, mainsAmp_A: amp }));
    expect(lineAmplitude(sixty.current_A, 1000, 60) / amp).toBeGreaterThan(0.95);
    expect(lineAmplitude(sixty.current_A, 1000, 50)).toBeLessThan(0.03 * amp);
    const none = simulateTrace(stable({}));
    expect(lineAmplitude(none.current_A, 1000, 50)).toBeLessThan(0.03 * amp);
  });

  it("an integrating ADC at 50 Hz sampling rejects 50 Hz pickup (NPLC = 1)", () => {
    const t = simulateTrace(stable({ rate_hz: 50, duration_s: 600, mains_hz: 50, mainsAmp_A: 5e-9 }));
    const sd = Math.sqrt(t.current_A.reduce((a, v) => a + v * v, 0) / t.current_A.length);
    expect(sd).toBeLessThan(0.6e-9);
  });

  it("NaN and overflow rows carry their flags and values", () => {
    const t = simulateTrace(stable({ nanRate: 1e-3, overflowRate: 5e-4 }));
    let nan = 0;
    let ovf = 0;
    let wrong = 0;
    for (let k = 0; k < t.current_A.length; k++) {
      const f = t.flags![k]!;
      const v = t.current_A[k]!;
      if (f & SampleFlag.Missing) {
        if (!Number.isNaN(v)) wrong++;
        nan++;
      } else if (f & SampleFlag.Overflow) {
        if (v !== 9.9e37) wrong++;
        ovf++;
      } else if (!Number.isFinite(v) || Math.abs(v) > 1e-8) wrong++;
    }
    expect(wrong).toBe(0);
    expect(nan).toBe(t.truth.artefacts.missing);
    expect(ovf).toBe(t.truth.artefacts.overflow);
    expect(nan).toBeGreaterThan(30);
    expect(ovf).toBeGreaterThan(10);
  });

  it("duplicate stamps repeat the previous time; otherwise time steps by 1/rate", () => {
    const t = simulateTrace(stable({ duplicateRate: 1e-3 }));
    let dup = 0;
    let wrong = 0;
    for (let k = 1; k < t.time_s.length; k++) {
      const d = t.time_s[k]! - t.time_s[k - 1]!;
      if (d === 0) dup++;
      else if (Math.abs(d - (k >= 2 && t.time_s[k - 1] === t.time_s[k - 2] ? 0.002 : 0.001)) > 1e-9) wrong++;
    }
    expect(wrong).toBe(0);
    expect(dup).toBe(t.truth.artefacts.duplicates);
    expect(dup).toBeGreaterThan(20);
  });

  it("dropouts remove rows and flag the first row after each gap", () => {
    const t = simulateTrace(stable({ dropouts: 2 }));
    const gaps = t.truth.artefacts.gaps;
    expect(gaps.length).toBe(2);
    const flagged: number[] = [];
    for (let k = 0; k < t.flags!.length; k++) if (t.flags![k]! & SampleFlag.Discontinuity) flagged.push(k);
    expect(flagged.length).toBe(2);
    gaps.forEach((g, i) => {
      const k = flagged[i]!;
      expect(t.time_s[k]).toBeCloseTo(g.end_s, 9);
      expect(t.time_s[k - 1]).toBeCloseTo(g.start_s - 0.001, 9);
    });
    const removed = gaps.reduce((n, g) => n + Math.round((g.end_s - g.start_s) * 1000), 0);
    expect(t.current_A.length).toBe(60001 - removed);
  });

  it("autorange changes the noise floor and flags the first sample of each range", () => {
    const t = simulateTrace(stable({ autorange: true, duration_s: 120 }));
    const changes = t.truth.artefacts.rangeChanges_s;
    expect(changes.length).toBeGreaterThanOrEqual(2);
    for (const c of changes) expect(t.flags![Math.round(c * 1000)]! & SampleFlag.RangeChange).toBeTruthy();
    // the noise differs between the first two segments
    const sd = (a: number, b: number) => {
      const xs = t.current_A.slice(a, b);
      const m = xs.reduce((x, y) => x + y, 0) / xs.length;
      return Math.sqrt(xs.reduce((x, y) => x + (y - m) ** 2, 0) / xs.length);
    };
    const c0 = Math.round(changes[0]! * 1000);
    const c1 = Math.round(changes[1]! * 1000);
    const ratio = sd(c0, c1) / sd(0, c0);
    expect([2, 5, 10].some((f) => Math.abs(ratio / f - 1) < 0.15)).toBe(true);
  });

  it("quantisation puts every value on the LSB grid", () => {
    const lsb = 0.125e-9;
    const t = simulateTrace(stable({ quantLsb_A: lsb }));
    for (const v of t.current_A.slice(0, 5000)) expect(Math.abs(v / lsb - Math.round(v / lsb))).toBeLessThan(1e-6);
    expect(new Set(Array.from(t.current_A.slice(0, 5000))).size).toBeLessThan(80);
  });

  it("drift moves the baseline slowly; 1/f noise puts power at low frequencies", () => {
    const d = simulateTrace(stable({ drift_A: 5e-9, duration_s: 120 }));
    const mean = (x: Float64Array, a: number, b: number) => x.slice(a, b).reduce((p, q) => p + q, 0) / (b - a);
    const means = [0, 1, 2, 3].map((q) => mean(d.current_A, q * 30000, (q + 1) * 30000));
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(1e-9);
    const p = simulateTrace(stable({ pink_A: 1e-9, duration_s: 120 }));
    const w = simulateTrace(stable({ duration_s: 120 }));
    // variance of 1 s block means: white noise averages away, 1/f does not
    const blockVar = (x: Float64Array) => {
      const m: number[] = [];
      for (let b = 0; b + 1000 <= x.length; b += 1000) m.push(mean(x, b, b + 1000));
      const mm = m.reduce((a, b) => a + b, 0) / m.length;
      return m.reduce((a, b) => a + (b - mm) ** 2, 0) / m.length;
    };
    expect(blockVar(p.current_A)).toBeGreaterThan(100 * blockVar(w.current_A));
  });

  it("a clipped hard short is flat at the compliance limit", () => {
    const t = simulateTrace({ scenario: "soft-hard", seed: 9, duration_s: 60, rate_hz: 1000, clip: true });
    const h = t.truth.hardShort!;
    expect(h.clipped).toBe(true);
    const a = Math.round(h.start_s * 1000) + 5;
    const vals = new Set(Array.from(t.current_A.slice(a, a + 2000)));
    expect(vals.size).toBe(1);
    expect([...vals][0]).toBe(h.compliance_A);
    for (const s of t.truth.spikes) expect(s.peak_A).toBeLessThan(h.compliance_A!);
  });

  it("nuisances never change the spikes (separate random streams)", () => {
    const spec: SimSpec = { scenario: "soft-short", seed: 3, duration_s: 60, rate_hz: 1000 };
    const plain = simulateTrace(spec).truth;
    const noisy = simulateTrace({ ...spec, mains_hz: 60, pink_A: 1e-10, quantLsb_A: 1e-10, nanRate: 1e-3 }).truth;
    expect(noisy.spikes).toEqual(plain.spikes);
  });
});
