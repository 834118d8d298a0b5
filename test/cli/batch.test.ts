import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { expandGlob, expandInputs, globToRegExp } from "../../src/cli/batch/inputs.js";
import { outPathFor } from "../../src/cli/batch/outdir.js";
import { largestFirst, runBatch, workerScript } from "../../src/cli/batch/pool.js";
import { parseCurrentValue, parseDurationValue, settingsFromFlags, settingsKey } from "../../src/cli/batch/settings.js";
import { parseShard, selectShard } from "../../src/cli/batch/shard.js";
import { PAIRED_LANE_MIN_BYTES, planThreads } from "../../src/cli/batch/threads.js";
import { PARSE_THREAD_MIN_BYTES } from "../../src/parse/threaded.js";
import { builtCli, noWall, runBin, runCli, tempDir, traceCsv, writeTrace } from "./helpers.js";

describe("--shard i/n", () => {
  it("shards 1..n cover every file exactly once, sizes differ by at most one", () => {
    const files = ["e.csv", "a.csv", "d/x.csv", "c.csv", "b.csv", "d/a.csv", "Z.csv"];
    for (const n of [1, 2, 3, 7, 9]) {
      const parts = Array.from({ length: n }, (_, k) => selectShard(files, { index: k + 1, count: n }));
      expect(parts.flat().sort()).toEqual([...files].sort());
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    // deterministic, independent of the order the files were listed in: code-unit order, dealt round-robin
    expect(selectShard([...files].reverse(), { index: 2, count: 3 })).toEqual(["a.csv", "d/a.csv"]);
    expect(selectShard(files, { index: 1, count: 3 })).toEqual(["Z.csv", "c.csv", "e.csv"]);
  });
  it("parses i/n and refuses nonsense", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    for (const bad of ["0/2", "3/2", "1/0", "a/b", "1", "-1/2"]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
  it("through the CLI: the shards' NDJSON together hold every file once", async () => {
    const d = tempDir();
    for (let k = 0; k < 5; k++) writeTrace(d, `t${k}.csv`, traceCsv({ seconds: 1, rate_hz: 50, seed: k }));
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await runCli(["analyze", d, "--shard", `${i}/3`, "--format", "ndjson", "-q"]);
      seen.push(...r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).file as string));
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((k) => path.join(d, `t${k}.csv`)));
  });
});

describe("inputs", () => {
  it("an empty directory is a usage error; an empty shard is not", async () => {
    const d = tempDir();
    const r = await runCli(["analyze", d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`softshort: no trace files in ${d}\n`);
    writeTrace(d, "only.csv", traceCsv({ seconds: 1, rate_hz: 50, seed: 1 }));
    const empty = await runCli(["analyze", d, "--shard", "2/2", "--format", "ndjson", "-q"]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe("");
  });
  it("globs: * within a segment, ** across, ? and classes", () => {
    expect(globToRegExp("data/*.csv").test("data/a.csv")).toBe(true);
    expect(globToRegExp("data/*.csv").test("data/x/a.csv")).toBe(false);
    expect(globToRegExp("data/**/*.csv").test("data/a.csv")).toBe(true);
    expect(globToRegExp("data/**/*.csv").test("data/x/y/a.csv")).toBe(true);
    expect(globToRegExp("run-?.[ct]sv").test("run-1.tsv")).toBe(true);
    expect(globToRegExp("run-?.[ct]sv").test("run-12.csv")).toBe(false);
  });
  it("expands directories (sorted, recursive, hidden and result files skipped), globs, and keeps missing paths", () => {
    const d = tempDir();
    mkdirSync(path.join(d, "sub"));
    mkdirSync(path.join(d, "out"));
    for (const f of ["b.csv", "a.txt", "sub/c.csv", ".hidden.csv", "r.json", "out/o.csv"]) writeFileSync(path.join(d, f), "x\n");
    expect(expandInputs([d], { exclude: [path.join(d, "out")] })).toEqual(
      ["a.txt", "b.csv", "sub/c.csv"].map((f) => path.join(d, f)),
    );
    expect(expandGlob(`${d}/**/*.csv`)).toEqual(["b.csv", "out/o.csv", "sub/c.csv"].map((f) => path.join(d, f)));
    expect(expandGlob(`${d}/*.csv`)).toEqual([path.join(d, "b.csv")]);
    // argument order is kept, duplicates dropped, a path that matches nothing stays (it fails later, named)
    expect(expandInputs([path.join(d, "b.csv"), `${d}/*.csv`, "-", "nope.csv"])).toEqual([path.join(d, "b.csv"), "-", "nope.csv"]);
  });
});

describe("settings", () => {
  it("reads currents and durations with units", () => {
    expect(parseCurrentValue("--x", "100pA")).toBeCloseTo(1e-10, 22);
    expect(parseCurrentValue("--x", "2.5e-9")).toBe(2.5e-9);
    expect(parseCurrentValue("--x", "3 µA")).toBeCloseTo(3e-6, 18);
    expect(parseDurationValue("--x", "500ms")).toBe(0.5);
    expect(parseDurationValue("--x", "2min")).toBe(120);
    expect(() => parseCurrentValue("--faradaic-max", "lots")).toThrow('--faradaic-max: expected a current such as 1e-10 or 100pA, got "lots"');
    expect(() => parseDurationValue("--hard-min", "-1")).toThrow(/--hard-min/);
  });
  it("the cache key ignores the chunk size but not the detector settings", () => {
    const base = settingsKey(settingsFromFlags({}));
    expect(settingsKey(settingsFromFlags({ chunkSize: "7" }))).toBe(base);
    expect(settingsKey(settingsFromFlags({ kSigma: "7" }))).not.toBe(base);
    expect(settingsKey(settingsFromFlags({ currentUnit: "nA" }))).not.toBe(base);
  });
});

describe("determinism", () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = tempDir();
    files = [0, 1, 2, 3].map((k) => writeTrace(dir, `d${k}.csv`, traceCsv({
      seconds: 30, rate_hz: 200, seed: 10 + k, level: k === 2 ? (t) => (t > 12 && t < 20 ? 300e-9 : 0) : undefined,
    })));
  });

  it("identical NDJSON bytes whatever the job count or chunk size", async () => {
    if (!workerScript()) console.warn("determinism: dist/ not built, --jobs 2 runs inline here (run `npm run build`)");
    const one = await runCli(["analyze", ...files, "--format", "ndjson", "--jobs", "1", "-q"]);
    const two = await runCli(["analyze", ...files, "--format", "ndjson", "--jobs", "2", "-q"]);
    const tiny = await runCli(["analyze", ...files, "--format", "ndjson", "--jobs", "1", "--chunk-size", "97", "-q"]);
    expect(one.code).toBe(0);
    expect(one.stdout.split("\n")).toHaveLength(5);
    expect(two.stdout).toBe(one.stdout);
    expect(tiny.stdout).toBe(one.stdout);
  });

  it("lanes take the biggest inputs first (ties and missing files in input order); output keeps input order", async () => {
    const big = writeTrace(dir, "big.csv", traceCsv({ seconds: 90, rate_hz: 200, seed: 20 }));
    const missing = path.join(dir, "nothing-here.csv");
    const twin = writeTrace(dir, "twin.csv", readFileSync(files[0]!, "utf8"));
    const list = [files[0]!, missing, big, twin];
    expect(largestFirst(list, [0, 1, 2, 3])).toEqual([2, 0, 3, 1]);
    const r = await runCli(["analyze", ...list, "--format", "ndjson", "--jobs", "2", "-q"]);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).file)).toEqual(list);
  });

  it("--halt-on-error with worker lanes: output stops at the first failure in input order", async () => {
    const missing = path.join(dir, "missing.csv");
    const r = await runCli(["analyze", files[0]!, missing, files[1]!, files[2]!, "--jobs", "2", "--halt-on-error", "--format", "ndjson"]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([files[0], missing]);
    expect(r.stderr).toContain("2 of 4 inputs not analysed");
  });

  it.skipIf(!builtCli)("identical JSON from a file, stdin and a .gz (apart from the name and compression)", () => {
    const file = files[2]!;
    const gz = path.join(dir, "d2.csv.gz");
    const bytes = traceCsv({ seconds: 30, rate_hz: 200, seed: 12, level: (t) => (t > 12 && t < 20 ? 300e-9 : 0) });
    writeFileSync(gz, gzipSync(bytes));
    const fromFile = runBin(["analyze", file, "--format", "json"]);
    const fromStdin = runBin(["analyze", "-", "--format", "json"], { input: bytes });
    const fromGz = runBin(["analyze", gz, "--format", "json"]);
    expect(fromFile.code).toBe(0);
    const neutral = (text: string) => text
      .replaceAll(JSON.stringify(file), '"F"').replaceAll(JSON.stringify(gz), '"F"').replaceAll('"-"', '"F"')
      .replace(/"compression": "\w+"/, '"compression": "?"');
    expect(neutral(fromStdin.stdout)).toBe(neutral(fromFile.stdout));
    expect(neutral(fromGz.stdout)).toBe(neutral(fromFile.stdout));
    // named with --stdin-name, stdin gives exactly the bytes of the file run
    const named = runBin(["analyze", "-", "--format", "json", "--stdin-name", file], { input: bytes });
    expect(named.stdout).toBe(fromFile.stdout);
    const bad = runBin(["analyze", "-", "--stdin-name", "cell-7.csv"], { input: "" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^softshort: cell-7\.csv: /);
  }, 30_000);

  it.skipIf(!builtCli)("one input: --jobs 2 (parse thread) gives the --jobs 1 bytes from a file, stdin, gzip on stdin and any chunk size, and the same errors", () => {
    // above PARSE_THREAD_MIN_BYTES, so the file gets the parse thread (stdin always does)
    const bytes = traceCsv({ seconds: 800, rate_hz: 1000, seed: 13, level: (t) => (t > 300 && t < 400 ? 300e-9 : 0) });
    expect(bytes.length).toBeGreaterThan(PARSE_THREAD_MIN_BYTES);
    const file = writeTrace(dir, "p13.csv", bytes);
    const single = runBin(["analyze", file, "--format", "json", "--jobs", "1"]);
    expect(single.code).toBe(0);
    expect(runBin(["analyze", file, "--format", "json", "--jobs", "2"]).stdout).toBe(single.stdout);
    expect(runBin(["analyze", file, "--format", "json", "--jobs", "2", "--chunk-size", "1000"]).stdout).toBe(single.stdout);
    expect(runBin(["analyze", "-", "--format", "json", "--jobs", "2", "--stdin-name", file], { input: bytes }).stdout).toBe(single.stdout);
    const gz = runBin(["analyze", "-", "--format", "json", "--jobs", "2", "--stdin-name", file], { input: gzipSync(bytes) }).stdout;
    expect(gz.replace('"compression": "gzip"', '"compression": "none"')).toBe(single.stdout);
    const broken = writeTrace(dir, "p14.csv", `Time (s),Current (A)\n0,1e-10\n0.1,2e-10\n${"7".repeat(2_500_000)}\n`);
    const e1 = runBin(["analyze", broken, "--jobs", "1"]);
    const e2 = runBin(["analyze", broken, "--jobs", "2"]);
    expect(e1.code).toBe(2);
    expect(e2).toEqual(e1);
    expect(e2.stderr).toMatch(/^softshort: .*p14\.csv:4: line longer than \d+ bytes/);
    expect(e2.stderr.trimEnd().split("\n")).toHaveLength(1);
  }, 60_000);
});

describe("the batch engine", () => {
  it("a worker lane that crashes: its input is recorded as an internal error, the one it had waiting is run by the next worker", async () => {
    const standIn = path.join(path.dirname(fileURLToPath(import.meta.url)), "stand-in-worker.mjs");
    const files = ["/nowhere/a.csv", "/nowhere/b.csv", "/nowhere/crash.csv", "/nowhere/c.csv", "/nowhere/d.csv", "/nowhere/e.csv", "/nowhere/f.csv"];
    // (lanes with parse threads are sent their next input early: the crash test needs one waiting)
    const specs = files.map((file) => ({ file, settings: settingsFromFlags({}), parseThread: true }));
    const seen: { index: number; file: string; error: string }[] = [];
    const summary = await runBatch(specs, {
      lanes: 2, workerScript: standIn,
      onOutcome: (o, index) => seen.push({ index, file: o.file, error: o.status === "error" ? o.error : "" }),
    });
    // every input exactly once, in input order, whichever lane ran it
    expect(summary.delivered).toBe(files.length);
    expect(seen.map((o) => o.index)).toEqual(files.map((_, k) => k));
    expect(seen.map((o) => o.file)).toEqual(files);
    expect(seen[2]!.error).toBe("/nowhere/crash.csv: internal error: worker exited with code 7");
    // the others: the stand-in's answer (worker lanes) or the real "no such file" (the main thread's lane)
    for (const o of seen.filter((_, k) => k !== 2)) expect(o.error).toMatch(/^stand-in$|no such file|not found|cannot open/i);
    expect(seen.filter((o) => o.error === "stand-in").length).toBeGreaterThan(0);
  });
});

describe("big inputs: lanes paired with a parse thread", () => {
  let dir: string;
  let big: string[];
  let small: string[];
  beforeAll(() => {
    dir = tempDir();
    big = [0, 1, 2].map((k) => writeTrace(dir, `b${k}.csv`, traceCsv({
      seconds: 450, rate_hz: 1000, seed: 40 + k, level: k === 1 ? (t) => (t > 200 && t < 260 ? 300e-9 : 0) : undefined,
    })));
    small = [0, 1, 2].map((k) => writeTrace(dir, `s${k}.csv`, traceCsv({ seconds: 20, rate_hz: 200, seed: 50 + k })));
  });

  it("how --jobs is spent: one thread per lane for small files, two (parse + detect) when the median file is big", () => {
    expect(statSync(big[0]!).size).toBeGreaterThan(PAIRED_LANE_MIN_BYTES);
    expect(planThreads(small, 2, true)).toEqual({ lanes: 2, parseThreads: false });
    expect(planThreads(small, 8, true)).toEqual({ lanes: 3, parseThreads: false });
    expect(planThreads(big, 2, true)).toEqual({ lanes: 1, parseThreads: true });
    expect(planThreads(big, 5, true)).toEqual({ lanes: 2, parseThreads: true });
    expect(planThreads(big, 16, true)).toEqual({ lanes: 3, parseThreads: true });
    expect(planThreads(big, 1, true)).toEqual({ lanes: 1, parseThreads: false });
    // the median decides: two small files and one big are small; stdin counts as big
    expect(planThreads([small[0]!, small[1]!, big[0]!], 4, true)).toEqual({ lanes: 3, parseThreads: false });
    expect(planThreads(["-", "-", small[0]!], 4, true)).toEqual({ lanes: 2, parseThreads: true });
    // one input: a parse thread only when it is big enough to repay one
    expect(planThreads([small[0]!], 4, true)).toEqual({ lanes: 1, parseThreads: false });
    expect(statSync(big[0]!).size).toBeLessThan(PARSE_THREAD_MIN_BYTES);
    expect(planThreads([big[0]!], 2, true)).toEqual({ lanes: 1, parseThreads: false });
    // no built parse worker (tests from the sources before a build): plain lanes, nothing claims a parse thread
    expect(planThreads(big, 2, false)).toEqual({ lanes: 2, parseThreads: false });
    expect(planThreads(["-"], 2, false)).toEqual({ lanes: 1, parseThreads: false });
  });

  it.skipIf(!builtCli)("the --jobs 1 bytes, a bad file in the middle included, and the next file read ahead even when cached results are skipped", async () => {
    const bad = writeTrace(dir, "b1-bad.csv", `Time (s),Current (A)\n0,1e-10\n0.1,2e-10\n0.2,oops\n${"9".repeat(2_500_000)}\n`);
    const list = [big[0]!, bad, big[1]!, big[2]!];
    const one = await runCli(["analyze", ...list, "--format", "ndjson", "--jobs", "1", "-q"]);
    expect(one.code).toBe(2);
    const two = await runCli(["analyze", ...list, "--format", "ndjson", "--jobs", "2", "-v"]);
    expect(two.stderr).toContain("up to 1 at a time, each with a parse thread");
    expect(two.stderr).toMatch(/in [0-9.]+ s \(main thread, with a parse thread\)\n$/);
    expect(two.code).toBe(2);
    expect(noWall(two.stdout)).toBe(noWall(one.stdout));
    expect(two.stderr).toMatch(/b1-bad\.csv:5: line longer than \d+ bytes/);
    // --out: the first run writes every result; with two of them removed, the second run analyses those
    // and takes the others from the cache, so the lane names a next input it then does not open
    const out = path.join(dir, "results");
    const first = await runCli(["analyze", ...big, "--format", "ndjson", "--jobs", "2", "--out", out, "-q"]);
    expect(first.code).toBe(0);
    for (const k of [0, 2]) rmSync(outPathFor(big[k]!, out));
    const again = await runCli(["analyze", ...big, "--format", "ndjson", "--jobs", "2", "--out", out, "-q"]);
    const lines = again.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { file: string; verdict: string });
    expect(lines.map((l) => l.file)).toEqual(big);
    expect(noWall(again.stdout)).toBe(noWall(first.stdout));
  }, 120_000);
});

describe("merge", () => {
  it("combines shard NDJSON into one summary ordered by file name", async () => {
    const d = tempDir();
    const names = ["c.csv", "a.csv", "b.csv"];
    for (const [k, n] of names.entries()) writeTrace(d, n, traceCsv({ seconds: 2, rate_hz: 50, seed: 20 + k }));
    const p1 = await runCli(["analyze", d, "--shard", "1/2", "--format", "ndjson", "-q"]);
    const p2 = await runCli(["analyze", d, "--shard", "2/2", "--format", "ndjson", "-q"]);
    // a failure record travels through merge too
    const failed = `{"schemaVersion":1,"file":"${path.join(d, "0-bad.csv")}","status":"error","error":"bad","wall_s":0,"sha256":null}\n`;
    writeFileSync(path.join(d, "p2.ndjson"), p2.stdout);
    writeFileSync(path.join(d, "p1.ndjson"), failed + p1.stdout);
    const r = await runCli(["merge", path.join(d, "p2.ndjson"), path.join(d, "p1.ndjson"), "--format", "csv"]);
    expect(r.code).toBe(2);
    const rows = r.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(",").slice(0, 3).join(","));
    expect(rows).toEqual([
      `${path.join(d, "0-bad.csv")},error,`, `${path.join(d, "a.csv")},ok,stable`,
      `${path.join(d, "b.csv")},ok,stable`, `${path.join(d, "c.csv")},ok,stable`,
    ]);
  });
  it("reads an --out directory of pretty-printed result files, with their input hashes", async () => {
    const d = tempDir();
    const a = writeTrace(d, "a.csv", traceCsv({ seconds: 2, rate_hz: 50, seed: 30 }));
    const b = writeTrace(d, "b.csv", traceCsv({ seconds: 2, rate_hz: 50, seed: 31 }));
    const out = path.join(d, "results");
    expect((await runCli(["analyze", b, a, "--out", out, "-q", "--jobs", "1"])).code).toBe(0);
    const r = await runCli(["merge", out, "--format", "csv"]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(","));
    expect(rows.map((c) => [c[0], c[1], c[2]])).toEqual([[a, "ok", "stable"], [b, "ok", "stable"]]);
    expect(rows.every((c) => /^[0-9a-f]{64}$/.test(c.at(-1)!))).toBe(true);
  });
  it("refuses a file that is not softshort output, naming it and the line", async () => {
    const d = tempDir();
    const f = writeTrace(d, "x.ndjson", '{"schemaVersion":1,"file":"a","status":"error","error":"e","wall_s":0,"sha256":null}\n{"hello":1}\n');
    const r = await runCli(["merge", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`softshort: ${f}:2: not a softshort record (schemaVersion 1 with a file name)\n`);
  });
});

describe.skipIf(!builtCli)("the built executable", () => {
  it("--help and analyze --help show examples", () => {
    const top = runBin(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("softshort analyze fixtures/latp-fuse.csv");
    const sub = runBin(["analyze", "--help"]);
    expect(sub.stdout).toContain("--shard <i/n>");
    expect(sub.stdout).toContain("Exit codes: 0 ok, 1 --fail-on matched a file, 2 usage or input error");
  });
  it("a missing file: one line on stderr, exit 2", () => {
    const r = runBin(["analyze", "no/such/file.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^softshort: no\/such\/file\.csv/);
  });
});
if (!builtCli) console.warn("test/cli: dist/ is missing, executable tests skipped (run `npm run build`)");
