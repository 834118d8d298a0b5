// The detector on real instrument exports (../shared/real): never a crash, never a short or a fuse on idle or cycler data.
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";

const REAL = new URL("../../../shared/real/", import.meta.url);
const present = existsSync(REAL);
if (!present) console.warn(`test/detect/real.test.ts: ${REAL.pathname} is absent; real-export detector checks skipped`);

describe.skipIf(!present)("detector on real exports", () => {
  const files = present ? readdirSync(REAL).filter((f) => !f.endsWith(".md") && !f.endsWith(".log")) : [];
  for (const f of files) {
    it(`${f}: a result or a clean refusal, phases cover the trace`, async () => {
      let r;
      try {
        r = await analyze(new URL(f, REAL).pathname);
      } catch (e) {
        // refusals are the parser's call (one-line InputError); the detector itself must not throw
        expect((e as Error).name).toMatch(/InputError|UsageError/);
        return;
      }
      expect(r.phases[0]!.start_s).toBe(0);
      expect(r.phases[r.phases.length - 1]!.end_s).toBeCloseTo(r.duration_s, 9);
      for (const s of r.spikes) expect(s.peak_A).toBeGreaterThan(0);
    });
  }

  it("PEC idle channel (0 A with rare -1 uA LSB flicker) is stable", async () => {
    const r = await analyze(new URL("pec-sbt-test25205.csv", REAL).pathname);
    expect(r.verdict).toBe("stable");
    expect(r.fuse).toBeNull();
  });

  it("Maccor cycler: constant-current steps are not a hard short", async () => {
    const r = await analyze(new URL("maccor-export-ctrlchars.txt", REAL).pathname);
    expect(r.hardShort).toBeNull();
    expect(r.fuse).toBeNull();
    expect(r.warnings.some((w) => w.includes("instrument-controlled"))).toBe(true);
  });

  it("LabVIEW pA electrometer log (a pure noise floor) has no transitions", async () => {
    const r = await analyze(new URL("labview-electrometer-pA.lvm", REAL).pathname);
    expect(r.hardShort).toBeNull();
    expect(r.fuse).toBeNull();
    // its excursions are a few pA: below the Faradaic bound, so no soft short either
    expect(r.verdict).toBe("stable");
    expect(r.spikes).toEqual([]);
  });
});
