import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, analyzeSamples, SCHEMA_VERSION } from "../src/index.js";

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
});
