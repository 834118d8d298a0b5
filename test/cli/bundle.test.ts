// The command as bin/ runs it: one bundled file (scripts/bundle.mjs) that must find the package's
// files (package.json, the kernels, the worker scripts) from its own place, and give the bytes the
// modules give.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtFile, packageRoot } from "../../src/packageroot.js";
import { PAIRED_LANE_MIN_BYTES } from "../../src/cli/batch/threads.js";
import { builtCli, noWall, repoRoot, runBin, runCli, tempDir, traceCsv, writeTrace } from "./helpers.js";

describe("the package root", () => {
  it("is the folder whose package.json names softshort", () => {
    expect(packageRoot()).toBe(repoRoot);
  });

  it("builtFile names a file under dist/, or null when there is none", () => {
    expect(builtFile("no/such/file.js")).toBeNull();
    if (builtCli) expect(builtFile("wasm/detect.wasm")).toBe(path.join(repoRoot, "dist", "wasm", "detect.wasm"));
  });
});

describe.skipIf(!builtCli)("the bundled command", () => {
  let dir: string;
  let small: string[];
  let big: string[];
  beforeAll(() => {
    dir = tempDir();
    small = [0, 1, 2].map((k) => writeTrace(dir, `s${k}.csv`, traceCsv({ seconds: 20, rate_hz: 200, seed: 70 + k })));
    big = [0, 1].map((k) => writeTrace(dir, `b${k}.csv`, traceCsv({
      seconds: 200, rate_hz: 1000, seed: 80 + k, level: k === 1 ? (t) => (t > 100 && t < 130 ? 300e-9 : 0) : undefined,
    })));
  });

  it("reports the version in package.json", () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const r = runBin(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it("starts batch workers and gives the in-process --jobs 1 bytes", async () => {
    const one = await runCli(["analyze", ...small, "--format", "ndjson", "--jobs", "1", "-q"]);
    const two = runBin(["analyze", ...small, "--format", "ndjson", "--jobs", "2"]);
    expect(two.code).toBe(0);
    expect(two.stderr).toMatch(/in [0-9.]+ s \(main thread \+ 1 worker\)\n$/);
    expect(noWall(two.stdout)).toBe(noWall(one.stdout));
  });

  it("starts a parse thread and gives the in-process --jobs 1 bytes", async () => {
    expect(statSync(big[0]!).size).toBeGreaterThan(PAIRED_LANE_MIN_BYTES);
    const one = await runCli(["analyze", ...big, "--format", "ndjson", "--jobs", "1", "-q"]);
    const two = runBin(["analyze", ...big, "--format", "ndjson", "--jobs", "2"]);
    expect(two.code).toBe(0);
    expect(two.stderr).toMatch(/in [0-9.]+ s \(main thread, with a parse thread\)\n$/);
    expect(noWall(two.stdout)).toBe(noWall(one.stdout));
  }, 60_000);
});
