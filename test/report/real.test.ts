import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { InputError } from "../../src/errors.js";
import { contractViolations } from "./invariants.js";
import { repoRoot, schemaErrors, validateResult } from "./validate.js";

// real instrument exports live beside the repository, never inside it (licences vary)
const realDir = `${repoRoot}../shared/real/`;
const realFiles = existsSync(realDir) ? readdirSync(realDir).filter((f) => f !== "MANIFEST.md").sort() : [];
if (realFiles.length === 0) console.log(`report/real.test: ${realDir} absent; real-instrument schema checks skipped`);

describe.skipIf(realFiles.length === 0)("real instrument exports against the JSON contract", () => {
  it("each gives a schema-valid result that keeps the contract, or a clean one-line InputError", async () => {
    const problems: string[] = [];
    for (const f of realFiles) {
      try {
        const r = await analyze(`${realDir}${f}`);
        for (const e of [...schemaErrors(validateResult, r), ...contractViolations(r)]) problems.push(`${f}: ${e}`);
      } catch (e) {
        if (!(e instanceof InputError)) problems.push(`${f}: not an InputError: ${String(e)}`);
        else if (/[\r\n]/.test(e.message)) problems.push(`${f}: multi-line error message`);
      }
    }
    expect(problems).toEqual([]);
  });
});
