import { describe, expect, it } from "vitest";
import { planTrace } from "../../src/sim/plan.js";
import { suite } from "../../src/sim/suite.js";

describe("benchmark suite", () => {
  const full = suite("full", 1);
  const stable = full.filter((c) => c.spec.scenario === "stable");
  const shorts = full.filter((c) => c.spec.scenario !== "stable");

  it("is seeded: same seed, same specs; another seed, other specs", () => {
    expect(suite("full", 1)).toEqual(full);
    expect(suite("full", 2).map((c) => c.spec.seed)).not.toEqual(full.map((c) => c.spec.seed));
  });

  it("stable traces carry every nuisance and several hours in total", () => {
    expect(stable.length).toBe(8);
    expect(stable.reduce((h, c) => h + c.spec.duration_s / 3600, 0)).toBeCloseTo(5.45, 2);
    for (const { spec } of stable) {
      expect(spec.drift_A! > 0 && spec.pink_A! > 0 && spec.quantLsb_A! > 0 && spec.mainsAmp_A! > 0).toBe(true);
      expect(spec.autorange && spec.nanRate! > 0 && spec.overflowRate! > 0 && spec.duplicateRate! > 0 && spec.dropouts! > 0).toBeTruthy();
    }
    expect(new Set(stable.map((c) => c.spec.mains_hz))).toEqual(new Set([50, 60]));
  });

  it("short traces cover scenarios, polarities, 10 Hz - 20 kHz, every shape, both arrival kinds, clipping", () => {
    expect(shorts.length).toBe(36);
    const set = (f: (c: (typeof shorts)[number]) => unknown) => new Set(shorts.map(f));
    expect(set((c) => c.spec.scenario)).toEqual(new Set(["soft-short", "soft-hard", "soft-hard-fuse"]));
    expect(set((c) => c.spec.polarity)).toEqual(new Set([1, -1]));
    expect(Math.min(...shorts.map((c) => c.spec.rate_hz))).toBe(10);
    expect(Math.max(...shorts.map((c) => c.spec.rate_hz))).toBe(20000);
    for (const s of ["mixed", "exponential", "square", "single"]) expect(set((c) => c.spec.spikeShape).has(s)).toBe(true);
    expect(set((c) => c.spec.arrivals)).toEqual(new Set(["poisson", "clustered"]));
    expect(set((c) => c.spec.clip)).toEqual(new Set([true, false]));
  });

  it("every spec plans without error, and the quick suite is smaller", () => {
    for (const c of [...full, ...suite("quick", 1), ...suite("full", 9)]) expect(() => planTrace(c.spec)).not.toThrow();
    expect(suite("quick", 1).length).toBe(16);
  });
});
