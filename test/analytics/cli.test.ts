import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../cli/helpers.js";
import { gaussian } from "./rng.js";

describe("softshort faraday", () => {
  const dir = tempDir();
  const area = path.join(dir, "area.csv");
  const trace = path.join(dir, "trace.csv");
  writeFileSync(area, "time (s),area (um^2)\n0,1.0\n10,3.0\n20,4.0\n");
  writeFileSync(trace, "time (s),current (nA)\n" + Array.from({ length: 41 }, (_, k) => `${k * 0.5},50`).join("\n") + "\n");

  it("prints the worked example", async () => {
    const r = await runCli(["faraday", area, "--thickness", "100nm", "--trace", trace]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("needs 2.227 nC");
    expect(r.stdout).toMatch(/0 - 10\s+148 pA\s+50\.00 nA\s+99\.70 %/);
    expect(r.stdout).toMatch(/10 - 20\s+74\.24 pA\s+50\.00 nA\s+99\.85 %/);
    expect(r.stdout).toContain("non-Faradaic share 99.78 %");
  });

  it("--format json carries the numbers", async () => {
    const r = await runCli(["faraday", area, "--shape", "hemisphere", "--format", "json"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.geometry).toEqual({ shape: "hemisphere" });
    // hemisphere of 1 um^2 footprint: 0.37613 um^3
    expect(doc.points[0].volume_m3).toBeCloseTo(3.761263890318374e-19, 30);
    expect(doc.total.measured_C).toBeNull();
  });

  it("usage and input errors are one line, exit 2", async () => {
    let r = await runCli(["faraday", area]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("softshort: a geometry is needed: --thickness T for a slab, or --shape hemisphere|sphere\n");
    r = await runCli(["faraday", path.join(dir, "missing.csv"), "--thickness", "1nm"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("softshort spectrum", () => {
  it("finds 50 Hz pickup and the white-noise density of a quiet trace", async () => {
    const dir = tempDir();
    const file = path.join(dir, "quiet.csv");
    const g = gaussian(5);
    const fs = 1000;
    const rows = ["time (s),current (A)"];
    for (let k = 0; k < 20 * fs; k++) rows.push(`${k / fs},${(0.5e-9 * g() + 1e-9 * Math.sin((2 * Math.PI * 50 * k) / fs)).toExponential(6)}`);
    writeFileSync(file, rows.join("\n") + "\n");
    const r = await runCli(["spectrum", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const quiet = doc.spectra.find((s: { phase: string }) => s.phase === "quiescent");
    expect(quiet.summary.mains_hz).toBe(50);
    expect(quiet.summary.lines[0].frequency_hz).toBeCloseTo(50, 0);
    expect(quiet.summary.lines[0].amplitude_A / 1e-9).toBeCloseTo(1, 1);
    const expected = 0.5e-9 / Math.sqrt(fs / 2);
    expect(Math.abs(quiet.summary.noiseDensity.density_A_per_rtHz / expected - 1)).toBeLessThan(0.05);
    const text = await runCli(["spectrum", file]);
    expect(text.stdout).toContain("mains 50 Hz h1");
    expect(text.stdout).toMatch(/noise density 2\d\.\d pA\/rtHz/);
  });

  it("refuses a segment that is not a power of two", async () => {
    const r = await runCli(["spectrum", "x.csv", "--segment", "1000"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('softshort: --segment: expected a power of two >= 16, got "1000"\n');
  });
});
