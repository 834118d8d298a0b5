// Detector behaviour on crafted traces whose right answer can be checked by hand.
import { describe, expect, it } from "vitest";
import { SampleFlag } from "../../src/trace.js";
import { phaseBins } from "../../src/detect/mains.js";
import { detect, noiseTrace } from "./helpers.js";

const SIGMA = 0.5e-9;

describe("spikes", () => {
  it("finds a single 10-sigma spike at the right time with peak x dt as its charge", () => {
    const tr = noiseTrace(600_000, 1000, SIGMA, 1);
    tr.current_A[300_000]! += 10 * SIGMA;
    const d = detect(tr);
    expect(d.spikes).toHaveLength(1);
    const s = d.spikes[0]!;
    expect(s.peak_s).toBe(300);
    expect(s.start_s).toBe(300);
    expect(s.end_s).toBe(300);
    // excess over the local baseline: the 10 sigma plus that sample's own noise
    expect(Math.abs(s.peak_A - 10 * SIGMA)).toBeLessThan(3 * SIGMA);
    // one sample wide: charge = excess x its 1 ms share of time
    expect(s.charge_C).toBeCloseTo(s.peak_A * 1e-3, 20);
    expect(d.verdict).toBe("stable");
    expect(d.noise.sigma_A / SIGMA).toBeGreaterThan(0.95);
    expect(d.noise.sigma_A / SIGMA).toBeLessThan(1.05);
    expect(d.sampleRate_hz).toBeCloseTo(1000, 6);
  });

  it("reports one event for a flat-topped spike with a ragged top, charge = area", () => {
    const tr = noiseTrace(120_000, 1000, SIGMA, 2);
    for (let i = 60_000; i < 60_050; i++) tr.current_A[i]! += 40 * SIGMA;
    const d = detect(tr);
    expect(d.spikes).toHaveLength(1);
    const s = d.spikes[0]!;
    expect(s.start_s).toBe(60);
    expect(s.end_s).toBeCloseTo(60.049, 9);
    // 50 samples x 40 sigma x 1 ms, give or take the noise (sigma x sqrt(50) x 1 ms)
    expect(Math.abs(s.charge_C - 50 * 40 * SIGMA * 1e-3)).toBeLessThan(4 * SIGMA * Math.sqrt(50) * 1e-3);
  });

  it("finds a wide faint spike (4 sigma for 64 samples) that no single sample shows", () => {
    const tr = noiseTrace(120_000, 1000, SIGMA, 3);
    for (let i = 50_000; i < 50_064; i++) tr.current_A[i]! += 4 * SIGMA;
    const d = detect(tr);
    expect(d.spikes).toHaveLength(1);
    expect(d.spikes[0]!.peak_s).toBeGreaterThanOrEqual(50);
    expect(d.spikes[0]!.peak_s).toBeLessThan(50.064);
  });

  it("at 500 Hz (16-sample blocks) the 64-sample window works: a 0.8-sigma pulse 64 samples long is found", () => {
    // its 64-sum is 6.4 sigma of a 64-sum (threshold 5.22); no narrower window shows it (16-sum: 3.2 sigma,
    // threshold 5.47). Before the fix, a window wider than the block had no noise estimate and never fired.
    const tr = noiseTrace(150_000, 500, SIGMA, 11);
    for (let i = 100_000; i < 100_064; i++) tr.current_A[i]! += 0.8 * SIGMA;
    const d = detect(tr);
    expect(d.parameters.boxcarWidths).toEqual([1, 4, 16, 64]);
    expect(d.spikes).toHaveLength(1);
    expect([d.spikes[0]!.start_s, d.spikes[0]!.end_s]).toEqual([200, 200.074]);
  });

  it("pure Gaussian noise: 20 seeds x 10 min at 1 kHz give zero spikes and verdict stable", { timeout: 120_000 }, () => {
    let spikes = 0;
    const verdicts = new Set<string>();
    for (let seed = 100; seed < 120; seed++) {
      const d = detect(noiseTrace(600_000, 1000, SIGMA, seed, 0.2e-9));
      spikes += d.spikes.length;
      verdicts.add(d.verdict);
    }
    expect(spikes).toBe(0);
    expect([...verdicts]).toEqual(["stable"]);
  });
});

describe("the Faradaic bound", () => {
  it("a pA electrometer floor with 20-sigma bumps of 20 pA stays stable: a Faradaic current could carry them", () => {
    const sigma = 1e-12;
    const tr = noiseTrace(120_000, 100, sigma, 11);
    // ten bumps, one a minute apart at first then 5 s apart: as a rate they would confirm an onset
    for (let k = 0; k < 10; k++) {
      const i = 60_000 + k * 500;
      for (let j = 0; j < 5; j++) tr.current_A[i + j]! += 20 * sigma;
    }
    // and a persistent 30 pA step (30 sigma) from 900 s on
    for (let i = 90_000; i < 120_000; i++) tr.current_A[i]! += 30e-12;
    const d = detect(tr);
    expect(d.verdict).toBe("stable");
    expect(d.spikes).toEqual([]);
    expect(d.transitions.softShortOnset_s).toBeNull();
    expect(d.warnings.some((w) => w.startsWith("10 excursion(s) above the noise threshold but below the Faradaic bound (100 pA)"))).toBe(true);
    // the same shape scaled to nA leakage is a soft short
    const big = noiseTrace(120_000, 100, sigma * 500, 11);
    for (let k = 0; k < 10; k++) for (let j = 0; j < 5; j++) big.current_A[60_000 + k * 500 + j]! += 20 * sigma * 500;
    expect(detect(big).verdict).toBe("soft-short");
  });
});

describe("hard short and fuse", () => {
  it("a step to 500 nA then back to 0: hard short then fuse at the step times", () => {
    const tr = noiseTrace(600_000, 1000, SIGMA, 4);
    for (let i = 200_000; i < 400_000; i++) tr.current_A[i]! += 500e-9;
    const d = detect(tr);
    expect(d.verdict).toBe("fuse");
    expect(d.transitions.hardShort_s).toBe(200);
    expect(d.transitions.fuse_s).toBe(400);
    expect(d.hardShort!.end_s).toBeCloseTo(399.999, 9);
    expect(d.hardShort!.level_A).toBeCloseTo(500e-9, 10);
    expect(d.hardShort!.clipped).toBe(false);
    expect(Math.abs(d.fuse!.level_A)).toBeLessThan(SIGMA);
    expect(d.phases.map((p) => p.phase)).toEqual(["quiescent", "hard-short", "open"]);
    expect(d.spikes).toEqual([]);
  });

  it("polarity -1 mirrors the answer", () => {
    const tr = noiseTrace(300_000, 1000, SIGMA, 5);
    const spikeAt = [50_000, 60_000, 70_500, 90_000];
    for (const i of spikeAt) tr.current_A[i]! += 30 * SIGMA;
    for (let i = 150_000; i < 250_000; i++) tr.current_A[i]! += 500e-9;
    const pos = detect(tr);
    const mirrored = { ...tr, current_A: tr.current_A.map((x) => -x) };
    const neg = detect(mirrored);
    expect(pos.polarity).toBe(1);
    expect(neg.polarity).toBe(-1);
    expect(neg.spikes).toEqual(pos.spikes);
    expect(neg.transitions).toEqual(pos.transitions);
    expect(neg.hardShort).toEqual(pos.hardShort);
    expect(neg.fuse!.time_s).toBe(pos.fuse!.time_s);
    // the planted spikes; inside the soft-short phase the lower soft threshold may add a noise spike or two
    const peaks = pos.spikes.map((s) => s.peak_s);
    for (const t of [50, 60, 70.5, 90]) expect(peaks).toContain(t);
    expect(peaks.length).toBeLessThanOrEqual(7);
    expect(pos.transitions).toEqual({ softShortOnset_s: 50, hardShort_s: 150, fuse_s: 250 });
    expect(pos.verdict).toBe("fuse");
  });

  it("a clipped hard short (flat at the compliance limit) is still a hard short", () => {
    const tr = noiseTrace(120_000, 1000, SIGMA, 6);
    for (const i of [20_000, 25_000, 30_000]) tr.current_A[i]! += 50 * SIGMA;
    for (let i = 40_000; i < 120_000; i++) tr.current_A[i] = 100e-9;
    const d = detect(tr);
    expect(d.verdict).toBe("hard-short");
    expect(d.transitions.hardShort_s).toBe(40);
    expect(d.hardShort!.clipped).toBe(true);
  });
});

describe("artefacts and instrument states", () => {
  it("flagged samples are never spikes, and a flagged sample splits an excursion", () => {
    const tr = noiseTrace(120_000, 1000, SIGMA, 7);
    tr.current_A[30_000] = 9.9e37;
    tr.flags[30_000] = SampleFlag.Overflow;
    tr.current_A[40_000] = NaN;
    tr.flags[40_000] = SampleFlag.Missing;
    for (let i = 50_000; i < 50_010; i++) tr.current_A[i]! += 50 * SIGMA;
    tr.flags[50_005] = SampleFlag.Missing;
    const d = detect(tr);
    expect(d.spikes.map((s) => [s.start_s, s.end_s])).toEqual([
      [50, 50.004],
      [50.006, 50.009],
    ]);
  });

  it("an idle channel at exactly 0 A is stable", () => {
    const tr = noiseTrace(100_000, 100, 0, 8);
    const d = detect(tr);
    expect(d.verdict).toBe("stable");
    expect(d.spikes).toEqual([]);
    expect(d.fuse).toBeNull();
    expect(d.noise.sigma_A).toBe(0);
  });

  it("a constant-current step with zero noise is not a hard short", () => {
    const tr = noiseTrace(20_000, 10, 0, 9);
    for (let i = 5_000; i < 15_000; i++) tr.current_A[i] = 1e-4;
    const d = detect(tr);
    expect(d.verdict).toBe("stable");
    expect(d.hardShort).toBeNull();
    expect(d.warnings.some((w) => w.includes("instrument-controlled"))).toBe(true);
  });

  it("exact zeros after a hard short (output off) are not a fuse", () => {
    const tr = noiseTrace(60_000, 1000, SIGMA, 10);
    for (let i = 20_000; i < 40_000; i++) tr.current_A[i]! += 500e-9;
    for (let i = 40_000; i < 60_000; i++) tr.current_A[i] = 0;
    const d = detect(tr);
    expect(d.verdict).toBe("hard-short");
    expect(d.fuse).toBeNull();
    expect(d.warnings.some((w) => w.includes("exactly 0"))).toBe(true);
  });
});

describe("noise changes", () => {
  it("an unflagged 10x noise step (autorange without a range column) makes no false spikes", () => {
    const tr = noiseTrace(400_000, 1000, SIGMA, 13);
    for (let i = 200_000; i < 400_000; i++) tr.current_A[i]! *= 10;
    const d = detect(tr);
    expect(d.spikes).toEqual([]);
    expect(d.verdict).toBe("stable");
  });
});

describe("level steps", () => {
  it("a 3-sigma step at 20 kHz makes no spike: located to the sample, and the running median restarts past it", () => {
    // before: the centred median straddling the step followed the low level's tail for ~1 s, the
    // 64-sample boxcars took that for spikes (2-4 per trace, which then confirmed a false onset)
    for (const seed of [21, 22, 23]) {
      const tr = noiseTrace(800_000, 20_000, SIGMA, seed);
      for (let i = 400_007; i < 800_000; i++) tr.current_A[i]! += 3 * SIGMA;
      const d = detect(tr);
      expect(d.spikes).toEqual([]);
      expect(d.verdict).toBe("stable");
    }
  });
});

describe("streaming", () => {
  it("gives the identical Detection for chunk sizes 1, 7, 1000 and 65536", () => {
    const tr = noiseTrace(40_000, 1000, SIGMA, 11);
    for (const i of [3_000, 5_000, 5_400, 9_000]) tr.current_A[i]! += 20 * SIGMA;
    for (let i = 7_000; i < 7_030; i++) tr.current_A[i]! += 5 * SIGMA;
    tr.flags[8_000] = SampleFlag.Missing;
    tr.current_A[8_000] = NaN;
    for (let i = 12_000; i < 30_000; i++) tr.current_A[i]! += 300e-9;
    const ref = detect(tr, {}, 65536);
    expect(ref.verdict).toBe("fuse");
    for (const size of [1, 7, 1000]) expect(detect(tr, {}, size)).toEqual(ref);
  });
});

describe("mains pickup", () => {
  it("learns and removes a 50 Hz line with harmonics: no false spikes, a 9-sigma spike still found, and a warning", () => {
    const tr = noiseTrace(300_000, 2000, SIGMA, 12);
    for (let i = 0; i < tr.current_A.length; i++) {
      const t = tr.time_s[i]!;
      tr.current_A[i]! += 3 * SIGMA * Math.sin(2 * Math.PI * 50 * t + 0.3) + 0.9 * SIGMA * Math.sin(2 * Math.PI * 150 * t);
    }
    tr.current_A[200_001]! += 9 * SIGMA;
    const d = detect(tr);
    expect(d.spikes.map((s) => s.peak_s)).toEqual([100.0005]);
    expect(d.warnings.some((w) => w.startsWith("50 Hz mains pickup"))).toBe(true);
    expect(d.warnings.some((w) => w.startsWith("60 Hz"))).toBe(false);
  });
});

describe("mains pickup at low sample rates", () => {
  it("one template bin per distinct sample phase: rate / line = p / q in lowest terms gives p bins", () => {
    expect([10, 50, 100, 200, 250, 1000, 2000, 97.3].map((r) => [phaseBins(r, 50), phaseBins(r, 60)])).toEqual([
      [1, 1], [1, 5], [2, 5], [4, 10], [5, 25], [20, 50], [40, 64], [64, 64],
    ]);
  });

  it("a 60 Hz line sampled at 100 Hz (5 phases) is learnt and removed: a 5-sigma spike is the only spike", () => {
    // before: floor(100 / 60) = 1 bin could not hold the line; its 3-sigma amplitude inflated the noise 1.8x
    const tr = noiseTrace(60_000, 100, SIGMA, 13);
    for (let i = 0; i < tr.current_A.length; i++) tr.current_A[i]! += 3 * SIGMA * Math.sin(2 * Math.PI * 60 * tr.time_s[i]! + 0.7);
    tr.current_A[40_000]! += 8 * SIGMA;
    const d = detect(tr);
    expect(d.spikes.map((s) => s.peak_s)).toEqual([400]);
    const w = d.warnings.find((x) => x.startsWith("60 Hz mains pickup"));
    // the line's RMS is 3 sigma / sqrt(2) = 1.06 nA
    expect(w).toMatch(/^60 Hz mains pickup \(1\.0[0-9] nA rms\)/);
  });
});

describe("a floor that already conducts", () => {
  // 2.7 uA through a sensor with 4 nA of noise: dips towards zero interrupt that current, they are not leakage spikes
  const conducting = (level_A: number, excursion_A: number) => {
    const tr = noiseTrace(20_000, 10, 4e-9, 5, level_A);
    for (let k = 300; k < 20_000; k += 200) tr.current_A[k]! += excursion_A;
    return detect(tr);
  };
  /** the injected excursions (every 20 s from 30 s) found as spikes peaking on their sample */
  const injectedFound = (d: ReturnType<typeof detect>): number => d.spikes.filter((sp) => Math.round(sp.peak_s * 10) % 200 === 100).length;

  it("dips of a +2.7 uA floor are not spikes: polarity +, stable", () => {
    const d = conducting(2.7e-6, -60e-9);
    expect(d.polarity).toBe(1);
    expect(d.spikes).toEqual([]);
    expect(d.verdict).toBe("stable");
  });

  it("rises of the same floor are spikes in its direction (and the mirror image for a negative floor)", () => {
    const up = conducting(2.7e-6, 60e-9);
    expect(up.polarity).toBe(1);
    expect(injectedFound(up)).toBe(99);
    const down = conducting(-2.7e-6, -60e-9);
    expect(down.polarity).toBe(-1);
    expect(injectedFound(down)).toBe(99);
    expect(conducting(-2.7e-6, 60e-9).spikes).toEqual([]);
  });

  it("a floor near zero (under 100 sigma or 10 nA) leaves the polarity to the spikes", () => {
    const d = conducting(2e-9, -60e-9);
    expect(d.polarity).toBe(-1);
    expect(injectedFound(d)).toBe(99);
  });
});

describe("too short to judge", () => {
  it("under 100 samples the result says a stable verdict only means nothing could stand out", () => {
    const d = detect(noiseTrace(50, 10, 5e-10, 1));
    expect(d.verdict).toBe("stable");
    expect(d.warnings).toContain("only 50 samples: too few to measure a noise floor, so a stable verdict only means nothing could stand out");
    expect(detect(noiseTrace(100, 10, 5e-10, 1)).warnings.some((w) => w.startsWith("only "))).toBe(false);
  });
});
