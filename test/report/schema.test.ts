import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, analyzeSamples } from "../../src/analyze.js";
import { contractPaths } from "../../src/report/contract.js";
import type { AnalysisResult, FileFailure } from "../../src/result.js";
import { simulateTrace, type SimScenario, type SimTruth } from "../../src/sim/index.js";
import { contractViolations } from "./invariants.js";
import { fuseResult, stableResult } from "./results.js";
import { ajv, repoRoot, schema, schemaErrors, validateAny, validateFailure, validateResult, type SchemaNode } from "./validate.js";

function expectValidResult(r: AnalysisResult): void {
  expect(schemaErrors(validateResult, r)).toEqual([]);
  expect(schemaErrors(validateAny, r)).toEqual([]);
  expect(contractViolations(r)).toEqual([]);
}

// a small seeded generator so crafted traces are the same on every run
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function trace(n: number, rate_hz: number, current: (k: number, noise: number) => number): { time_s: Float64Array; current_A: Float64Array } {
  const g = gaussian(n);
  const time_s = new Float64Array(n);
  const current_A = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    time_s[k] = k / rate_hz;
    current_A[k] = current(k, 0.5e-9 * g());
  }
  return { time_s, current_A };
}

describe("schema/result.schema.json", () => {
  it("is draft 2020-12 with an id, title and version, and compiles in ajv strict mode", () => {
    expect(schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", $id: "urn:softshort:schema:result:1", version: 1 });
    expect(typeof (schema as unknown as { title: string }).title).toBe("string");
  });

  it("lists and requires every field of the issue-2 contract", () => {
    const { result, failure } = contractPaths();
    const missing = (root: SchemaNode, paths: string[]): string[] =>
      paths.filter((path) => {
        let node: SchemaNode | undefined = root;
        for (const part of path.split(".")) {
          const name = part.replace(/\[\]$/, "");
          if (!node?.properties?.[name] || !node.required?.includes(name)) return true;
          node = resolve(node.properties[name]);
          if (part.endsWith("[]")) node = resolve(node?.items);
        }
        return false;
      });
    expect(missing(schema.$defs.analysisResult!, result)).toEqual([]);
    expect(missing(schema.$defs.fileFailure!, failure)).toEqual([]);
    expect(result).toHaveLength(15 + 2 + 3 + 3 + 5 + 3);
  });

  it("gives every property a description (units live there)", () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const props = (node as SchemaNode).properties;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (typeof (v as { description?: unknown }).description !== "string") undescribed.push(`${path}.${k}`);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    walk(schema, "");
    expect(undescribed).toEqual([]);
  });

  it("accepts hand-built results, extras included, and a failure record", () => {
    expectValidResult(stableResult());
    expectValidResult(fuseResult({ charge: { total_C: 1e-6, faradaic_C: 4e-8, nonFaradaic_C: 9.6e-7, faradaicMax_A: 1e-10 } }));
    expectValidResult(fuseResult({ frames: { frameRate_fps: 25, t0_s: 10, softShortOnset: 4307, hardShort: 8625, fuse: null } }));
    const failure: FileFailure = { schemaVersion: 1, file: "x.csv", status: "error", error: "x.csv: empty file", wall_s: 0.01, sha256: null };
    expect(schemaErrors(validateFailure, failure)).toEqual([]);
    expect(schemaErrors(validateAny, { ...failure, sha256: "0".repeat(64) })).toEqual([]);
    // --format json on several files: an array of results and failures, in input order
    expect(schemaErrors(validateAny, [stableResult(), failure, fuseResult()])).toEqual([]);
    expect(schemaErrors(validateAny, [stableResult(), { file: "x.csv" }])).not.toEqual([]);
  });

  it("rejects a renamed field, a wrong verdict, a NaN that became null, and a malformed failure", () => {
    const { verdict, ...rest } = stableResult();
    expect(schemaErrors(validateResult, { ...rest, stage: verdict })).toContain("/ must have required property 'verdict'");
    expect(schemaErrors(validateResult, stableResult({ verdict: "dead" as "fuse" }))).toContain("/verdict must be equal to one of the allowed values");
    expect(schemaErrors(validateResult, stableResult({ duration_s: NaN }))).toContain("/duration_s must be number");
    expect(schemaErrors(validateResult, fuseResult({ spikes: [{ start_s: 1, peak_s: 1, end_s: 1, peak_A: -1e-9, charge_C: 0 }] })))
      .toContain("/spikes/0/peak_A must be > 0");
    expect(schemaErrors(validateFailure, { schemaVersion: 1, file: "x", status: "error", error: "e", wall_s: 0, sha256: "xyz" }))
      .toContain('/sha256 must match pattern "^[0-9a-f]{64}$"');
    expect(schemaErrors(validateAny, { schemaVersion: 2 })).not.toEqual([]);
    // extras are optional, but a known extra with the wrong shape is caught
    expect(schemaErrors(validateResult, stableResult({ charge: { total_C: "1 uC" } }))).toContain("/charge/total_C must be number");
    expect(schemaErrors(validateResult, stableResult({ frames: { frameRate_fps: 25, t0_s: 0, softShortOnset: 1.5, hardShort: null, fuse: null } })))
      .toContain("/frames/softShortOnset must be integer,null");
  });

  it("accepts analyzeSamples results on crafted traces", () => {
    const rate = 1000;
    const cases = {
      noise: trace(20_000, rate, (_k, n) => n),
      spike: trace(20_000, rate, (k, n) => n + (k === 10_000 ? 5e-9 : 0)),
      stepThenFuse: trace(30_000, rate, (k, n) => n + (k >= 10_000 && k < 20_000 ? 500e-9 : 0)),
      negative: trace(30_000, rate, (k, n) => n - (k >= 10_000 && k < 20_000 ? 500e-9 : 0)),
      idleZero: trace(5_000, rate, () => 0),
    };
    for (const [name, samples] of Object.entries(cases)) {
      const r = analyzeSamples(samples, { name });
      expect({ name, errors: schemaErrors(validateResult, r), broken: contractViolations(r) }).toEqual({ name, errors: [], broken: [] });
    }
  });

  const fixtureDir = `${repoRoot}fixtures/`;
  const fixtures = existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((f) => f.endsWith(".csv")).sort() : [];
  if (fixtures.length === 0) console.log("schema test: no fixtures/*.csv yet; fixture validation skipped");
  it.skipIf(fixtures.length === 0)("accepts the analysis of every fixture", async () => {
    for (const f of fixtures) {
      const r = await analyze(`${fixtureDir}${f}`);
      expect({ f, errors: schemaErrors(validateResult, r), broken: contractViolations(r) }).toEqual({ f, errors: [], broken: [] });
    }
  });
});

// the simulator's truth is "in the contract's shape": its contract fields must validate like a result's
const resultRef = `${schema.$id}#/$defs/analysisResult/properties`;
const truthSchema = {
  $id: "urn:softshort:test:truth",
  type: "object",
  required: ["verdict", "polarity", "noise", "transitions", "spikes", "sampleCount", "duration_s"],
  properties: {
    ...Object.fromEntries(
      ["verdict", "polarity", "transitions", "spikes", "sampleCount", "duration_s"].map((k) => [k, { $ref: `${resultRef}/${k}` }]),
    ),
    // the truth knows only the contract's two noise numbers, not the detector's threshold
    noise: { type: "object", required: ["sigma_A", "baseline_A"], properties: { sigma_A: { $ref: `${resultRef}/noise/properties/sigma_A` }, baseline_A: { $ref: `${resultRef}/noise/properties/baseline_A` } } },
  },
};
const validateTruth = ajv.compile(truthSchema);

describe("simulated traces", () => {
  const scenarios: [SimScenario, 1 | -1][] = [["stable", 1], ["soft-short", 1], ["soft-hard", -1], ["soft-hard-fuse", 1], ["soft-hard-fuse", -1]];
  it("give schema-valid results and truths in the contract's shape", () => {
    for (const [scenario, polarity] of scenarios) {
      const sim = simulateTrace({ scenario, seed: 7, duration_s: 60, rate_hz: 1000, polarity });
      expect({ scenario, polarity, truth: schemaErrors(validateTruth, sim.truth) }).toEqual({ scenario, polarity, truth: [] });
      const r = analyzeSamples(sim, { name: `${scenario}${polarity}` });
      expect({ scenario, polarity, errors: schemaErrors(validateResult, r), broken: contractViolations(r) })
        .toEqual({ scenario, polarity, errors: [], broken: [] });
    }
  });

  const truths = existsSync(`${repoRoot}fixtures/`) ? readdirSync(`${repoRoot}fixtures/`).filter((f) => f.endsWith(".json")) : [];
  it.skipIf(truths.length === 0)("fixture truth files keep the contract's shape", () => {
    for (const f of truths) {
      const truth = JSON.parse(readFileSync(`${repoRoot}fixtures/${f}`, "utf8")) as SimTruth;
      expect({ f, errors: schemaErrors(validateTruth, truth) }).toEqual({ f, errors: [] });
    }
  });
});

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node) return node;
  if (node.$ref?.startsWith("#/$defs/")) return schema.$defs[node.$ref.slice("#/$defs/".length)];
  const objectBranch = node.oneOf?.find((b) => b.properties || b.$ref);
  return objectBranch ? resolve(objectBranch) : node;
}

describe("contract rules beyond the schema", () => {
  it("hold for the hand-built results and catch gaps, wrong verdicts and late spikes", () => {
    expect(contractViolations(fuseResult())).toEqual([]);
    const gappy = fuseResult({ phases: [{ phase: "quiescent", start_s: 0, end_s: 100 }, { phase: "open", start_s: 101, end_s: 400 }] });
    expect(contractViolations(gappy)).toContain("gap or overlap between phases 0 and 1");
    expect(contractViolations(fuseResult({ verdict: "hard-short" }))).toContain("verdict hard-short but transitions reach fuse");
    const late = { start_s: 370, peak_s: 370, end_s: 370.1, peak_A: 1e-9, charge_C: 1e-13 };
    expect(contractViolations(fuseResult({ spikes: [late] }))).toContain("spike at 370 after the hard short");
    expect(contractViolations(stableResult({ phases: [{ phase: "quiescent", start_s: 0, end_s: 599 }] }))).toContain("last phase ends at 599, not 600");
  });
});
