import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatJson, formatNdjsonLine } from "../../src/report/json.js";
import { SUMMARY_COLUMNS, csvCell, formatSummaryCsv, type SummaryRow } from "../../src/report/summary.js";
import { formatTimeline } from "../../src/report/text.js";
import { fuseResult } from "./results.js";

const DANGEROUS_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const anyText = fc.string({ unit: "binary", maxLength: 40 });

/** What JSON.parse(formatJson(x)) must give: non-finite numbers -> null, the rest unchanged. */
function jsonImage(x: unknown): unknown {
  if (typeof x === "number") return Number.isFinite(x) ? (Object.is(x, -0) ? 0 : x) : null;
  if (Array.isArray(x)) return x.map(jsonImage);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, jsonImage(v)]));
  return x;
}

describe("JSON printers on arbitrary values", () => {
  const value = fc.jsonValue().chain((v) => fc.constantFrom(v, { v, n: NaN, i: [Infinity, -Infinity, 1e-300, -0] }));
  it("round-trip with NaN/Infinity -> null, one line for NDJSON", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(JSON.parse(formatJson(v))).toEqual(jsonImage(v));
        const line = formatNdjsonLine(v);
        expect(line.indexOf("\n")).toBe(line.length - 1);
        expect(line).not.toMatch(/[\r\u2028\u2029]/);
        expect(JSON.parse(line)).toEqual(jsonImage(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe("CSV summary on arbitrary text", () => {
  const row = fc.record({
    file: anyText,
    error: fc.option(anyText, { nil: null }),
    softShortOnset_s: fc.option(fc.double(), { nil: null }),
    sha256: fc.option(anyText, { nil: null }),
  });
  it("parses back to the same cells, and no text cell can start a formula", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), (partial) => {
        const rows: SummaryRow[] = partial.map((p) => ({
          status: "error", verdict: null, hardShort_s: null, fuse_s: null, spikes: null, maxSpike_A: null,
          nonFaradaic_C: null, wall_s: 0.5, ...p,
        }));
        const parsed = parse(formatSummaryCsv(rows), { relax_column_count: false }) as string[][];
        expect(parsed[0]).toEqual([...SUMMARY_COLUMNS]);
        rows.forEach((r, k) => {
          const cells = parsed[k + 1]!;
          expect(cells).toHaveLength(SUMMARY_COLUMNS.length);
          SUMMARY_COLUMNS.forEach((col, c) => {
            const v = r[col];
            const cell = cells[c]!;
            if (typeof v === "number") expect(cell).toBe(Number.isFinite(v) ? String(v) : "");
            else if (v === null) expect(cell).toBe("");
            else {
              // guarded text comes back with one leading apostrophe and is otherwise unchanged
              expect(cell === v || cell === `'${v}`).toBe(true);
              if (DANGEROUS_START.test(v) && !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) expect(cell).toBe(`'${v}`);
            }
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every number a number", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Number(csvCell(x)) === x || Object.is(x, -0)));
  });
});

describe("text timeline on arbitrary file names and warnings", () => {
  it("stays free of raw control characters and keeps one line per warning", () => {
    fc.assert(
      fc.property(anyText, fc.array(anyText, { maxLength: 4 }), (file, warnings) => {
        const text = formatTimeline(fuseResult({ file, warnings }), { color: false });
        expect(text.slice(0, -1)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        expect(text.split("\n").filter((l) => l.startsWith("  warning: "))).toHaveLength(warnings.length);
      }),
      { numRuns: 200 },
    );
  });
});
