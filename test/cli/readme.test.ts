// The README's Quick start shows what `npx softshort analyze fixtures/latp-fuse.csv` prints: a detector
// change that alters any figure of it must update the README (and docs/cli.md, docs/json.md with it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./helpers.js";

describe("README quick start", () => {
  it("prints exactly the example output the README shows", async () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const block = /<!-- example:begin -->\n```\n\$ npx softshort analyze (\S+)\n([\s\S]*?)```\n<!-- example:end -->/.exec(readme);
    expect(block, "README example block").not.toBeNull();
    const run = await runCli(["analyze", path.join(repoRoot, block![1]!)]);
    expect(run.code).toBe(0);
    expect(run.stdout.replaceAll(path.join(repoRoot, block![1]!), block![1]!)).toBe(block![2]);
  });
});
