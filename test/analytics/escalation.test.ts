import { describe, expect, it } from "vitest";
import {
  amplitudeTrend, computeEscalation, intervalStats, phaseEscalation, rateChangePoint, rateStats, spread, stretches, windowCounts,
} from "../../src/detect/escalation.js";
import { burst, detection, spike, timesWithCounts } from "./fixtures.js";
import { poissonTimes } from "./rng.js";

describe("spike rate", () => {
  // 20 spikes over 10 s in four 2.5 s windows holding 2, 4, 6, 8
  const times = timesWithCounts([2, 4, 6, 8], 2.5);

  it("rate 2 /s with the exact Poisson interval chi2(0.025; 40)/20 .. chi2(0.975; 42)/20", () => {
    const r = rateStats(times, 0, 10)!;
    expect(r.rate_hz).toBe(2);
    expect(r.ci95_hz[0]).toBeCloseTo(24.433 / 20, 4);
    expect(r.ci95_hz[1]).toBeCloseTo(61.777 / 20, 4);
    expect(r.windows.map((w) => w.count)).toEqual([2, 4, 6, 8]);
    expect(r.window_s).toBe(2.5);
  });

  it("dispersion D = sum (c - 5)^2 / 5 = 4 on 3 dof, p = 0.2615; Fano = (20/3)/5", () => {
    const r = rateStats(times, 0, 10)!;
    expect(r.dispersion!.statistic).toBeCloseTo(4, 12);
    expect(r.dispersion!.dof).toBe(3);
    expect(r.dispersion!.p_value).toBeCloseTo(0.26146, 5);
    expect(r.dispersion!.constant).toBe(true);
    expect(r.fano).toBeCloseTo(4 / 3, 12);
  });

  it("clustered counts fail the constant-rate test", () => {
    const r = rateStats(timesWithCounts([0, 20, 0, 20], 2.5), 0, 10)!;
    // 40 spikes -> 8 windows of 1.25 s: 0 0 10 10 0 0 10 10, mean 5, sum of squares 200
    expect(r.windows.map((w) => w.count)).toEqual([0, 0, 10, 10, 0, 0, 10, 10]);
    expect(r.dispersion!.statistic).toBeCloseTo(40, 12);
    expect(r.dispersion!.dof).toBe(7);
    expect(r.dispersion!.constant).toBe(false);
    expect(r.fano).toBeCloseTo(200 / 7 / 5, 12);
  });

  it("fewer than 10 spikes: one window, no test", () => {
    const r = rateStats([1, 2, 3], 0, 10)!;
    expect(r.windows).toHaveLength(1);
    expect(r.dispersion).toBeNull();
    expect(r.fano).toBeNull();
  });

  it("a spike at the phase end counts in the last window", () => {
    expect(windowCounts([0, 10], 0, 10, 2).map((w) => w.count)).toEqual([1, 1]);
  });
});

describe("stretches", () => {
  it("one window with 24 spikes among windows of 4 (expected 5) is an acceleration at 48 /s", () => {
    const counts = Array.from({ length: 20 }, (_, i) => (i === 10 ? 24 : 4));
    const r = rateStats(timesWithCounts(counts, 0.5), 0, 10)!;
    expect(r.rate_hz).toBe(10);
    const s = stretches(r.windows, r.rate_hz);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: "acceleration", start_s: 5, end_s: 5.5, count: 24, rate_hz: 48, ratio: 4.8 });
  });
  it("a quiet run after a busy one is a stagnation, merged over adjacent windows", () => {
    const counts = [...Array(10).fill(10), 0, 0, ...Array(8).fill(10)];
    const r = rateStats(timesWithCounts(counts, 1), 0, 20)!;
    const s = stretches(r.windows, r.rate_hz);
    expect(s).toEqual([expect.objectContaining({ kind: "stagnation", start_s: 10, end_s: 12, count: 0, rate_hz: 0 })]);
  });
});

describe("amplitude trend", () => {
  // ln(peak) = 0.1, 0.3, 0.2, 0.6 at t = 1..4: slope 0.7/5 = 0.14, s^2 = 0.042/2, SE = sqrt(0.021/5)
  const spikes = [0.1, 0.3, 0.2, 0.6].map((l, i) => spike(i + 1, Math.exp(l)));
  it("slope, t(0.975; 2) interval and exact Spearman p", () => {
    const a = amplitudeTrend(spikes)!;
    expect(a.slope_per_s).toBeCloseTo(0.14, 12);
    const half = 4.302653 * Math.sqrt(0.0042);
    expect(a.ci95_per_s[0]).toBeCloseTo(0.14 - half, 5);
    expect(a.ci95_per_s[1]).toBeCloseTo(0.14 + half, 5);
    expect(a.factor_per_s).toBeCloseTo(Math.exp(0.14), 12);
    expect(a.spearman!.rho).toBeCloseTo(0.8, 12);
    // 8 of the 24 orderings have |rho| >= 0.8
    expect(a.spearman!.p_value).toBeCloseTo(8 / 24, 12);
    expect(a.spearman!.exact).toBe(true);
    expect(a.trend).toBe("none");
  });
  it("amplitudes doubling every 10 s over 40 spikes are 'growing'", () => {
    const s = Array.from({ length: 40 }, (_, i) => spike(i, 1e-9 * 2 ** (i / 10) * (1 + 0.1 * Math.sin(i))));
    const a = amplitudeTrend(s)!;
    expect(a.doubling_s!).toBeGreaterThan(9);
    expect(a.doubling_s!).toBeLessThan(11);
    expect(a.trend).toBe("growing");
    expect(a.spearman!.exact).toBe(false);
    expect(a.spearman!.p_value).toBeLessThan(1e-6);
  });
  it("needs 3 spikes", () => {
    expect(amplitudeTrend([spike(1), spike(2)])).toBeNull();
  });
});

describe("charge spread and intervals", () => {
  it("median and R-7 quartiles", () => {
    expect(spread([10, 1, 4, 2, 3])).toEqual({ n: 5, median: 3, q1: 2, q3: 4, iqr: 2 });
  });
  it("intervals 1, 2, 3 s: mean 2, sd 1, CV 0.5", () => {
    expect(intervalStats([0, 1, 3, 6])).toEqual({ n: 3, mean_s: 2, median_s: 2, sd_s: 1, cv: 0.5 });
  });
  it("charge per burst sums the spikes in each burst", () => {
    const spikes = [spike(1, 1e-9, 1e-12), spike(1.1, 1e-9, 2e-12), spike(5, 1e-9, 4e-12)];
    const e = phaseEscalation(0, 10, spikes, [burst(0.99, 1.11, 2), burst(4.99, 5.01, 1)]);
    expect(e.chargePerBurst_C!.median).toBeCloseTo(3.5e-12, 24);
    expect(e.chargePerBurst_C!.n).toBe(2);
    expect(e.chargePerSpike_C!.median).toBe(2e-12);
  });
});

describe("computeEscalation", () => {
  it("one entry per soft-short phase; spike charge is the fallback cumulative", () => {
    const d = detection({
      phases: [
        { phase: "quiescent", start_s: 0, end_s: 2 },
        { phase: "soft-short", start_s: 2, end_s: 8 },
        { phase: "hard-short", start_s: 8, end_s: 10 },
      ],
      transitions: { softShortOnset_s: 2, hardShort_s: 8, fuse_s: null },
      spikes: [spike(1, 1e-9, 9e-12), spike(3, 1e-9, 1e-12), spike(4, 1e-9, 2e-12)],
    });
    const e = computeEscalation(d);
    expect(e.phases).toHaveLength(1);
    expect(e.phases[0]!.spikes).toBe(2);
    expect(e.cumulativeNonFaradaic).toEqual({ charge_C: 3e-12, from_s: 2, to_s: 8, reachedHardShort: true, source: "spikes" });
  });
  it("stable trace: no phases, no cumulative charge", () => {
    expect(computeEscalation(detection())).toEqual({ alpha: 0.05, phases: [], cumulativeNonFaradaic: null });
  });
});

describe("exact Spearman p", () => {
  it("n = 9, perfectly increasing: p = 2/9! and fast", () => {
    const s = Array.from({ length: 9 }, (_, i) => spike(i, Math.exp(i)));
    const t = performance.now();
    const a = amplitudeTrend(s)!;
    expect(a.spearman!.p_value).toBeCloseTo(2 / 362880, 15);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe("rate change point", () => {
  it("1 /s for 50 s then 4 /s for 50 s: split at 50 s, significant", () => {
    const times = [...Array.from({ length: 50 }, (_, i) => i + 0.5), ...Array.from({ length: 200 }, (_, i) => 50 + (i + 0.5) / 4)];
    const c = rateChangePoint(times, 0, 100)!;
    expect(c.time_s).toBeCloseTo(50.125, 6);
    // k = 50 spikes before: 50 ln(50/50.125) + 200 ln(200/49.875) - 250 ln(2.5)
    expect(c.llr).toBeCloseTo(50 * Math.log(50 / 50.125) + 200 * Math.log(200 / 49.875) - 250 * Math.log(2.5), 9);
    expect(c.rateBefore_hz).toBeCloseTo(50 / 50.125, 12);
    expect(c.rateAfter_hz).toBeCloseTo(200 / 49.875, 12);
    expect(c.p_value).toBe(1 / 200);
    expect(c.significant).toBe(true);
  });
  it("Poisson arrivals at a constant rate: usually no change point (5 % false alarms by design)", () => {
    let alarms = 0;
    for (let seed = 1; seed <= 20; seed++) if (rateChangePoint(poissonTimes(seed, 2, 100), 0, 100)!.significant) alarms++;
    expect(alarms).toBeLessThanOrEqual(3);
  });
  it("needs 10 spikes and is reproducible", () => {
    expect(rateChangePoint([1, 2, 3], 0, 10)).toBeNull();
    const t = poissonTimes(9, 1, 50);
    expect(rateChangePoint(t, 0, 50)).toEqual(rateChangePoint(t, 0, 50));
  });
});
