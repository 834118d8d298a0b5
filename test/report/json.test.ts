import { describe, expect, it } from "vitest";
import { formatJson, formatNdjsonLine } from "../../src/report/json.js";
import { fuseResult, stableResult } from "./results.js";

describe("formatJson", () => {
  it("round-trips a result exactly, 2-space indented, with a trailing newline", () => {
    const r = fuseResult({ charge: { total_C: 1.2e-6, faradaic_C: 4e-8, nonFaradaic_C: 1.16e-6, faradaicMax_A: 1e-10 } });
    const text = formatJson(r);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "schemaVersion": 1,');
    expect(JSON.parse(text)).toEqual(r);
  });

  it("keeps the object's key order (deterministic output)", () => {
    const r = stableResult();
    const keys = Object.keys(JSON.parse(formatJson(r)) as object);
    expect(keys).toEqual(Object.keys(r));
    expect(keys.slice(0, 4)).toEqual(["schemaVersion", "tool", "file", "sampleCount"]);
    expect(formatJson(r)).toBe(formatJson(stableResult()));
  });

  it("never writes NaN or Infinity: they become null", () => {
    const r = stableResult({
      sampleRate_hz: NaN,
      noise: { sigma_A: Infinity, baseline_A: -Infinity, k_sigma: 6, threshold_A: NaN },
    });
    const text = formatJson(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    const back = JSON.parse(text) as Record<string, unknown>;
    expect(back.sampleRate_hz).toBeNull();
    expect(back.noise).toEqual({ sigma_A: null, baseline_A: null, k_sigma: 6, threshold_A: null });
    expect(back).toEqual({ ...r, sampleRate_hz: null, noise: back.noise });
  });

  it("writes numbers as JS prints them and typed arrays as arrays", () => {
    expect(formatJson({ a: 3e-10, b: -0, c: 0.1 + 0.2, d: 400001 })).toBe(
      '{\n  "a": 3e-10,\n  "b": 0,\n  "c": 0.30000000000000004,\n  "d": 400001\n}\n',
    );
    expect(formatNdjsonLine({ x: new Float64Array([1.5, NaN]) })).toBe('{"x":[1.5,null]}\n');
  });
});

describe("formatNdjsonLine", () => {
  it("is one line per object, even with newlines and line separators in strings", () => {
    const line = formatNdjsonLine(stableResult({ file: "a\nb\u2028c.csv", warnings: ["x\r\ny"] }));
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
    expect((JSON.parse(line) as { file: string }).file).toBe("a\nb\u2028c.csv");
  });

  it("round-trips several results as NDJSON", () => {
    const rs = [stableResult(), fuseResult()];
    const text = rs.map(formatNdjsonLine).join("");
    expect(text.trimEnd().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual(rs);
  });
});
