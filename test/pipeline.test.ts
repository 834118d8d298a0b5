import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, analyzeSamples, formatTimeline, SCHEMA_VERSION } from "../src/index.js";

const real = fileURLToPath(new URL("../../shared/real/", import.meta.url));
const haveReal = existsSync(real);
if (!haveReal) console.log(`[skip] ${real} is absent: cycler-format pipeline tests skipped`);

describe("pipeline", () => {
  it("turns in-memory samples into a versioned result", () => {
    const r = analyzeSamples({ time_s: [0, 0.001, 0.002], current_A: [1e-10, 0, -1e-10] });
    expect(r.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.sampleCount).toBe(3);
    expect(r.input).toBeNull();
  });

  it("the detector's currentControlled parameter alone keeps a programmed step quiescent (arrays too)", () => {
    const n = 20_000;
    const time_s = Array.from({ length: n }, (_, k) => k / 100);
    const current_A = time_s.map((t) => (t >= 50 && t < 150 ? 1e-3 : 0) + 1e-9 * Math.sin(7 * t));
    const r = analyzeSamples({ time_s, current_A }, { detector: { currentControlled: true } });
    expect(r.verdict).toBe("stable");
    expect(r.parameters.currentControlled).toBe(true);
    expect(r.phases).toEqual([{ phase: "quiescent", start_s: 0, end_s: r.duration_s }]);
    expect(r.warnings.some((w) => w.startsWith("current is set by the instrument"))).toBe(true);
  });

  it.skipIf(!haveReal)("never calls programmed cycler steps and rests a short or a fuse", async () => {
    for (const name of ["maccor-export-ctrlchars.txt", "pec-sbt-test25205.csv"]) {
      const r = await analyze(real + name);
      expect(r.input?.currentControlled).toBe(true);
      expect(r.verdict).toBe("stable");
      expect(r.transitions).toEqual({ softShortOnset_s: null, hardShort_s: null, fuse_s: null });
      expect(r.spikes).toEqual([]);
      expect(r.phases).toEqual([{ phase: "quiescent", start_s: 0, end_s: r.duration_s }]);
      expect(r.warnings.some((w) => w.startsWith("current is set by the instrument"))).toBe(true);
    }
  });

  it("a smooth sustained step with no spike before it is set aside, and says so (never a silent stable)", () => {
    const n = 6000;
    let seed = 7;
    const u = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) - 0.5;
    const time_s = Array.from({ length: n }, (_, k) => k / 100);
    const current_A = time_s.map((t) => (t > 30 ? 2e-6 : 0) + 1e-9 * u());
    const r = analyzeSamples({ time_s, current_A });
    expect(r.verdict).toBe("stable");
    expect(r.warnings.filter((w) => w.startsWith("flat step at a constant current"))).toHaveLength(1);
  });

  it.skipIf(!haveReal)("real sweeps: a cyclic bias (CV, I-V loops, pulses) reports no short; a one-way ramp warns", async () => {
    const cases: [string, string, number][] = [
      ["autolab-nova-cv-tab.txt", "Potential applied (V)", 2],
      ["keithley-2450-stream.txt", "Volts", 42],
      ["protochips-electrical.csv", "Channel A Voltage", 31],
    ];
    for (const [name, column, reversals] of cases) {
      const r = await analyze(real + name);
      expect(r.input?.summary.bias).toMatchObject({ column, swept: true, reversals });
      expect(r.verdict).toBe("stable");
      expect(r.transitions).toEqual({ softShortOnset_s: null, hardShort_s: null, fuse_s: null });
      expect(r.warnings.some((w) => w.startsWith(`the bias ("${column}") was swept between`))).toBe(true);
    }
    // the CV alone would be called a hard short: that claim is what the rule prevents
    const cv = await analyze(real + "autolab-nova-cv-tab.txt");
    expect(cv.warnings.at(-1)).toMatch(/the detector alone would have said "hard-short"\)$/);
    expect(formatTimeline(cv, { color: false }).trimEnd().split("\n").at(-1)).toBe("  verdict: stable (no short detection was done: see the warning above)");
    const ramp = await analyze(real + "keithley-kickstart-diode-rev.csv");
    expect(ramp.input?.summary.bias).toMatchObject({ swept: false, ramped: true, reversals: 0 });
    expect(ramp.warnings.some((w) => w.startsWith('the bias ("Voltage (V)") ramped between -5 V and'))).toBe(true);
    // a held bias (EC-Lab chronoamperometry, control/V constant) changes nothing
    const held = await analyze(real + "eclab-ca.mpt");
    expect(held.input?.summary.bias).toMatchObject({ column: "control/V", swept: false, ramped: false, medianStep_V: 0 });
  });
});
