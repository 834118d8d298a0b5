import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { simulateTrace } from "../../src/sim/index.js";
import type { SimTruth } from "../../src/sim/types.js";

const dir = mkdtempSync(join(tmpdir(), "softshort-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("softshort simulate", () => {
  it("writes the CSV and the truth JSON, matching simulateTrace", async () => {
    const csv = join(dir, "t.csv");
    const truthFile = join(dir, "t.truth.json");
    const code = await main(["node", "softshort", "simulate", "--scenario", "soft-hard-fuse", "--seed", "4", "--duration", "60", "--rate", "200", "--polarity", "-", "--all-nuisances", "-o", csv, "--truth", truthFile]);
    expect(code).toBe(0);
    const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("Time (s),Current (A)");
    const truth = JSON.parse(readFileSync(truthFile, "utf8")) as SimTruth;
    expect(lines.length - 1).toBe(truth.sampleCount);
    expect(truth.verdict).toBe("fuse");
    expect(truth.polarity).toBe(-1);
    expect(truth.spec.mains_hz).toBe(50);
    expect(truth.artefacts.gaps.length).toBe(2);
    const mem = simulateTrace(truth.spec);
    expect(JSON.stringify(mem.truth)).toBe(JSON.stringify(truth));
    let nan = 0;
    let ovf = 0;
    for (let k = 1; k < lines.length; k++) {
      const [t, i] = lines[k]!.split(",");
      expect(Number(t)).toBeCloseTo(mem.time_s[k - 1]!, 3);
      if (i === "NaN") nan++;
      else if (i === "9.9e37") ovf++;
      else expect(Math.abs(Number(i) - mem.current_A[k - 1]!)).toBeLessThanOrEqual(Math.abs(mem.current_A[k - 1]!) * 5e-9 + 1e-30);
    }
    expect(nan).toBe(truth.artefacts.missing);
    expect(ovf).toBe(truth.artefacts.overflow);
  });

  it("streams to stdout when no -o is given", async () => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => {
      chunks.push(typeof c === "string" ? c : Buffer.from(c).toString("latin1"));
      return true;
    });
    try {
      expect(await main(["node", "softshort", "simulate", "--scenario", "stable", "--duration", "2", "--rate", "10"])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = chunks.join("");
    expect(text.split("\n")[0]).toBe("Time (s),Current (A)");
    expect(text.trimEnd().split("\n").length).toBe(22);
    expect(text.split("\n")[21]!.startsWith("2.000,")).toBe(true);
  });

  it("bad options are one-line usage errors with exit code 2", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["node", "softshort", "simulate", "--scenario", "meltdown"])).toBe(2);
      expect(await main(["node", "softshort", "simulate", "--rate", "-5"])).toBe(2);
      expect(await main(["node", "softshort", "simulate", "--scenario", "soft-short", "--duration", "5"])).toBe(2);
      expect(await main(["node", "softshort", "simulate", "--noise", "3 parsecs"])).toBe(2);
      const msgs = err.mock.calls.map((c) => String(c[0]));
      expect(msgs[0]).toBe('softshort: --scenario must be one of stable, soft-short, soft-hard, soft-hard-fuse (got "meltdown")\n');
      expect(msgs[2]).toBe("softshort: simulate: scenario soft-short needs a duration of at least 30 s\n");
    } finally {
      err.mockRestore();
    }
  });
});
