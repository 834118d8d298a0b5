import { describe, expect, it } from "vitest";
import { ChargeIntegrator, Checkpoints, MAX_CHECKPOINTS } from "../../src/detect/charge.js";
import { analyzeSamples } from "../../src/analyze.js";
import { SampleFlag, chunked } from "../../src/trace.js";
import { detection } from "./fixtures.js";

const FMAX = 100e-12;

function integrate(t: number[], i: number[], flags?: number[], d = detection(), chunkSize = 1000) {
  const integrator = new ChargeIntegrator(FMAX);
  const f = flags ? Uint8Array.from(flags) : undefined;
  for (const c of chunked(Float64Array.from(t), Float64Array.from(i), chunkSize, f)) integrator.push(c);
  return integrator.finish(d);
}

describe("charge split", () => {
  // 1 s steps; 1 nA from t = 5 to 7: trapezoids 0.5 + 1 + 1 + 0.5 = 3 nC
  const t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const i = [0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0].map((v) => v * 1e-9);

  // the Faradaic bound applies to 1 s window means (FARADAIC_WINDOW_s): the four 1 s intervals with
  // current (means 0.5, 1, 1, 0.5 nA) each carry at most 100 pA x 1 s
  it("total 3 nC, Faradaic at most 100 pA per 1 s window: 4 x 0.1 = 0.4 nC", () => {
    const c = integrate(t, i);
    expect(c.total_C).toBeCloseTo(3e-9, 20);
    expect(c.faradaic_C).toBeCloseTo(0.4e-9, 20);
    expect(c.nonFaradaic_C).toBeCloseTo(2.6e-9, 20);
    expect(c.faradaicMax_A).toBe(FMAX);
    expect(c.excluded_s).toBe(0);
  });

  it("does not depend on the chunk size", () => {
    for (const size of [1, 3, 7]) expect(integrate(t, i, undefined, detection(), size)).toEqual(integrate(t, i));
  });

  it("negative polarity: negative currents count as positive charge in the leakage direction", () => {
    const c = integrate(t, i.map((v) => -v), undefined, detection({ polarity: -1 }));
    expect(c.total_C).toBeCloseTo(3e-9, 20);
    expect(c.nonFaradaic_C).toBeCloseTo(2.6e-9, 20);
  });

  it("a flagged sample takes out both its intervals; a duplicate stamp adds nothing", () => {
    const flags = t.map((_, k) => (k === 6 ? SampleFlag.Missing : 0));
    const c = integrate(t, i, flags);
    // left: [4,5] 0.5 nC and [7,8] 0.5 nC
    expect(c.total_C).toBeCloseTo(1e-9, 20);
    expect(c.excluded_s).toBe(2);
    const dup = integrate([0, 1, 1, 2], [1e-9, 1e-9, 5e-9, 5e-9]);
    // [0,1] 1 nC, the stamp repeat 0, [1,2] 5 nC
    expect(dup.total_C).toBeCloseTo(6e-9, 20);
  });

  it("noise on a sub-100 pA level is all Faradaic-compatible, not non-Faradaic charge", () => {
    // 90 pA mean with +-0.5 nA alternating noise: per-sample clamping would call ~0.45 nA non-Faradaic
    const n = 10001;
    const tt = Array.from({ length: n }, (_, k) => k * 1e-3);
    const ii = tt.map((_, k) => 90e-12 + (k % 2 ? 0.5e-9 : -0.5e-9));
    const c = integrate(tt, ii);
    expect(c.total_C).toBeCloseTo(0.9e-9, 14);
    expect(Math.abs(c.nonFaradaic_C)).toBeLessThan(1e-14);
  });

  it("noise around zero nets to about zero, not to a Faradaic claim", () => {
    const n = 10001;
    const tt = Array.from({ length: n }, (_, k) => k * 1e-3);
    const ii = tt.map((_, k) => (k % 2 ? 0.5e-9 : -0.5e-9));
    const c = integrate(tt, ii);
    expect(Math.abs(c.total_C)).toBeLessThan(1e-15);
    expect(Math.abs(c.faradaic_C)).toBeLessThan(1e-15);
  });

  it("per phase and up to the hard short (boundaries on checkpoints and windows are exact)", () => {
    // 128 Hz: a checkpoint every 128 samples = every 1 s, on the 1 s Faradaic windows.
    // 0 A until t = 1 s, then 10 nA; hard short at 2 s; the 0 -> 10 nA interval ends at t = 1 s.
    const n = 3 * 128 + 1;
    const tt = Array.from({ length: n }, (_, k) => k / 128);
    const ii = tt.map((_, k) => (k >= 128 ? 10e-9 : 0));
    const d = detection({
      duration_s: 3,
      phases: [
        { phase: "quiescent", start_s: 0, end_s: 1 },
        { phase: "soft-short", start_s: 1, end_s: 2 },
        { phase: "hard-short", start_s: 2, end_s: 3 },
      ],
      transitions: { softShortOnset_s: 1, hardShort_s: 2, fuse_s: null },
    });
    const c = integrate(tt, ii, undefined, d);
    // the ramp interval: 5 nA x 1/128 s
    expect(c.byPhase[0]!.total_C).toBeCloseTo(5e-9 / 128, 22);
    expect(c.byPhase[1]!.total_C).toBeCloseTo(10e-9, 18);
    expect(c.byPhase[1]!.faradaic_C).toBeCloseTo(0.1e-9, 18);
    expect(c.untilHardShort).toMatchObject({ from_s: 1, to_s: 2, reachedHardShort: true });
    expect(c.untilHardShort!.nonFaradaic_C).toBeCloseTo(9.9e-9, 18);
    // from the onset to the end: 10 nA for 2 s, two full windows of 100 pA Faradaic capacity
    expect(c.sinceOnset).toMatchObject({ from_s: 1, to_s: 3 });
    expect(c.sinceOnset!.total_C).toBeCloseTo(20e-9, 18);
    expect(c.sinceOnset!.nonFaradaic_C).toBeCloseTo(19.8e-9, 18);
  });

  it("no onset: sinceOnset is null (nothing left the floor)", () => {
    expect(integrate(t, i).sinceOnset).toBeNull();
  });

  it("analyzeSamples adds charge and escalation by default, honouring faradaicMax_A", () => {
    const r = analyzeSamples({ time_s: t, current_A: i }, { detector: { faradaicMax_A: 1e-9 } });
    const charge = r["charge"] as { total_C: number; faradaic_C: number };
    expect(charge.faradaic_C).toBeCloseTo(3e-9, 20);
    expect(r["escalation"]).toBeDefined();
  });
});

describe("charge checkpoints in bounded memory", () => {
  const offer = (cp: Checkpoints, n: number) => {
    // checkpoint k at t = k s with integrals q = 2k, f = k (linear, so interpolation is exact)
    for (let k = 0; k < n; k++) cp.add(k, 2 * k, k);
  };

  it("keeps every checkpoint up to the cap (so traces under 33.5 M samples are as before)", () => {
    const cp = new Checkpoints(8);
    offer(cp, 8);
    expect(cp.stride).toBe(1);
    expect([...cp.t.subarray(0, cp.n)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(MAX_CHECKPOINTS * 128).toBe(33_554_432);
  });

  it("past the cap drops every other one and keeps only multiples of the doubled stride", () => {
    const cp = new Checkpoints(4);
    offer(cp, 9);
    // 0..3 kept; at 4 thinned to 0, 2 (stride 2) then 4, 6; at 8 thinned to 0, 4 (stride 4) then 8
    expect(cp.stride).toBe(4);
    expect([...cp.t.subarray(0, cp.n)]).toEqual([0, 4, 8]);
    expect([...cp.q.subarray(0, cp.n)]).toEqual([0, 8, 16]);
    expect(cp.t.length).toBe(4);
  });

  it("the end of the trace is always kept, and lookups interpolate between what is left", () => {
    const cp = new Checkpoints(4);
    offer(cp, 11);
    cp.add(10.5, 21, 10.5, true);
    expect([...cp.t.subarray(0, cp.n)]).toEqual([0, 4, 8, 10.5]);
    expect(cp.at(6)).toEqual([12, 6]);
    expect(cp.at(9)).toEqual([18, 9]);
    expect(cp.at(20)).toEqual([21, 10.5]);
  });

  it("a thinned integrator gives the same totals and phase charges within one checkpoint spacing", () => {
    // 3 M samples at 1 kHz: 23,437 checkpoints offered; a cap of 1024 thins them to one per 4,096 samples
    const n = 3_000_000;
    const t = new Float64Array(n);
    const i = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      t[k] = k / 1000;
      i[k] = k >= 1_500_000 ? 2e-9 : 0;
    }
    const d = detection({
      duration_s: 2999.999, sampleCount: n, sampleRate_hz: 1000,
      phases: [{ phase: "quiescent", start_s: 0, end_s: 1500.5 }, { phase: "hard-short", start_s: 1500.5, end_s: 2999.999 }],
    });
    const run = (cap?: number) => {
      const c = new ChargeIntegrator(FMAX, cap);
      for (const chunk of chunked(t, i, 65536)) c.push(chunk);
      return c.finish(d);
    };
    const exact = run();
    const thinned = run(1024);
    expect(thinned.total_C).toBe(exact.total_C);
    expect(thinned.faradaic_C).toBe(exact.faradaic_C);
    // 0.5 s at 2 nA, plus the trapezoid of the step (1 ms rising to 2 nA: 1 pC)
    expect(exact.byPhase[0]!.total_C).toBeCloseTo(2e-9 * 0.5 + 1e-12, 15);
    // 4.096 s between checkpoints at 2 nA: the kink at 1500 s is smoothed over at most that span
    for (const k of [0, 1]) expect(Math.abs(thinned.byPhase[k]!.total_C - exact.byPhase[k]!.total_C)).toBeLessThan(2e-9 * 4.096);
    expect(thinned.byPhase[0]!.total_C + thinned.byPhase[1]!.total_C).toBeCloseTo(exact.total_C, 15);
  });
});
