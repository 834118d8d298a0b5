// `softshort inspect`: text and JSON views of what the parser found; a bad file is one line on stderr, exit 2.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { craft } from "./helpers.js";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const argv = (...a: string[]): string[] => ["node", "softshort", "inspect", ...a];

describe("softshort inspect", () => {
  it("prints the layout, chosen columns, counts and assumptions", async () => {
    const f = craft("Time,Current (nA)\n0,1\n1,NaN\n1,3\n0,4\n");
    expect(await main(argv(f))).toBe(0);
    expect(out).toContain('  time          column 1 "Time", number (s)');
    expect(out).toContain('  current       column 2 "Current (nA)" in nA');
    expect(out).toContain("  rows          4 samples");
    expect(out).toContain("  artefacts     missing 1, overflow 0, overload 0, duplicate stamps 1, time resets 1, gaps 0, range changes 0");
    expect(out).toContain('    - time unit s assumed: column "Time" gives none');
  });
  it("--format json gives the parser info, summary and stats", async () => {
    const f = craft("t [ms];I [pA]\n0;1,5\n10;2,5\n");
    expect(await main(argv("--format", "json", f))).toBe(0);
    const [x] = JSON.parse(out) as { info: { decimalMark: string; delimiter: string }; summary: { rows: number }; stats: { medianRate_hz: number; maxCurrent_A: number } }[];
    expect(x!.info.decimalMark).toBe(",");
    expect(x!.info.delimiter).toBe("semicolon");
    expect(x!.summary.rows).toBe(2);
    expect(x!.stats.medianRate_hz).toBe(100);
    expect(x!.stats.maxCurrent_A).toBe(2.5e-12);
  });
  it("a bad file is one line on stderr and exit 2; the others are still shown", async () => {
    const good = craft("Time (s),Current (A)\n0,1\n");
    expect(await main(argv("/nonexistent.csv", good))).toBe(2);
    expect(err).toBe("softshort: /nonexistent.csv: no such file\n");
    expect(out).toContain(good);
  });
  it("overrides reach the parser", async () => {
    const f = craft("a,b\n1,2\n2,3\n");
    expect(await main(argv("--current-col", "b", "--time-col", "1", "--current-unit", "uA", f))).toBe(0);
    expect(out).toContain('  current       column 2 "b" in uA');
  });
});

const bin = fileURLToPath(new URL("../../bin/softshort.js", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url)));
if (!built) console.warn("[inspect] stdin test SKIPPED: run `npm run build` first (it spawns bin/softshort.js)");

describe.skipIf(!built)("stdin", () => {
  it("reads - from stdin, gzip detected by magic bytes", () => {
    const input = gzipSync("Time (s),Current (nA)\n0,1\n0.5,2\n");
    const r = spawnSync(process.execPath, [bin, "inspect", "-", "--format", "json"], { input, encoding: "utf8" });
    expect(r.status).toBe(0);
    const [x] = JSON.parse(r.stdout) as { file: string; info: { compression: string }; summary: { rows: number; lastTime_s: number } }[];
    expect(x!.file).toBe("-");
    expect(x!.info.compression).toBe("gzip");
    expect(x!.summary.rows).toBe(2);
    expect(x!.summary.lastTime_s).toBe(0.5);
  });
});
