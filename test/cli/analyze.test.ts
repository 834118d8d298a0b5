import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { outPathFor } from "../../src/cli/batch/outdir.js";
import { runCli, tempDir, traceCsv, writeTrace } from "./helpers.js";

let dir: string;
let quiet: string; // stable noise floor
let fuse: string; // soft-free step to 500 nA then back to the floor: hard short, then fuse

beforeAll(() => {
  dir = tempDir();
  quiet = writeTrace(dir, "quiet.csv", traceCsv({ seconds: 20, rate_hz: 200, seed: 1 }));
  fuse = writeTrace(dir, "fuse.csv", traceCsv({
    seconds: 40, rate_hz: 200, seed: 2, level: (t) => (t >= 20 && t < 30 ? 500e-9 : 0),
  }));
});

/** Every error case must be ONE line on stderr naming the file, exit 2, and never a stack trace. */
function expectOneLineError(r: { code: number; stderr: string; stdout: string }, file: string) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith(`softshort: ${file}`)).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe("");
}

describe("analyze one file", () => {
  it("prints the timeline for a stable trace and exits 0", async () => {
    const r = await runCli(["analyze", quiet, "--no-color", "--jobs", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toContain(quiet);
    expect(r.stdout).toContain("verdict: stable");
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe("");
  });

  it("shows a 60-column sparkline of the trace in the timeline, and none in a batch table", async () => {
    const r = await runCli(["analyze", "fixtures/latp-fuse.csv", "--no-color", "--jobs", "1"]);
    const line = r.stdout.split("\n").find((l) => l.startsWith("  trace "));
    expect(line).toBeDefined();
    expect([...line!.trim().replace(/^trace\s+/, "")]).toHaveLength(60);
    // soft short rising into the hard short, then the open circuit at the floor
    expect(line).toMatch(/█+▁+$/);
    const batch = await runCli(["analyze", "fixtures/latp-fuse.csv", "fixtures/hybrid-stable.csv", "--no-color", "--jobs", "1", "-q"]);
    expect(batch.stdout).not.toContain("▁");
  });

  it("--color forces ANSI colours even when not on a terminal", async () => {
    const r = await runCli(["analyze", quiet, "--color", "--jobs", "1"]);
    expect(r.stdout).toMatch(/\x1b\[/);
  });

  it("--format json prints exactly one result document for the file", async () => {
    const r = await runCli(["analyze", quiet, "--format", "json", "--jobs", "1"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.file).toBe(quiet);
    expect(doc.sampleCount).toBe(4000);
    expect(doc.verdict).toBe("stable");
    expect(r.stdout.endsWith("}\n")).toBe(true);
  });

  it("detector overrides reach the detector and are reported in parameters", async () => {
    const r = await runCli(["analyze", quiet, "--format", "json", "--hard-min", "3s", "--fuse-min", "500ms",
      "--faradaic-max", "50pA", "--polarity", "-1", "--jobs", "1"]);
    const p = JSON.parse(r.stdout).parameters;
    expect(p.hardShortMin_s).toBe(3);
    expect(p.fuseMin_s).toBe(0.5);
    expect(p.faradaicMax_A).toBeCloseTo(50e-12, 20);
    expect(p.polarity).toBe(-1);
  });

  it("--fail-on: exit 1 when the verdict reaches the stage, 0 when it does not", async () => {
    const hard = await runCli(["analyze", fuse, "--format", "json", "--fail-on", "hard-short", "--jobs", "1"]);
    expect(JSON.parse(hard.stdout).verdict).toBe("fuse");
    expect(hard.code).toBe(1);
    expect((await runCli(["analyze", fuse, "--fail-on", "fuse", "-q", "--jobs", "1"])).code).toBe(1);
    expect((await runCli(["analyze", quiet, "--fail-on", "soft-short", "-q", "--jobs", "1"])).code).toBe(0);
  });
});

describe("analyze: bad input is one line, exit 2, no stack trace", () => {
  it("missing file", async () => {
    const f = path.join(dir, "does-not-exist.csv");
    expectOneLineError(await runCli(["analyze", f, "--jobs", "1"]), f);
  });
  it("empty file", async () => {
    const f = writeTrace(dir, "empty.csv", "");
    expectOneLineError(await runCli(["analyze", f, "--jobs", "1"]), f);
  });
  it("header only", async () => {
    const f = writeTrace(dir, "header-only.csv", "Time (s),Current (A)\n");
    expectOneLineError(await runCli(["analyze", f, "--jobs", "1"]), f);
  });
  it("no numeric column", async () => {
    const f = writeTrace(dir, "words.csv", "name,colour\nalpha,red\nbeta,blue\ngamma,green\n");
    expectOneLineError(await runCli(["analyze", f, "--jobs", "1"]), f);
  });
  it("bad option values are usage errors naming the flag", async () => {
    const r = await runCli(["analyze", quiet, "--k-sigma", "lots", "--jobs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('softshort: --k-sigma: expected a positive number, got "lots"\n');
    const s = await runCli(["analyze", quiet, "--shard", "3/2", "--jobs", "1"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe('softshort: --shard: expected i/n with 1 <= i <= n (e.g. 2/8), got "3/2"\n');
  });
  it("an unknown --format is refused by commander with exit 2", async () => {
    const r = await runCli(["analyze", quiet, "--format", "xml", "--jobs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("xml");
  });
});

describe("analyze several files", () => {
  it("a bad file is recorded and the run goes on; exit 2; rows in input order", async () => {
    const bad = writeTrace(dir, "bad.csv", "Time (s),Current (A)\n");
    const r = await runCli(["analyze", fuse, bad, quiet, "--format", "csv", "--jobs", "1"]);
    expect(r.code).toBe(2);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe("file,status,verdict,softShortOnset_s,hardShort_s,fuse_s,spikes,maxSpike_A,nonFaradaic_C,error,wall_s,sha256");
    expect(rows.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      `${fuse},ok,fuse`, `${bad},error,`, `${quiet},ok,stable`,
    ]);
    // the failure carries the sha256 of the input bytes (this one: the header line only)
    expect(rows[2]).toMatch(/,[0-9a-f]{64}$/);
    expect(r.stderr).toContain(`softshort: ${bad}`);
    expect(r.stderr).toContain("3 files: 2 ok, 1 failed");
  });

  it("--format ndjson: one line per file in input order, failures as status error", async () => {
    const bad = path.join(dir, "nope.csv");
    const r = await runCli(["analyze", quiet, bad, fuse, "--format", "ndjson", "-q", "--jobs", "1"]);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.status ?? "ok", l.verdict ?? null])).toEqual([
      [quiet, "ok", "stable"], [bad, "error", null], [fuse, "ok", "fuse"],
    ]);
    expect(lines[1].sha256).toBeNull();
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1); // -q: only the error line
  });

  it("--fail-on over a batch: 1 when any file matches and none failed", async () => {
    const r = await runCli(["analyze", quiet, fuse, "--fail-on", "hard-short", "-q", "--format", "csv", "--jobs", "1"]);
    expect(r.code).toBe(1);
  });

  it("--halt-on-error stops at the first failure in input order", async () => {
    const bad = path.join(dir, "missing-1.csv");
    const r = await runCli(["analyze", quiet, bad, fuse, "--format", "ndjson", "--halt-on-error", "--jobs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(r.stderr).toContain("stopped at the first failure (--halt-on-error): 1 of 3 inputs not analysed");
  });

  it("a directory is searched recursively and sorted; text gives one summary row per file", async () => {
    const d = tempDir();
    writeTrace(d, "b.csv", traceCsv({ seconds: 5, rate_hz: 100, seed: 3 }));
    writeTrace(d, "a.csv", traceCsv({ seconds: 5, rate_hz: 100, seed: 4 }));
    writeTrace(d, "notes.md", "# not a trace\n");
    writeTrace(d, "old-result.json", "{}\n");
    const r = await runCli(["analyze", d, "--no-color", "-q", "--jobs", "1"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^file\s+verdict/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([path.join(d, "a.csv"), path.join(d, "b.csv")]);
  });

  it("several files with --format json give a JSON array in input order", async () => {
    const r = await runCli(["analyze", fuse, quiet, "--format", "json", "-q", "--jobs", "1"]);
    const docs = JSON.parse(r.stdout);
    expect(docs.map((d: { file: string }) => d.file)).toEqual([fuse, quiet]);
  });
});

describe("--out DIR", () => {
  it("writes one JSON per input atomically and reuses it while bytes and settings are unchanged", async () => {
    const d = tempDir();
    const out = path.join(d, "results");
    const a = writeTrace(d, "a.csv", traceCsv({ seconds: 5, rate_hz: 100, seed: 5 }));
    const b = writeTrace(d, "b.csv", traceCsv({ seconds: 5, rate_hz: 100, seed: 6 }));
    const first = await runCli(["analyze", a, b, "--out", out, "--format", "ndjson", "--jobs", "1"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("2 files: 2 ok, 0 failed");
    const stored = JSON.parse(readFileSync(outPathFor(a, out), "utf8"));
    expect(outPathFor(a, out).endsWith(`${path.sep}a.csv.json`)).toBe(true);
    expect(stored.file).toBe(a);
    expect(stored.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    // no temp files left behind
    const all = (p: string): string[] => readdirSync(p, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? all(path.join(p, e.name)) : [e.name]));
    expect(all(out).sort()).toEqual(["a.csv.json", "b.csv.json"]);

    const again = await runCli(["analyze", a, b, "--out", out, "--format", "ndjson", "--jobs", "1"]);
    expect(again.stderr).toContain("2 files: 2 ok (2 cached), 0 failed");
    expect(again.stdout).toBe(first.stdout);

    // a changed input and changed settings are analysed afresh
    writeFileSync(b, traceCsv({ seconds: 6, rate_hz: 100, seed: 6 }));
    const changed = await runCli(["analyze", a, b, "--out", out, "-q", "--jobs", "1"]);
    expect(changed.code).toBe(0);
    expect((await runCli(["analyze", a, b, "--out", out, "--jobs", "1"])).stderr).toContain("(2 cached)");
    expect((await runCli(["analyze", a, b, "--out", out, "--hard-min", "5", "--jobs", "1"])).stderr).toContain("2 files: 2 ok, 0 failed");
  });

  it("never writes over an input", async () => {
    const d = tempDir();
    const trace = writeTrace(d, "x.csv", traceCsv({ seconds: 2, rate_hz: 100, seed: 7 }));
    const out = path.join(d, "o");
    // a second input sitting exactly where the result for x.csv would go
    const target = outPathFor(trace, out);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(trace));
    const r = await runCli(["analyze", trace, target, "--out", out, "--jobs", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`softshort: --out ${out}: the result for ${trace} would overwrite the input ${target}\n`);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(trace, "utf8"));
  });
});

describe("--plot and --frame-rate", () => {
  it("--plot DIR writes one SVG per input with a marker per spike", async () => {
    const d = tempDir();
    const figs = path.join(d, "figs");
    const r = await runCli(["analyze", fuse, quiet, "--plot", figs, "--format", "ndjson", "-q", "--jobs", "1"]);
    expect(r.code).toBe(0);
    const results = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    for (const [k, f] of [fuse, quiet].entries()) {
      const svg = readFileSync(outPathFor(f, figs, ".svg"), "utf8");
      expect(svg.startsWith("<svg") || svg.startsWith("<?xml")).toBe(true);
      expect(svg.match(/class="spike-marker"/g)?.length ?? 0).toBe(results[k].spikes.length);
    }
  });
  it("--frame-rate/--t0 add the movie frame of each transition (floor((t0_s + t - movieStart) * fps))", async () => {
    const r = await runCli(["analyze", fuse, "--format", "json", "--frame-rate", "10", "--t0", "5", "--jobs", "1"]);
    const doc = JSON.parse(r.stdout);
    const expected = (t: number | null) => (t === null ? null : Math.floor((doc.t0_s + t - 5) * 10 + 1e-9));
    expect(doc.frames.frameRate_fps).toBe(10);
    expect(doc.frames.hardShort).toBe(expected(doc.transitions.hardShort_s));
    expect(doc.frames.fuse).toBe(expected(doc.transitions.fuse_s));
    expect((await runCli(["analyze", fuse, "--t0", "5", "--jobs", "1"])).stderr).toBe("softshort: --t0 needs --frame-rate (the movie's frames per second)\n");
  });
});

