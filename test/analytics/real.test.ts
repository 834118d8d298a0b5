import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers.js";

// real instrument exports live beside the repository, never inside it (licences vary)
const realDir = fileURLToPath(new URL("../../../shared/real/", import.meta.url));
const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f !== "MANIFEST.md").sort() : [];
if (realFiles.length === 0) console.log(`analytics/real.test: ${realDir} absent; real-instrument spectrum checks skipped`);

describe.skipIf(realFiles.length === 0)("softshort spectrum on real instrument exports", () => {
  it("each gives a JSON spectrum report or a one-line error with exit 2, never a crash", async () => {
    const problems: string[] = [];
    for (const f of realFiles) {
      const r = await runCli(["spectrum", path.join(realDir, f), "--format", "json"]);
      if (r.code === 0) {
        const doc = JSON.parse(r.stdout);
        if (!Array.isArray(doc.spectra) || doc.spectra.length === 0) problems.push(`${f}: no spectra`);
        for (const s of doc.spectra) {
          if (s.summary === null && !s.note) problems.push(`${f}: ${s.phase} has neither a spectrum nor a note`);
          for (const l of s.summary?.lines ?? []) if (!(l.frequency_hz > 0 && l.frequency_hz <= doc.sampleRate_hz / 2)) problems.push(`${f}: line at ${l.frequency_hz} Hz`);
        }
      } else if (r.code !== 2 || r.stderr.trim().split("\n").length !== 1 || /internal error/.test(r.stderr)) {
        problems.push(`${f}: exit ${r.code}: ${r.stderr}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
